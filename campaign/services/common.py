"""What the writes of registrations, pacts, works, reports, achievements and evidence share: the history stamp and
guarded state transitions."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

REASON_MAX = 500  # a reason is a sentence or two, not a document


def record(obj, *, by, reason=""):
    """Names who made the next change and why, for the history row the next save writes."""
    obj._change_reason = str(reason)[:REASON_MAX]
    if by is not None:
        obj._history_user = by


def save(obj, *, by, reason="", **kwargs):
    record(obj, by=by, reason=reason)
    obj.save(**kwargs)
    return obj


def move(obj, *, sources, target, by, reason, fields=(), refused=None):
    """Moves ``obj.status`` from one of ``sources`` to ``target``, saving ``fields`` too, with a history row.

    Refuses (ValidationError) when the object is not in one of ``sources``: someone else moved it first, or the
    button was stale.
    """
    if obj.status not in sources:
        raise ValidationError(refused or _("Không thực hiện được: trạng thái hiện tại là “%(status)s”.")
                              % {"status": obj.get_status_display()})
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
