"""python manage.py send_reminders [--date dd/mm/yyyy] — what Celery beat does each morning, for installations
without beat (the embedded default): remind the units that are late or near a deadline, once a day."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.reminders import send_reminders
from units.notify import send_outbox

from .import_launch_document import vietnamese_date


class Command(BaseCommand):
    help = "Nhắc hạn các đơn vị chậm hoặc sắp đến hạn (mỗi đơn vị, mỗi giai đoạn một lần một ngày) và gửi thư."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=vietnamese_date, help="Ngày nhắc, dd/mm/yyyy; mặc định: hôm nay")

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        sent = send_reminders(today=today)
        for reminder in sent:
            self.stdout.write(f"  {reminder.text} ({reminder.recipients} " + _("người nhận") + ")")
        self.stdout.write(self.style.SUCCESS(
            _("Ngày %(day)s: đã nhắc %(count)s lượt đơn vị.") % {"day": today.strftime("%d/%m/%Y"), "count": len(sent)}
        ))
        mailed = send_outbox()
        if mailed:
            self.stdout.write(_("Đã gửi %(count)s thư.") % {"count": mailed})
