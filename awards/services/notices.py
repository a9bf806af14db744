"""What screening and decisions tell the people concerned: a notice in the portal and an e-mail (``units.notify``).

The unit's officers hear that their batch was received, returned to them or forwarded to the council, how each of
their nominees was screened, and which were awarded by a decision (or lost the award when it was cancelled). On the
staff side the specialist (or the board) a batch is assigned to, or returned to one step back, hears of it.

Each function is called by the service of its transition, inside its transaction; the person who acted is not told
of their own act.
"""

from django.utils.translation import gettext as _

from campaign.services.notices import tell, tell_unit
from units.models import Role, User

from ..models import AwardKind, BatchStatus, ScreeningStatus, StaffFunction


def _screeners(batch, *, by):
    """Who screens ``batch``: its specialist, else the specialists and heads of its board; never ``by``."""
    if batch.assigned_to_id is not None:
        users = User.objects.filter(pk=batch.assigned_to_id)
    elif batch.assigned_board_id is not None:
        users = User.objects.filter(staff_post__board_id=batch.assigned_board_id, role=Role.STAFF,
                                    staff_post__function__in=[StaffFunction.SPECIALIST, StaffFunction.HEAD])
    else:
        users = User.objects.none()
    return users.filter(is_active=True).exclude(pk=by.pk).order_by("pk")


def _holder(batch, *, by):
    """Who holds ``batch`` now: its holder, else (a batch of a board) the board's screeners."""
    if batch.holder_id is not None:
        return User.objects.filter(pk=batch.holder_id, is_active=True).exclude(pk=by.pk)
    return _screeners(batch, by=by)


def _tell_unit(batch, kind, headline, *, by, reason=""):
    return tell_unit(batch.unit, kind=kind, headline=headline, url=batch.get_absolute_url(), by=by, reason=reason)


# --- Batches ---------------------------------------------------------------------------------------------------------


def batch_received(batch, *, by):
    headline = _("%(batch)s đã được Sở Nội vụ tiếp nhận") % {"batch": batch}
    return _tell_unit(batch, "batch_received", headline, by=by)


def batch_assigned(batch, *, by, note=""):
    """To the specialist (or the board) the batch was assigned to."""
    headline = _("Anh/chị được phân công thẩm định %(batch)s") % {"batch": batch}
    return tell(_screeners(batch, by=by), kind="batch_assigned", headline=headline, url=batch.get_absolute_url(),
                reason=note)


def batch_returned(batch, *, by):
    """To the unit's officers when it went back to the unit; else to whoever holds it one step back (the clerk who
    received it, or its specialist)."""
    if batch.status == BatchStatus.RETURNED:
        headline = _("%(batch)s đã bị trả lại đơn vị") % {"batch": batch}
        return _tell_unit(batch, "batch_returned", headline, by=by, reason=batch.return_reason)
    headline = _("%(batch)s đã được trả lại cho anh/chị") % {"batch": batch}
    return tell(_holder(batch, by=by), kind="batch_returned", headline=headline, url=batch.get_absolute_url(),
                reason=batch.return_reason)


def batch_forwarded(batch, *, by, note=""):
    headline = _("%(batch)s đã được chuyển Hội đồng Thi đua – Khen thưởng tỉnh") % {"batch": batch}
    return _tell_unit(batch, "batch_forwarded", headline, by=by, reason=note)


# --- Nominees --------------------------------------------------------------------------------------------------------


def _nominee(nomination):
    return {"nominee": nomination.recipient, "form": nomination.award_form.name}


def nomination_screened(nomination, *, by):
    """The specialist's mark of one nominee: meets the conditions, or fails them (with the reason)."""
    if nomination.status == ScreeningStatus.FAILS:
        headline = _("Đề nghị khen thưởng %(nominee)s (%(form)s) không đủ điều kiện") % _nominee(nomination)
    else:
        headline = _("Đề nghị khen thưởng %(nominee)s (%(form)s) đủ điều kiện") % _nominee(nomination)
    return tell_unit(nomination.batch.unit, kind="nomination_screened", headline=headline,
                     url=nomination.get_absolute_url(), by=by, reason=nomination.screening_reason)


def _proposed(nomination):
    """The nomination as its unit proposed it: a nominee the province consolidated into its own proposal is the
    unit's original (the unit sees that one, not the province's copy)."""
    return nomination.source if nomination.source_id is not None else nomination


def _awarded(item):
    return item.awarded_form or item.nomination.award_form


def _form(item):
    return _awarded(item).name


def decision_recorded(decision, items, *, by):
    """To the officers of each decided nominee's unit, one notice per nominee (``items``: the decided agenda
    items)."""
    for item in items:
        nomination = _proposed(item.nomination)
        if _awarded(item).kind == AwardKind.TITLE:
            headline = _("%(nominee)s được công nhận danh hiệu “%(form)s” theo %(decision)s")
        else:
            headline = _("%(nominee)s được tặng “%(form)s” theo %(decision)s")
        headline %= {"nominee": nomination.recipient, "form": _form(item), "decision": decision}
        tell_unit(nomination.batch.unit, kind="decision_recorded", headline=headline,
                  url=nomination.get_absolute_url(), by=by)


def decision_cancelled(decision, items, *, by):
    """To the officers of each nominee's unit whose award ``decision`` gave, with the reason of the cancellation
    (``items``: the agenda items it had decided)."""
    for item in items:
        nomination = _proposed(item.nomination)
        headline = _("%(decision)s khen thưởng %(nominee)s (“%(form)s”) đã bị hủy") % {
            "decision": decision, "nominee": nomination.recipient, "form": _form(item)}
        tell_unit(nomination.batch.unit, kind="decision_cancelled", headline=headline,
                  url=nomination.get_absolute_url(), by=by, reason=decision.cancel_reason)
