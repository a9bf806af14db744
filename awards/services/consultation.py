"""The public comment on a province proposal's nominee list (lấy ý kiến nhân dân, domain.md §6): staff create a
consultation with its dates, publish it (and may take it back); anyone comments on a nominee while it is open; the
comments wait (pending) until staff approve or reject them. Each change writes a history row (a comment's contact
is never copied into the history)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import lock, save
from units.vietnamese import nfc

from ..models import BatchKind, CommentStatus, Consultation, PublicComment
from ..selectors.consultation import Period, period, public_nominee

FIELDS = ("title", "notice", "opens_on", "closes_on")


def _text(value):
    """NFC, its lines kept (``nfc`` folds them into one)."""
    return unicodedata.normalize("NFC", value or "").strip()


def _set_values(consultation, values):
    for field in FIELDS:
        if field in values:
            value = values[field]
            value = nfc(value or "") if field == "title" else _text(value) if field == "notice" else value
            setattr(consultation, field, value)
    if consultation.opens_on and consultation.closes_on and consultation.closes_on < consultation.opens_on:
        raise ValidationError({"closes_on": _("Ngày kết thúc nhận ý kiến phải sau hoặc trùng ngày bắt đầu.")})


@transaction.atomic
def create_consultation(*, batch, values, by):
    """A new, unpublished consultation on the province proposal ``batch``; one history row. Refuses a unit's
    batch: only the province's proposals upward go out for public comment."""
    if batch.kind != BatchKind.PROVINCE:
        raise ValidationError({"batch": _("Chỉ lấy ý kiến nhân dân về tờ trình của tỉnh đề nghị cấp trên.")})
    consultation = Consultation(batch=batch, created_by=by)
    _set_values(consultation, values)
    return save(consultation, by=by, reason=_("Tạo đợt lấy ý kiến nhân dân"))


@transaction.atomic
def update_consultation(consultation, *, values, by):
    lock(consultation)
    _set_values(consultation, values)
    return save(consultation, by=by, reason=_("Sửa đợt lấy ý kiến nhân dân"))


@transaction.atomic
def publish_consultation(consultation, *, by):
    """Puts the nominee list on the public pages (``published_at``). Refuses one already published."""
    if lock(consultation, "published_at").published_at is not None:
        raise ValidationError(_("Đợt lấy ý kiến này đã được công bố."))
    consultation.published_at = timezone.now()
    return save(consultation, by=by, reason=_("Công bố danh sách lấy ý kiến nhân dân"),
                update_fields=["published_at"])


@transaction.atomic
def unpublish_consultation(consultation, *, by):
    """Takes the list off the public pages; its comments stay. Refuses one not published."""
    if lock(consultation, "published_at").published_at is None:
        raise ValidationError(_("Đợt lấy ý kiến này chưa được công bố."))
    consultation.published_at = None
    return save(consultation, by=by, reason=_("Thu hồi danh sách lấy ý kiến nhân dân"),
                update_fields=["published_at"])


def guard_open(consultation, today=None):
    """Refuses a comment unless the consultation is published and today is within its dates (read afresh)."""
    current = Consultation.objects.filter(pk=consultation.pk).values("published_at", "opens_on", "closes_on").first()
    if current is None or current["published_at"] is None:
        raise ValidationError(_("Đợt lấy ý kiến này không còn được công bố."))
    for name, value in current.items():
        setattr(consultation, name, value)
    when = period(consultation, today)
    if when is Period.UPCOMING:
        raise ValidationError(_("Chưa đến thời gian nhận ý kiến: từ ngày %(start)s đến hết ngày %(end)s.") % {
            "start": f"{consultation.opens_on:%d/%m/%Y}", "end": f"{consultation.closes_on:%d/%m/%Y}"})
    if when is Period.CLOSED:
        raise ValidationError(_("Đã hết thời gian nhận ý kiến (đến hết ngày %(end)s).") % {
            "end": f"{consultation.closes_on:%d/%m/%Y}"})


@transaction.atomic
def submit_comment(consultation, *, nomination_id, author_name, contact, text, today=None):
    """A pending comment of the public on one nominee of the consultation; no one sees it until staff approve it.
    Refuses outside the consultation's dates, once it is taken back, and on a nominee not on its list."""
    guard_open(consultation, today)
    nomination = public_nominee(consultation, nomination_id)
    if nomination is None:
        raise ValidationError(_("Người, tập thể này không có trong danh sách lấy ý kiến."))
    comment = PublicComment(consultation=consultation, nomination=nomination, author_name=nfc(author_name),
                            contact=nfc(contact), text=_text(text), status=CommentStatus.PENDING)
    return save(comment, by=None, reason=_("Ý kiến nhân dân gửi qua trang công khai"))


@transaction.atomic
def moderate_comment(comment, *, status, note="", by):
    """Approves (shown on the public page, without the contact) or rejects (never shown) a comment, with a note;
    a rejection needs one. A comment may be moderated again: the history keeps every decision."""
    if status not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
        raise ValidationError({"status": _("Hãy chọn duyệt hoặc không duyệt.")})
    note = _text(note)
    if status == CommentStatus.REJECTED and not note:
        raise ValidationError({"note": _("Hãy ghi lý do không duyệt ý kiến này.")})
    lock(comment, "status")
    comment.status, comment.moderation_note = status, note
    comment.moderated_by, comment.moderated_at = by, timezone.now()
    reason = _("Duyệt ý kiến") if status == CommentStatus.APPROVED else _("Không duyệt ý kiến")
    return save(comment, by=by, reason=reason,
                update_fields=["status", "moderation_note", "moderated_by", "moderated_at"])
