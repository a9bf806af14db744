"""python manage.py backfill_activity: the activity log's rows for history written before the log existed."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from units.activity import backfill


class Command(BaseCommand):
    help = "Ghi nhật ký hoạt động cho các dòng lịch sử thay đổi chưa có trong nhật ký (chạy lại không ghi trùng)."

    def handle(self, *args, **options):
        self.stdout.write(_("Đã ghi %(count)d dòng nhật ký hoạt động.") % {"count": backfill()})
