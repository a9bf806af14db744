"""Pledged works (công trình, phần việc) and their progress reports.

A work goes draft → submitted → accepted, or → returned (with a reason) → submitted again; once accepted the unit
reports progress on it, and its percent and state follow its latest report: in progress, completed at 100 %, back
in progress when a correction brings it below. Staff then verify a completed work.

Each function guards, saves with ``update_fields`` and writes history rows naming who and why; the unit's writes
need a campaign that is launched or being evaluated.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import UnitKind
from units.rules import is_portal_staff
from units.vietnamese import nfc

from ..models import CampaignStatus, PledgedWork, ProgressReport, WorkStatus
from ..selectors.scope import participates
from .common import mark_first_submission, move, required_reason, save, stamp_review
from .evidence import attach_evidence

W = WorkStatus
TEXT_FIELDS = ("title", "description", "commune", "responsible_name", "responsible_position", "responsible_phone")
WORK_FIELDS = (*TEXT_FIELDS, "district", "value_vnd", "start_date", "target_date")
REPORT_FIELDS = ("report_date", "percent", "narrative")


def _date(day):
    return day.strftime("%d/%m/%Y")


# --- Guards ---------------------------------------------------------------------------------------------------------


def _guard_open(campaign):
    if campaign.status not in (CampaignStatus.LAUNCHED, CampaignStatus.EVALUATING):
        raise ValidationError(
            _("Phong trào chưa phát động hoặc đã kết thúc: không đăng ký, sửa hay báo cáo công trình, phần việc được.")
        )


def _guard_reportable(work):
    if work.status not in W.reportable():
        raise ValidationError(
            _("Chỉ báo cáo tiến độ khi công trình, phần việc đã được chấp nhận và chưa được xác nhận hoàn thành "
              "(trạng thái hiện tại: “%(status)s”).") % {"status": work.get_status_display()}
        )


def _task_errors(campaign, tasks):
    if not tasks:
        return {"tasks": _("Hãy chọn ít nhất một nội dung thi đua mà công trình, phần việc phục vụ.")}
    if any(task.campaign_id != campaign.pk for task in tasks):
        return {"tasks": _("Chỉ chọn nội dung thi đua của phong trào này.")}
    return {}


def _date_errors(campaign, start, target):
    """Start and target lie in the campaign's period, the target on or after the start. (A target after the
    anniversary is still in the period only when the anniversary is: it is flagged on the pages, never refused.)"""
    errors = {}
    period = {"start": _date(campaign.start_date), "end": _date(campaign.end_date)}
    for field, day in (("start_date", start), ("target_date", target)):
        if day is None:
            errors[field] = _("Hãy nhập ngày (dd/mm/yyyy).")
        elif not campaign.start_date <= day <= campaign.end_date:
            errors[field] = _("Ngày phải nằm trong thời gian phong trào, từ %(start)s đến %(end)s.") % period
    if not errors and target < start:
        errors["target_date"] = _("Ngày dự kiến hoàn thành phải sau hoặc trùng ngày bắt đầu.")
    return errors


def _check_work(campaign, data, tasks):
    errors = _task_errors(campaign, tasks) | _date_errors(campaign, data.get("start_date"), data.get("target_date"))
    if not (data.get("title") or "").strip():
        errors["title"] = _("Hãy nhập tên công trình, phần việc.")
    if not (data.get("responsible_name") or "").strip():
        errors["responsible_name"] = _("Hãy nhập người chịu trách nhiệm.")
    district = data.get("district")
    if district is not None and district.kind != UnitKind.DISTRICT:
        errors["district"] = _("Địa bàn phải là một đơn vị cấp huyện.")
    if data.get("value_vnd") is not None and data["value_vnd"] < 0:
        errors["value_vnd"] = _("Giá trị không được âm.")
    if errors:
        raise ValidationError(errors)


def _fields(data):
    """The work's own fields from ``data``; missing text counts as empty."""
    values = {name: data.get(name) for name in WORK_FIELDS}
    values.update({name: nfc((data.get(name) or "").strip()) for name in TEXT_FIELDS})
    return values


