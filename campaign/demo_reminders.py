"""Demo reminders of the 2019 campaign: the job of a few mornings of 2019 run again, so the outbox and the officers'
notices have content.

The demo sets the nominations' deadline, then runs the reminders of three days: two days before the registration
deadline (31/03/2019), two days after it, and two days before the self-scoring deadline (10/10/2019). Only units
with a demo officer account and still behind are reminded (Sở Y tế, thành phố Lạng Sơn). The notices and e-mails are
then dated to those mornings, and the e-mails marked as sent then (one as failed, to show that state), as the job
would have left them; nothing is printed to the console. Running it again changes nothing: each unit, phase and day
is reminded once.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from units.models import EmailStatus, Notification, OutboxEmail, User

from .demo import START_DATE
from .models import Campaign, CampaignKind
from .services import registrations as registration_services
from .services.reminders import remind_campaign

D = datetime.date
NOMINATION_DEADLINE = D(2019, 10, 20)
DAYS = (D(2019, 3, 29), D(2019, 4, 2), D(2019, 10, 8))
FAILURE = "[Errno 111] Connection refused"


def demo_campaign():
    return Campaign.objects.filter(start_date=START_DATE, kind=CampaignKind.SPECIAL).order_by("pk").first()


def _morning(day, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(7, minute)))


def _key(reminder, officer, day):
    # As units.notify makes it: the reminder's key, then the officer's id.
    return f"reminder:{reminder.campaign.pk}:{reminder.unit.pk}:{reminder.phase.value}:{day.isoformat()}:{officer.pk}"


def _date_as_of(day, reminders, *, fail_first):
    """The notices and e-mails of ``reminders`` (sent on ``day``) dated to that morning, the e-mails sent (or the
    first one failed after its five attempts)."""
    keys = []
    for reminder in reminders:
        officers = reminder.unit.to_remind
        Notification.objects.filter(user__in=officers, kind="reminder", text=reminder.text).update(
            created_at=_morning(day))
        keys += [_key(reminder, officer, day) for officer in officers]
    emails = OutboxEmail.objects.filter(key__in=keys, status=EmailStatus.QUEUED)
    emails.update(created_at=_morning(day), status=EmailStatus.SENT, attempts=1, sent_at=_morning(day, 1))
    if fail_first and keys:
        OutboxEmail.objects.filter(key=keys[0]).update(status=EmailStatus.FAILED, attempts=5, sent_at=None,
                                                       error=FAILURE)


def load(stdout=None):
    """Runs the demo's reminders once; returns how many units were reminded now (0 when loaded before)."""
    campaign = demo_campaign()
    staff = User.objects.filter(username="snv.tdkt").first()
    if campaign is None or staff is None:
        return 0
    sent = 0
    with transaction.atomic():
        registration_services.set_deadlines(campaign, nomination_deadline=NOMINATION_DEADLINE, by=staff,
                                            reason="Thời hạn theo kế hoạch của tỉnh")
        for day in DAYS:
            reminders = remind_campaign(campaign, today=day)
            _date_as_of(day, reminders, fail_first=day == DAYS[-1])
            sent += len(reminders)
    if stdout is not None and sent:
        stdout.write(f"  {sent} lượt nhắc hạn cho đơn vị chậm, sắp đến hạn (thông báo và thư trong hộp thư đi).")
    return sent
