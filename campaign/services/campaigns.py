"""Writes of campaigns: creation from a launch document, edits, tasks, clusters, status transitions, notification.

Every change names who made it and why in the history (``_history_user``, ``_change_reason``).
"""

import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units.vietnamese import nfc

from ..launch_document import (
    LaunchDocumentError,
    ParsedLaunchDocument,
    parse_launch_document,
    short_title,
    suggested_kind,
    text_from_bytes,
)
from ..models import Campaign, CampaignLaunchNotice, CampaignStatus, LegalRegime, Task
from ..selectors import officers_to_notify, regime_in_force_on
from .common import record

DOCUMENT_FIELDS = (
    "title", "kind", "theme", "doc_number", "doc_date", "issuing_bodies", "signer_name", "signer_position",
    "recipients", "start_date", "end_date", "anniversary_date", "regime", "source_text",
)
EDITABLE_FIELDS = tuple(name for name in DOCUMENT_FIELDS if name != "source_text")
LINE_FIELDS = ("issuing_bodies", "recipients")


def _lines(value):
    """One item per line, NFC, blank lines dropped; accepts a list or a text."""
    items = value.splitlines() if isinstance(value, str) else (value or [])
    return "\n".join(line for line in (nfc(item) for item in items) if line)


def _text(value):
    return unicodedata.normalize("NFC", value or "").strip()


def _campaign_values(data, fields):
    values = {name: data[name] for name in fields if name in data}
    for name in LINE_FIELDS:
        if name in values:
            values[name] = _lines(values[name])
    for name in ("theme", "source_text"):
        if name in values:
            values[name] = _text(values[name])
    return values


def _check_period(values):
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")})


def _check_tasks(tasks):
    if not tasks:
        raise ValidationError(_("Phong trào cần ít nhất một nội dung thi đua."))
    numbers = [number for number, _title, _text in tasks]
    duplicates = sorted({number for number in numbers if numbers.count(number) > 1})
    if duplicates:
        raise ValidationError(
            _("Số thứ tự nội dung bị trùng: %(numbers)s.") % {"numbers": ", ".join(map(str, duplicates))}
        )


# --- Creating from a launch document -----------------------------------------------------------------------------


@transaction.atomic
def create_campaign_from_document(*, data, tasks, by, reason=None):
    """Create a draft campaign and its tasks ``[(number, short title, text)]`` in one transaction.

    Side effects: one history row for the campaign and one per task, naming ``by`` and the reason.
    """
    reason = reason or _("Tạo từ văn bản phát động")
    values = _campaign_values(data, DOCUMENT_FIELDS)
    _check_period(values)
    _check_tasks(tasks)
    campaign = Campaign(**values, status=CampaignStatus.DRAFT, created_by=by)
    record(campaign, by=by, reason=reason)
    campaign.save()
    for number, title, text in tasks:
        _create_task(campaign, number=number, short_title=title, text=text, by=by, reason=reason)
    return campaign


def _create_task(campaign, *, number, short_title, text, by, reason):
    task = Task(campaign=campaign, number=number, **_task_values(short_title, text))
    record(task, by=by, reason=reason)
    task.save()
    return task


def _task_values(title, text):
    text = _text(text)
    return {"short_title": nfc(title)[:255] or short_title(text), "text": text}


def document_data(parsed: ParsedLaunchDocument, *, source_text, start_date=None, regime_code=None, kind=None):
    """The campaign fields a parsed document proposes; ``start_date``, ``regime_code`` and ``kind`` override it."""
    start = start_date or parsed.start_date
    return {
        "title": parsed.title,
        "kind": kind or suggested_kind(parsed),
        "theme": parsed.theme,
        "doc_number": parsed.doc_number,
        "doc_date": parsed.doc_date,
        "issuing_bodies": parsed.issuing_bodies,
        "signer_name": parsed.signer_name,
        "signer_position": parsed.signer_position,
        "recipients": parsed.recipients,
        "start_date": start,
        "end_date": parsed.end_date,
        "anniversary_date": parsed.anniversary_date,
        "regime": _regime(regime_code) if regime_code else regime_in_force_on(_judging_day(parsed, start)),
        "source_text": source_text,
    }


def _judging_day(parsed, start):
    """The day whose regime applies: the start, else the document's date, else the end, else today."""
    return start or parsed.doc_date or parsed.end_date or timezone.localdate()


def _regime(code):
    try:
        return LegalRegime.objects.get(code=code)
    except LegalRegime.DoesNotExist:
        known = ", ".join(LegalRegime.objects.values_list("code", flat=True))
        raise LaunchDocumentError(
            _("Không có chế độ pháp lý mã “%(code)s” (có: %(known)s).") % {"code": code, "known": known}
        ) from None


class MissingStartDate(LaunchDocumentError):
    """The document names no start date and none was given: the caller says how to give one."""