# --- Works ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_work(*, campaign, unit, data, tasks, by):
    """Creates a draft work of ``unit`` serving ``tasks``. Side effects: the work's history rows (its creation,
    then its tasks), both naming ``by``."""
    _guard_open(campaign)
    if not participates(unit, campaign):
        raise ValidationError(_("Đơn vị %(unit)s không tham gia phong trào này.") % {"unit": unit.name})
    tasks = list(tasks)
    _check_work(campaign, data, tasks)
    work = PledgedWork(campaign=campaign, unit=unit, created_by=by, **_fields(data))
    save(work, by=by, reason=_("Đăng ký công trình, phần việc"))
    work.tasks.set(tasks)  # simple-history records the tasks in a row of their own, with the same who and why
    return work


def _set_tasks_quietly(work, tasks):
    """Sets the tasks without history rows of their own: the save that follows records them with the fields."""
    work.skip_history_when_saving = True
    try:
        work.tasks.set(tasks)
    finally:
        del work.skip_history_when_saving


@transaction.atomic
def update_work(work, *, data, tasks, by, reason=""):
    """Changes what the unit pledged while it may (draft, submitted, returned). Side effect: one history row with
    every changed field and task; nothing when nothing changed."""
    _guard_open(work.campaign)
    if work.status not in W.editable():
        raise ValidationError(_("Công trình, phần việc đã được chấp nhận: không sửa được nữa."))
    tasks = list(tasks)
    _check_work(work.campaign, data, tasks)
    values = _fields(data)
    district = values.pop("district")
    values["district_id"] = district.pk if district else None
    changed = [name for name, value in values.items() if getattr(work, name) != value]
    tasks_changed = {task.pk for task in tasks} != set(work.tasks.values_list("pk", flat=True))
    if not changed and not tasks_changed:
        return work
    for name in changed:
        setattr(work, name, values[name])
    if tasks_changed:
        _set_tasks_quietly(work, tasks)
    fields = [name.removesuffix("_id") for name in changed] or ["updated_at"]
    return save(work, by=by, reason=reason or _("Sửa công trình, phần việc"), update_fields=fields)


@transaction.atomic
def submit_work(work, *, by, reason=""):
    """Draft or returned → submitted. The first submission is stamped, and marked late after the campaign's pledge
    deadline; a resubmission after a return changes neither. Side effect: a history row."""
    _guard_open(work.campaign)
    sources = [W.DRAFT, W.RETURNED]
    refused = _("Chỉ gửi được khi đang soạn hoặc bị trả lại.")
    if work.status not in sources:
        raise ValidationError(refused)
    default = _("Gửi lại sau khi sửa") if work.status == W.RETURNED else _("Gửi để xét")
    fields = mark_first_submission(work, work.campaign.pledge_deadline)
    return move(work, sources=sources, target=W.SUBMITTED, by=by, reason=reason or default, fields=fields,
                refused=refused)


@transaction.atomic
def withdraw_work(work, *, by, reason=""):
    """Submitted → draft: the unit takes it back before anyone reviewed it. Side effect: a history row."""
    _guard_open(work.campaign)
    return move(work, sources=[W.SUBMITTED], target=W.DRAFT, by=by, reason=reason or _("Rút lại để sửa"),
                refused=_("Chỉ rút lại được khi đã gửi và chưa được xét."))


@transaction.atomic
def accept_work(work, *, by, reason=""):
    """Submitted → accepted: the unit may report progress on it. Side effects: the review stamp, a history row."""
    if work.status != W.SUBMITTED:
        raise ValidationError(_("Chỉ chấp nhận được khi đã gửi và chưa được xét."))
    fields = stamp_review(work, by=by)
    return move(work, sources=[W.SUBMITTED], target=W.ACCEPTED, by=by, reason=reason or _("Chấp nhận"), fields=fields)


@transaction.atomic
def return_work(work, *, by, reason):
    """Submitted → returned, with the reason the unit reads (kept in ``return_reason`` and the history).
    Side effects: the review stamp, a history row."""
    if work.status != W.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được khi đã gửi và chưa được xét."))
    work.return_reason = required_reason(reason)
    fields = ["return_reason", *stamp_review(work, by=by)]
    return move(work, sources=[W.SUBMITTED], target=W.RETURNED, by=by,
                reason=_("Trả lại: %(reason)s") % {"reason": work.return_reason}, fields=fields)


