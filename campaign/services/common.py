"""What the writes of registrations, pacts, works, reports, achievements and evidence share: the history stamp, the
guard "the campaign is open for units", row locks with fresh reads, and guarded state transitions (``lock``, then
``guard_state``, then ``switch``).

A guard reads the state it guards from the database inside the write's transaction, with the row locked
(``lock``): the copy a view loaded may be stale by the time the button is pressed, and two people may press at once.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Campaign, CampaignStatus

OPEN_FOR_UNITS = (CampaignStatus.LAUNCHED, CampaignStatus.EVALUATING)


def record(obj, *, by, reason=""):
    """Names who made the next change and why, for the history row the next save writes. The reason is kept whole
    (the history column is a text field); forms limit what a person may type."""
    obj._change_reason = str(reason)
    if by is not None:
        obj._history_user = by


def save(obj, *, by, reason="", **kwargs):
    record(obj, by=by, reason=reason)
    obj.save(**kwargs)
    return obj


def lock(obj, *fields):
    """Locks ``obj``'s row until the transaction ends and reads ``fields`` afresh onto ``obj`` (a foreign key by its
    id). Call it inside ``transaction.atomic``: what the guards then read cannot change before the write commits.

    Refused (ValidationError) when the row is gone: someone deleted it meanwhile.
    """
    attnames = [obj._meta.get_field(name).attname for name in fields]
    rows = type(obj)._base_manager.select_for_update().filter(pk=obj.pk)
    try:
        current = rows.values("pk", *attnames).get()
    except ObjectDoesNotExist:
        raise ValidationError(_("Hồ sơ này không còn: hãy tải lại trang.")) from None
    for attname in attnames:
        setattr(obj, attname, current[attname])
    return obj


def guard_open(campaign):
    """Refuses a unit's change (and a change of what units handed in) unless the campaign is launched or being
    evaluated. The status is read afresh: the campaign may have been closed since the page was loaded."""
    campaign.status = Campaign.objects.values_list("status", flat=True).get(pk=campaign.pk)
    if campaign.status not in OPEN_FOR_UNITS:
        raise ValidationError(_("Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."))


def changed_fields(obj, values):
    """Sets on ``obj`` each of ``values`` that differs from what it holds; returns the names of those fields.
    A foreign key is compared by id, so no related object is loaded."""
    changed = []
    for name, value in values.items():
        field = obj._meta.get_field(name)
        wanted = value.pk if isinstance(value, models.Model) else value
        if getattr(obj, field.attname) != wanted:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def guard_state(obj, sources, refused=None):
    """Refuses (ValidationError) unless ``obj.status`` is one of ``sources``; read it with ``lock`` first."""
    if obj.status not in sources:
        raise ValidationError(refused or _("Không thực hiện được: trạng thái hiện tại là “%(status)s”.")
                              % {"status": obj.get_status_display()})


def switch(obj, target, *, by, reason, fields=()):
    """Sets ``obj.status`` to ``target`` and saves it with ``fields``, writing one history row. The caller has locked
    the row and guarded its state."""
    obj.status = target
    return save(obj, by=by, reason=reason, update_fields=["status", *fields])


def mark_first_submission(obj, deadline):
    """Stamps the first submission and whether it came after ``deadline`` (a date, or None for no deadline).

    Returns the names of the fields it set; a later submission (after a return) changes nothing.
    """
    if obj.submitted_at is not None:
        return []
    obj.submitted_at = timezone.now()
    obj.is_late = bool(deadline and timezone.localdate(obj.submitted_at) > deadline)
    return ["submitted_at", "is_late"]


def stamp_review(obj, *, by):
    obj.reviewed_by = by
    obj.reviewed_at = timezone.now()
    return ["reviewed_by", "reviewed_at"]


def required_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")})
    return reason
