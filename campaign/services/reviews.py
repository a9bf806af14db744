"""The review cycle of what a unit hands in and a reviewer accepts or returns (registrations, works, achievements):
draft → submitted → accepted, or → returned (with a reason) → resubmitted → accepted or returned again.

The states come from the model's ``Status`` (``models.base.ReviewedModel``): its DRAFT, SUBMITTED, RETURNED and
ACCEPTED, and ``pending()``, the states waiting for a reviewer. A model whose status has no RESUBMITTED (works) names
the state a resubmission goes to (``resubmitted_state``).

Each function locks the row and reads its state afresh (``common.lock``), guards it, saves with ``update_fields``
and writes one history row naming who and why.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .common import guard_state, lock, mark_first_submission, required_reason, stamp_review, switch


@transaction.atomic
def submit(obj, *, by, deadline, reason="", resubmitted_state=None, check=None):
    """Draft → submitted, returned → resubmitted (or ``resubmitted_state``); the first submission after ``deadline``
    is marked late. ``check(obj)``, called once the state is known to allow it, refuses what is incomplete."""
    S = obj.Status
    lock(obj, "status", "submitted_at", "is_late")
    guard_state(obj, [S.DRAFT, S.RETURNED], _("Chỉ gửi được khi đang soạn hoặc bị trả lại."))
    if check is not None:
        check(obj)
    again = obj.status == S.RETURNED
    target = (resubmitted_state or S.RESUBMITTED) if again else S.SUBMITTED
    fields = mark_first_submission(obj, deadline)
    default = _("Gửi lại sau khi sửa") if again else _("Gửi để xét")
    return switch(obj, target, by=by, reason=reason or default, fields=fields)


@transaction.atomic
def withdraw(obj, *, by, reason=""):
    """Submitted → draft, resubmitted → returned: the unit takes it back to change it before anyone reviewed it."""
    S = obj.Status
    lock(obj, "status")
    guard_state(obj, S.pending(), _("Chỉ rút lại được khi đã gửi và chưa được xét."))
    target = S.DRAFT if obj.status == S.SUBMITTED else S.RETURNED
    return switch(obj, target, by=by, reason=reason or _("Rút lại để sửa"))


@transaction.atomic
def accept(obj, *, by, reason=""):
    """Submitted or resubmitted → accepted, stamping the reviewer."""
    S = obj.Status
    lock(obj, "status")
    guard_state(obj, S.pending(), _("Chỉ chấp nhận được khi đã gửi và chưa được xét."))
    fields = stamp_review(obj, by=by)
    return switch(obj, S.ACCEPTED, by=by, reason=reason or _("Chấp nhận"), fields=fields)


@transaction.atomic
def return_for_changes(obj, *, by, reason):
    """Submitted or resubmitted → returned, with the reason the unit reads (kept whole in ``return_reason`` and in
    the history), stamping the reviewer."""
    S = obj.Status
    reason = required_reason(reason)
    lock(obj, "status")
    guard_state(obj, S.pending(), _("Chỉ trả lại được khi đã gửi và chưa được xét."))
    obj.return_reason = reason
    fields = ["return_reason", *stamp_review(obj, by=by)]
    return switch(obj, S.RETURNED, by=by, reason=_("Trả lại: %(reason)s") % {"reason": reason}, fields=fields)
