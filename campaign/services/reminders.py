"""Reminding units of their phases' deadlines (issue 8, point 2).

Every day (Celery beat, or ``manage.py send_reminders``) each running campaign looks at its phases that have a
deadline; a participating unit that has not yet done what a phase asks, whose deadline is at most
``campaign.reminder_days`` days away or already passed, is reminded: its officers get a notice in the portal and an
e-mail through the outbox. A Reminder row (unique per campaign, unit, phase and day) is claimed first, so however
often the job runs a unit hears of a phase once a day.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.models import Role, Unit, User
from units.notify import absolute, notify

from ..models import Campaign, Phase, Reminder
from ..selectors.dashboard import phase_deadline, units_behind
from .common import OPEN_FOR_UNITS

# What the deadline of each phase is for, as it reads after "hạn …".
DEADLINE_OF = {
    Phase.REGISTRATION: gettext_lazy("đăng ký thi đua"),
    Phase.WORKS: gettext_lazy("đăng ký công trình, phần việc"),
    Phase.SCORING: gettext_lazy("gửi bảng tự chấm điểm"),
    Phase.NOMINATIONS: gettext_lazy("gửi hồ sơ đề nghị khen thưởng"),
}
# Where the unit's officers act on each phase: the view of each redirects to what the unit has already.
ACTION_URL = {
    Phase.REGISTRATION: "campaign:registration_create",
    Phase.WORKS: "campaign:unit_progress",
    Phase.SCORING: "campaign:scorecard_open",
    Phase.NOMINATIONS: "campaign:unit_progress",
}


@dataclass(frozen=True)
class SentReminder:
    """One unit reminded of one phase: ``days`` left before the deadline (negative: days late)."""

    campaign: Campaign
    unit: Unit
    phase: str
    deadline: datetime.date
    days: int
    text: str
    recipients: int

    @property
    def late(self):
        return self.days < 0


def send_reminders(*, today):
    """Reminds, for each launched or evaluating campaign, the units that are behind on a phase due within its
    ``reminder_days`` or already late. Side effects: per unit and phase a Reminder row for ``today`` (only the run
    that creates it goes on), notices for the unit's active officers and e-mails queued in the outbox (sent after
    the commit). Units without an active officer are skipped, so a later run the same day reaches officers added
    meanwhile. Returns the reminders sent by this run."""
    sent = []
    for campaign in Campaign.objects.filter(status__in=OPEN_FOR_UNITS).order_by("pk"):
        # One commit per campaign: its e-mails then go out in one run of the outbox.
        with transaction.atomic():
            sent += remind_campaign(campaign, today=today)
    return sent


def remind_campaign(campaign, *, today):
    """The reminders of one campaign's phases on ``today`` (see ``send_reminders``); call it in a transaction."""
    sent = []
    for phase in Phase:
        deadline = phase_deadline(campaign, phase)
        if deadline is None or (deadline - today).days > campaign.reminder_days:
            continue
        for unit in _units_behind(campaign, phase, today=today):
            reminder = _remind(campaign, unit, phase=phase, deadline=deadline, today=today)
            if reminder is not None:
                sent.append(reminder)
    return sent


def _units_behind(campaign, phase, *, today):
    """The active participating units that have not done ``phase`` (the dashboard's rule), each with its active
    officers."""
    officers = User.objects.filter(role=Role.OFFICER, is_active=True).order_by("pk")
    return units_behind(campaign, phase, today=today).filter(is_active=True).prefetch_related(
        Prefetch("officers", queryset=officers, to_attr="to_remind")
    )


def _remind(campaign, unit, *, phase, deadline, today):
    """Claims the day's Reminder row and tells the unit's officers, in one transaction: None when the unit has no
    active officer or was reminded of the phase today already."""
    if not unit.to_remind:
        return None
    days = (deadline - today).days
    text = reminder_text(unit, phase=phase, deadline=deadline, days=days)
    url = reverse(ACTION_URL[phase], kwargs={"pk": campaign.pk, "unit_pk": unit.pk})
    try:
        with transaction.atomic():
            Reminder.objects.create(campaign=campaign, unit=unit, phase=phase, day=today, deadline=deadline,
                                    late=days < 0)
            notify(unit.to_remind, kind="reminder", text=text, url=url,
                   subject=_("Nhắc hạn: %(text)s") % {"text": text}, body=_reminder_body(campaign, text, url),
                   key=f"reminder:{campaign.pk}:{unit.pk}:{phase.value}:{today.isoformat()}")
    except IntegrityError:
        return None  # another run reminded the unit of this phase today
    return SentReminder(campaign=campaign, unit=unit, phase=phase, deadline=deadline, days=days, text=text,
                        recipients=len(unit.to_remind))


def reminder_text(unit, *, phase, deadline, days):
    values = {"unit": unit.name, "what": DEADLINE_OF[phase], "deadline": deadline.strftime("%d/%m/%Y"),
              "days": abs(days)}
    if days > 0:
        return _("Đơn vị %(unit)s còn %(days)s ngày đến hạn %(what)s (%(deadline)s).") % values
    if days == 0:
        return _("Hôm nay (%(deadline)s) là hạn %(what)s của đơn vị %(unit)s.") % values
    return _("Đơn vị %(unit)s đã quá hạn %(what)s %(days)s ngày (hạn %(deadline)s).") % values


def _reminder_body(campaign, text, url):
    return _("%(text)s\n\nPhong trào: %(campaign)s\nXem và thực hiện tại: %(url)s\n\n"
             "Thư này được gửi tự động mỗi ngày cho đến khi đơn vị hoàn thành.") % {
        "text": text, "campaign": campaign.title, "url": absolute(url),
    }