@dataclass
class ImportResult:
    campaign: Campaign
    created: bool
    parsed: ParsedLaunchDocument


def import_launch_document_file(
    path, *, start_date=None, regime_code=None, kind=None, by=None, update_existing=False
):
    """Read the launch document at ``path`` (.txt or .docx) and create its campaign, as a draft.

    With ``update_existing`` a campaign of the same title and start date is brought up to date instead of
    duplicated (running it twice changes nothing). Raises LaunchDocumentError or ValidationError.
    """
    text = text_from_bytes(Path(path).read_bytes())
    parsed = parse_launch_document(text)
    data = document_data(parsed, source_text=text, start_date=start_date, regime_code=regime_code, kind=kind)
    _require_period(data)
    tasks = [(task.number, task.short_title, task.text) for task in parsed.tasks]
    existing = None
    if update_existing:
        existing = Campaign.objects.filter(title=nfc(data["title"]), start_date=data["start_date"]).first()
    if existing is not None:
        update_campaign_from_document(existing, data=data, tasks=tasks, by=by)
        return ImportResult(existing, False, parsed)
    return ImportResult(create_campaign_from_document(data=data, tasks=tasks, by=by), True, parsed)


def _require_period(data):
    if not data["title"]:
        raise LaunchDocumentError(_("Không tìm thấy tên phong trào trong văn bản."))
    if data["start_date"] is None:
        raise MissingStartDate(_("Văn bản không ghi ngày bắt đầu: hãy cho biết ngày bắt đầu phong trào."))
    if data["end_date"] is None:
        raise LaunchDocumentError(_("Văn bản không ghi ngày kết thúc (“đến ngày …”)."))


@transaction.atomic
def update_campaign_from_document(campaign, *, data, tasks, by, reason=None):
    """Bring ``campaign`` and its tasks in line with a document; what is already equal is left untouched."""
    reason = reason or _("Cập nhật theo văn bản phát động")
    _check_tasks(tasks)
    update_campaign(campaign, data=_campaign_values(data, DOCUMENT_FIELDS), by=by, reason=reason)
    current = {task.number: task for task in campaign.tasks.all()}
    for number, title, text in tasks:
        if number in current:
            update_task(current.pop(number), short_title=title, text=text, by=by, reason=reason)
        else:
            _create_task(campaign, number=number, short_title=title, text=text, by=by, reason=reason)
    for task in current.values():
        delete_task(task, by=by, reason=reason)
    return campaign


# --- Edits --------------------------------------------------------------------------------------------------------


def _save_changes(obj, values, *, by, reason):
    """Save the fields of ``values`` that differ from the stored row; return their names."""
    stored = type(obj).objects.filter(pk=obj.pk).values(*(obj._meta.get_field(n).attname for n in values)).get()
    changed = []
    for name, value in values.items():
        attname = obj._meta.get_field(name).attname
        raw = value.pk if attname != name and value is not None else value
        if stored[attname] != raw:
            changed.append(name)
        setattr(obj, name, value)
    if changed:
        record(obj, by=by, reason=reason)
        obj.save(update_fields=changed)
    return changed


@transaction.atomic
def update_campaign(campaign, *, data, by, reason=None):
    """Change the campaign's own fields. Side effect: a history row when something changed."""
    values = _campaign_values(data, DOCUMENT_FIELDS if "source_text" in data else EDITABLE_FIELDS)
    _check_period({"start_date": campaign.start_date, "end_date": campaign.end_date, **values})
    return _save_changes(campaign, values, by=by, reason=reason or _("Sửa thông tin phong trào"))


def add_task(campaign, *, number, short_title, text, by, reason=None):
    """Add a task numbered ``number``. Side effect: a history row.

    The unique (campaign, number) constraint decides, not a read before the insert: two staff adding the same
    number at once get a ValidationError on ``number``, not a server error.
    """
    reason = reason or _("Thêm nội dung thi đua")
    try:
        with transaction.atomic():
            return _create_task(campaign, number=number, short_title=short_title, text=text, by=by, reason=reason)
    except IntegrityError:
        if not campaign.tasks.filter(number=number).exists():
            raise
        raise ValidationError({"number": _("Đã có nội dung số %(number)s.") % {"number": number}}) from None


def update_task(task, *, short_title, text, by, reason=None):
    values = _task_values(short_title, text)
    return _save_changes(task, values, by=by, reason=reason or _("Sửa nội dung thi đua"))


def delete_task(task, *, by, reason=None):
    """Delete a task; the history keeps it, with who deleted it and why."""
    record(task, by=by, reason=reason or _("Xóa nội dung thi đua"))
    task.delete()