@transaction.atomic
def verify_work(work, *, by, reason=""):
    """Completed → verified, by staff only. Side effects: ``verified_by``/``verified_at``, a history row."""
    if not is_portal_staff(by):
        raise ValidationError(_("Chỉ Ban Thi đua – Khen thưởng xác nhận hoàn thành công trình, phần việc."))
    if work.status != W.COMPLETED:
        raise ValidationError(_("Chỉ xác nhận được khi công trình, phần việc đã hoàn thành."))
    work.verified_by = by
    work.verified_at = timezone.now()
    return move(work, sources=[W.COMPLETED], target=W.VERIFIED, by=by, reason=reason or _("Xác nhận hoàn thành"),
                fields=["verified_by", "verified_at"])


# --- Progress reports -----------------------------------------------------------------------------------------------


def _lock(work):
    """Locks the work's row for the rest of the transaction and reads its state afresh: two reports sent at once
    must not both decide the work's state from a stale copy."""
    current = PledgedWork.objects.select_for_update().values("status", "percent").get(pk=work.pk)
    work.status, work.percent = current["status"], current["percent"]


def _check_report(work, report_date, percent, narrative):
    errors = {}
    start, today = work.campaign.start_date, timezone.localdate()
    if report_date is None:
        errors["report_date"] = _("Hãy nhập ngày báo cáo (dd/mm/yyyy).")
    elif not start <= report_date <= today:
        errors["report_date"] = _(
            "Ngày báo cáo phải từ ngày bắt đầu phong trào (%(start)s) đến hôm nay (%(today)s)."
        ) % {"start": _date(start), "today": _date(today)}
    if percent is None or not 0 <= percent <= 100:
        errors["percent"] = _("Phần trăm hoàn thành phải từ 0 đến 100.")
    if not narrative:
        errors["narrative"] = _("Hãy ghi nội dung báo cáo: đã làm được gì.")
    if errors:
        raise ValidationError(errors)


def _sync_progress(work, *, by):
    """The work's percent is that of its latest report (by date, then the later one), and its state follows: in
    progress, completed at 100 %. Each change of the work (percent, state) is a history row of its own."""
    latest = work.reports.order_by("-report_date", "-id").first()
    if latest is None:
        return
    because = _("Cập nhật tiến độ theo báo cáo ngày %(date)s") % {"date": _date(latest.report_date)}
    if work.percent != latest.percent:
        # The percent is not a field people edit, so the history table shows it only through the reason.
        reason = f"{because}: {work.percent}% → {latest.percent}%"
        work.percent = latest.percent
        save(work, by=by, reason=reason, update_fields=["percent"])
    target = W.COMPLETED if latest.percent == 100 else W.IN_PROGRESS
    if work.status != target:
        move(work, sources=W.reportable(), target=target, by=by, reason=because)


@transaction.atomic
def add_report(work, *, report_date, percent, narrative, files=(), by):
    """Adds a dated progress report with its evidence files (``evidence_files.CheckedFile``), then brings the work's
    percent and state in line with its latest report. Side effects: history rows for the report, each file and each
    change of the work."""
    _lock(work)
    _guard_open(work.campaign)
    _guard_reportable(work)
    narrative = nfc((narrative or "").strip())
    _check_report(work, report_date, percent, narrative)
    report = ProgressReport(work=work, report_date=report_date, percent=percent, narrative=narrative, created_by=by)
    save(report, by=by, reason=_("Báo cáo tiến độ"))
    attach_evidence(report, files=files, by=by)
    _sync_progress(work, by=by)
    return report


@transaction.atomic
def update_report(report, *, report_date, percent, narrative, by, reason=""):
    """Corrects a report while its work is reportable, then re-syncs the work. Side effects: a history row for the
    report (when something changed) and for each change of the work."""
    work = report.work
    _lock(work)
    _guard_open(work.campaign)
    _guard_reportable(work)
    values = {"report_date": report_date, "percent": percent, "narrative": nfc((narrative or "").strip())}
    _check_report(work, **values)
    changed = [name for name in REPORT_FIELDS if getattr(report, name) != values[name]]
    for name in changed:
        setattr(report, name, values[name])
    if changed:
        save(report, by=by, reason=reason or _("Sửa báo cáo tiến độ"), update_fields=changed)
        _sync_progress(work, by=by)
    return report
