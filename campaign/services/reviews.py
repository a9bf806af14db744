"""The review cycle of what a unit hands in and a reviewer accepts or returns (registrations, achievements):
draft → submitted → accepted, or → returned (with a reason) → resubmitted → accepted or returned again.

Each function guards the state, saves with ``update_fields`` and writes one history row naming who and why.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ReviewStatus
from .common import mark_first_submission, move, required_reason, stamp_review

S = ReviewStatus


@transaction.atomic
def submit(obj, *, by, deadline, reason=""):
    """Draft → submitted, returned → resubmitted; the first submission after ``deadline`` is marked late."""
    target = S.RESUBMITTED if obj.status == S.RETURNED else S.SUBMITTED
    fields = mark_first_submission(obj, deadline)
    default = _("Gửi lại sau khi sửa") if target == S.RESUBMITTED else _("Gửi để xét")
    return move(obj, sources=S.editable(), target=target, by=by, reason=reason or default, fields=fields,
                refused=_("Chỉ gửi được khi đang soạn hoặc bị trả lại."))


@transaction.atomic
def withdraw(obj, *, by, reason=""):
    """Submitted → draft, resubmitted → returned: the unit takes it back to change it before anyone reviewed it."""
    target = S.RETURNED if obj.status == S.RESUBMITTED else S.DRAFT
    return move(obj, sources=S.pending(), target=target, by=by, reason=reason or _("Rút lại để sửa"),
                refused=_("Chỉ rút lại được khi đã gửi và chưa được xét."))


@transaction.atomic
def accept(obj, *, by, reason=""):
    fields = stamp_review(obj, by=by)
    return move(obj, sources=S.pending(), target=S.ACCEPTED, by=by, reason=reason or _("Chấp nhận"), fields=fields,
                refused=_("Chỉ chấp nhận được khi đã gửi và chưa được xét."))


@transaction.atomic
def return_for_changes(obj, *, by, reason):
    """Submitted or resubmitted → returned, with the reason the unit reads."""
    obj.return_reason = required_reason(reason)
    fields = ["return_reason", *stamp_review(obj, by=by)]
    return move(obj, sources=S.pending(), target=S.RETURNED, by=by,
                reason=_("Trả lại: %(reason)s") % {"reason": obj.return_reason}, fields=fields,
                refused=_("Chỉ trả lại được khi đã gửi và chưa được xét."))
