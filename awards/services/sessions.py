"""The council's sessions: created and edited by staff while preparing (the agenda of forwarded nominees, the
members sitting), the roll taken, and the ballot opened. Each write locks its row, guards the state, saves what
changed and writes history naming who and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.models import CampaignStatus
from campaign.services.common import changed_fields, guard_state, lock, record, save

from ..models import (
    AgendaItem,
    Attendance,
    CouncilMember,
    CouncilSession,
    ScreeningStatus,
    SessionMember,
    SessionStatus,
)
from ..selectors.sessions import council_role_rank, order_nominees

SESSION_FIELDS = ("campaign", "title", "meets_at", "place", "chair", "secretary")
CAMPAIGN_STATES = (CampaignStatus.LAUNCHED, CampaignStatus.EVALUATING, CampaignStatus.CLOSED)
NOT_PREPARING = gettext_lazy("Phiên họp đã mở bỏ phiếu: không sửa được nữa.")


def _meeting_day(meets_at):
    return timezone.localdate(meets_at) if timezone.is_aware(meets_at) else meets_at.date()


def _guard_values(values):
    errors = {}
    campaign = values["campaign"]
    if campaign.status not in CAMPAIGN_STATES:
        errors["campaign"] = _("Phong trào chưa phát động hoặc đã hủy: không lập phiên họp được.")
    serving = CouncilMember.objects.serving_on(_meeting_day(values["meets_at"]))
    for name in ("chair", "secretary"):
        if not serving.filter(pk=values[name].pk).exists():
            errors[name] = _("Người này không là thành viên Hội đồng vào ngày họp.")
    if errors:
        raise ValidationError(errors)


def _guard_nominations(campaign, nominations, session=None):
    """Every nominee is a forwarded one of the campaign, on no other session's agenda (one query for all)."""
    for nomination in nominations:
        if nomination.batch.campaign_id != campaign.pk or nomination.status != ScreeningStatus.FORWARDED:
            raise ValidationError({"nominations": _("“%(name)s” chưa được chuyển Hội đồng trong phong trào này.")
                                                  % {"name": nomination.recipient}})
    taken = AgendaItem.objects.filter(nomination__in=[nomination.pk for nomination in nominations])
    if session is not None:
        taken = taken.exclude(session=session)
    taken = set(taken.values_list("nomination_id", flat=True))
    for nomination in nominations:
        if nomination.pk in taken:
            raise ValidationError({"nominations": _("“%(name)s” đã có trong danh sách của phiên họp khác.")
                                                  % {"name": nomination.recipient}})


def _seats_on(day):
    """The ids of the seats sitting on ``day``: every person serving then, once, through their best-ranked seat
    (chair, vice-chair, secretary, member; then the oldest seat)."""
    serving = (CouncilMember.objects.serving_on(day).annotate(rank=council_role_rank())
               .order_by("rank", "pk").values_list("pk", "user_id"))
    seats = {}
    for pk, user_id in serving:
        seats.setdefault(user_id, pk)
    return set(seats.values())


def _seat_members(session, *, by, reason=""):
    """Every person serving on the session's date sits in it once (the roll of seats no longer sitting goes)."""
    serving = _seats_on(_meeting_day(session.meets_at))
    for row in session.members.exclude(member_id__in=serving):
        record(row, by=by, reason=reason)
        row.delete()
    present = set(session.members.values_list("member_id", flat=True))
    for member_id in sorted(serving - present):
        save(SessionMember(session=session, member_id=member_id), by=by, reason=reason)


def _set_agenda(session, nominations, *, by, reason=""):
    wanted = {nomination.pk: position for position, nomination in enumerate(order_nominees(nominations), start=1)}
    for item in session.items.all():
        if item.nomination_id not in wanted:
            record(item, by=by, reason=reason)
            item.delete()
        elif item.position != wanted[item.nomination_id]:
            item.position = wanted.pop(item.nomination_id)
            save(item, by=by, reason=reason, update_fields=["position"])
        else:
            wanted.pop(item.nomination_id)
    for nomination_id, position in wanted.items():
        save(AgendaItem(session=session, nomination_id=nomination_id, position=position), by=by, reason=reason)


@transaction.atomic
def create_session(*, campaign, values, nominations, by):
    """A preparing session of ``campaign`` with ``values`` (title, meets_at, place, chair, secretary), every member
    serving on its date sitting, and ``nominations`` on its agenda in the grouped order."""
    values = {**values, "campaign": campaign}
    _guard_values(values)
    nominations = list(nominations)
    _guard_nominations(campaign, nominations)
    session = CouncilSession(created_by=by, **{name: values[name] for name in SESSION_FIELDS})
    save(session, by=by)
    _seat_members(session, by=by)
    _set_agenda(session, nominations, by=by)
    return session


@transaction.atomic
def update_session(session, *, values, nominations, by, reason):
    """Changes a preparing session's fields and agenda (nominees removed and added); the members sitting follow the
    date. ``reason`` is kept in the history."""
    lock(session, "status", "campaign")
    guard_state(session, (SessionStatus.PREPARING,), NOT_PREPARING)
    values = {**values, "campaign": values.get("campaign", session.campaign)}
    _guard_values(values)
    nominations = list(nominations)
    _guard_nominations(values["campaign"], nominations, session)
    changed = changed_fields(session, values)
    if changed:
        save(session, by=by, reason=reason, update_fields=changed)
    if "meets_at" in changed:
        _seat_members(session, by=by, reason=reason)
    _set_agenda(session, nominations, by=by, reason=reason)
    return session


@transaction.atomic
def set_attendance(session, *, rows, by):
    """``rows``: {SessionMember: attendance}. Staff take the roll while preparing or while the ballot is open."""
    lock(session, "status")
    guard_state(session, (SessionStatus.PREPARING, SessionStatus.OPEN),
                _("Phiên họp đã kết thúc bỏ phiếu: không điểm danh lại được."))
    valid = set(Attendance.values)
    current = dict(session.members.values_list("pk", "attendance"))
    for row, attendance in rows.items():
        if row.pk not in current or attendance not in valid:
            raise ValidationError(_("Danh sách điểm danh không hợp lệ: hãy tải lại trang."))
        if current[row.pk] != attendance:
            row.attendance = attendance
            save(row, by=by, update_fields=["attendance"])
    return session


@transaction.atomic
def open_ballot(session, *, by):
    """preparing → open: fixes ``member_count`` (every member sitting) and stamps ``opened_at``."""
    lock(session, "status")
    guard_state(session, (SessionStatus.PREPARING,), _("Phiên họp không ở trạng thái đang chuẩn bị."))
    member_count = session.members.count()
    if member_count == 0:
        raise ValidationError(_("Phiên họp chưa có thành viên Hội đồng nào: không mở bỏ phiếu được."))
    if not session.items.exists():
        raise ValidationError(_("Phiên họp chưa có người được đề nghị nào: không mở bỏ phiếu được."))
    no_threshold = (session.items.filter(nomination__award_form__council_threshold__isnull=True)
                    .select_related("nomination__award_form").order_by("position", "id").first())
    if no_threshold is not None:
        raise ValidationError(_("Hình thức “%(form)s” chưa có ngưỡng đồng ý của Hội đồng: không mở bỏ phiếu được.")
                              % {"form": no_threshold.nomination.award_form.name})
    session.status = SessionStatus.OPEN
    session.member_count = member_count
    session.opened_at = timezone.now()
    return save(session, by=by, reason=_("Mở bỏ phiếu"), update_fields=["status", "member_count", "opened_at"])