@transaction.atomic
def set_campaign_clusters(campaign, *, clusters, by, reason=None):
    """Make ``clusters`` the participating clusters. Side effect: history rows naming what was added, removed."""
    wanted = {cluster.pk: cluster for cluster in clusters}
    current = set(campaign.clusters.values_list("id", flat=True))
    added, removed = set(wanted) - current, current - set(wanted)
    if not added and not removed:
        return False
    summary = _("Cụm, khối tham gia: thêm %(added)s, bỏ %(removed)s") % {"added": len(added), "removed": len(removed)}
    record(campaign, by=by, reason=reason or summary)
    if removed:
        campaign.clusters.remove(*removed)
    if added:
        campaign.clusters.add(*(wanted[pk] for pk in added))
    return True


# --- Status transitions -------------------------------------------------------------------------------------------


def _transition(campaign, *, source, target, guards, by, reason, default_reason):
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != source:
            raise ValidationError(
                _("Phong trào đang ở trạng thái “%(status)s”, không chuyển được sang “%(target)s”.")
                % {"status": locked.get_status_display(), "target": CampaignStatus(target).label}
            )
        for check, message in guards:
            if not check(locked):
                raise ValidationError(message)
        locked.status = target
        record(locked, by=by, reason=reason or default_reason)
        locked.save(update_fields=["status"])
    campaign.status = target
    return campaign


def _has_tasks(campaign):
    return campaign.tasks.exists()


def _has_clusters(campaign):
    return campaign.clusters.exists()


def launch_campaign(campaign, *, by, reason=""):
    """Draft → launched. Needs at least one task and one participating cluster.

    Side effects: a history row; after commit, the job e-mailing the officers of the participating units.
    """
    from ..tasks import notify_campaign_launched

    guards = (
        (_has_tasks, _("Chưa có nội dung thi đua nào: chưa phát động được.")),
        (_has_clusters, _("Chưa chọn cụm, khối tham gia: chưa phát động được.")),
    )
    _transition(
        campaign, source=CampaignStatus.DRAFT, target=CampaignStatus.LAUNCHED, guards=guards, by=by,
        reason=reason, default_reason=_("Phát động phong trào"),
    )
    transaction.on_commit(partial(notify_campaign_launched.delay, campaign.pk))
    return campaign


def start_evaluation(campaign, *, by, reason=""):
    """Launched → evaluating (đánh giá, bình xét). Side effect: a history row."""
    return _transition(
        campaign, source=CampaignStatus.LAUNCHED, target=CampaignStatus.EVALUATING, guards=(), by=by,
        reason=reason, default_reason=_("Bắt đầu đánh giá, bình xét"),
    )


def close_campaign(campaign, *, by, reason=""):
    """Evaluating → closed. Side effect: a history row."""
    return _transition(
        campaign, source=CampaignStatus.EVALUATING, target=CampaignStatus.CLOSED, guards=(), by=by,
        reason=reason, default_reason=_("Kết thúc phong trào"),
    )


# --- Notification -------------------------------------------------------------------------------------------------


def notify_campaign_launched(campaign_id):
    """E-mail each officer of the participating units that the campaign was launched; return how many were sent.

    One message per officer, each claimed first by a CampaignLaunchNotice row (unique per campaign and officer), so a
    retry or a second worker only writes to those not told yet. If a message cannot be sent, its claim is released
    and the error raised for the retry. Once everyone was told, ``launch_notified_at`` marks the job done.
    """
    campaign = Campaign.objects.filter(
        pk=campaign_id, launch_notified_at__isnull=True, status__in=CampaignStatus.visible_to_units()
    ).first()
    if campaign is None:
        return 0
    sent = 0
    with get_connection() as connection:
        for officer in officers_to_notify(campaign).exclude(id__in=_told(campaign)):
            sent += _tell(campaign, officer, connection)
    Campaign.objects.filter(pk=campaign_id, launch_notified_at__isnull=True).update(launch_notified_at=timezone.now())
    return sent


def _told(campaign):
    return CampaignLaunchNotice.objects.filter(campaign=campaign).values("user_id")


def _tell(campaign, officer, connection):
    """Claim the officer, send, record when; 0 if another run holds the claim already."""
    notice, claimed = CampaignLaunchNotice.objects.get_or_create(campaign=campaign, user=officer)
    if not claimed:
        return 0
    try:
        connection.send_messages([_launch_message(campaign, officer)])
    except Exception:
        notice.delete()
        raise
    CampaignLaunchNotice.objects.filter(pk=notice.pk).update(sent_at=timezone.now())
    return 1


def _launch_message(campaign, officer):
    context = {
        "campaign": campaign,
        "officer": officer,
        "url": settings.PORTAL_BASE_URL + reverse("campaign:detail", kwargs={"pk": campaign.pk}),
        "province": settings.PORTAL_PROVINCE,
    }
    subject = _("Phát động phong trào thi đua: %(title)s") % {"title": campaign.title}
    body = render_to_string("campaign/email/campaign_launched.txt", context)
    return EmailMessage(subject=" ".join(subject.split())[:200], body=body, to=[officer.email])
