"""Pledged works (công trình, phần việc) and their progress reports.

A work goes draft → submitted → accepted, or → returned (with a reason) → submitted again; once accepted the unit
reports progress on it, and its percent and state follow its latest report: in progress, completed at 100 %, back
in progress when a correction brings it below. Staff then verify a completed work.

Each function guards (the state read afresh with the row locked: ``common.lock``), saves with ``update_fields``
and writes history rows naming who and why; the unit's writes need a campaign open for units
(``common.guard_open``). Submitting, withdrawing, accepting and returning are the review cycle of ``reviews``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import UnitKind
from units.rules import is_portal_staff
from units.vietnamese import nfc

from ..models import PledgedWork, ProgressReport, WorkStatus
from ..selectors.scope import participates
from . import notices, reviews
from .common import changed_fields, guard_open, guard_state, lock, save, switch
from .evidence import attach_evidence

W = WorkStatus
TEXT_FIELDS = ("title", "description", "commune", "responsible_name", "responsible_position", "responsible_phone")
WORK_FIELDS = (*TEXT_FIELDS, "district", "value_vnd", "start_date", "target_date")
REPORT_FIELDS = ("report_date", "percent", "narrative")


def _date(day):
    return day.strftime("%d/%m/%Y")


# --- Guards ---------------------------------------------------------------------------------------------------------


def _guard_reportable(work):
    """Locks the work's row and reads its state afresh: two reports sent at once must not both decide the work's
    state from a stale copy. Refused unless the campaign is open and the work takes reports."""
    guard_open(work.campaign)
    lock(work, "status", "percent")
    guard_state(work, W.reportable(), _(
        "Chỉ báo cáo tiến độ khi công trình, phần việc đã được chấp nhận và chưa được xác nhận hoàn thành "
        "(trạng thái hiện tại: “%(status)s”)."
    ) % {"status": work.get_status_display()})


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
    guard_open(campaign)
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
    every changed field and task (compared with what is stored); nothing when nothing changed."""
    guard_open(work.campaign)
    lock(work, "status", *WORK_FIELDS)
    guard_state(work, W.editable(), _("Công trình, phần việc đã được chấp nhận: không sửa được nữa."))
    tasks = list(tasks)
    _check_work(work.campaign, data, tasks)
    changed = changed_fields(work, _fields(data))
    tasks_changed = {task.pk for task in tasks} != set(work.tasks.values_list("pk", flat=True))
    if not changed and not tasks_changed:
        return work
    if tasks_changed:
        _set_tasks_quietly(work, tasks)
    return save(work, by=by, reason=reason or _("Sửa công trình, phần việc"), update_fields=[*changed, "updated_at"])


@transaction.atomic
def submit_work(work, *, by, reason=""):
    """Draft or returned → submitted, while the campaign is open. The first submission is stamped, and marked late
    after the campaign's pledge deadline; a resubmission after a return changes neither. Side effect: a history
    row."""
    guard_open(work.campaign)
    return reviews.submit(work, by=by, deadline=work.campaign.pledge_deadline, reason=reason,
                          resubmitted_state=W.SUBMITTED)


@transaction.atomic
def withdraw_work(work, *, by, reason=""):
    """Submitted → draft, while the campaign is open: the unit takes it back before anyone reviewed it. Side effect:
    a history row."""
    guard_open(work.campaign)
    return reviews.withdraw(work, by=by, reason=reason)


@transaction.atomic
def accept_work(work, *, by, reason=""):
    """Submitted → accepted: the unit may report progress on it. Side effects: the review stamp, a history row, a
    notice and an e-mail to the unit's officers."""
    reviews.accept(work, by=by, reason=reason)
    notices.work_accepted(work, by=by, reason=reason)
    return work


@transaction.atomic
def return_work(work, *, by, reason):
    """Submitted → returned, with the reason the unit reads (kept whole in ``return_reason`` and the history).
    Side effects: the review stamp, a history row, a notice and an e-mail with the reason to the unit's officers."""
    reviews.return_for_changes(work, by=by, reason=reason)
    notices.work_returned(work, by=by)
    return work


@transaction.atomic
def verify_work(work, *, by, reason=""):
    """Completed → verified, by staff only. Side effects: ``verified_by``/``verified_at``, a history row, a notice
    and an e-mail to the unit's officers."""
    if not is_portal_staff(by):
        raise ValidationError(_("Chỉ Ban Thi đua – Khen thưởng xác nhận hoàn thành công trình, phần việc."))
    lock(work, "status")
    guard_state(work, [W.COMPLETED], _("Chỉ xác nhận được khi công trình, phần việc đã hoàn thành."))
    work.verified_by = by
    work.verified_at = timezone.now()
    switch(work, W.VERIFIED, by=by, reason=reason or _("Xác nhận hoàn thành"), fields=["verified_by", "verified_at"])
    notices.work_verified(work, by=by, reason=reason)
    return work


# --- Progress reports -----------------------------------------------------------------------------------------------


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
        switch(work, target, by=by, reason=because)  # the work is locked and reportable (_guard_reportable)


@transaction.atomic
def add_report(work, *, report_date, percent, narrative, files=(), by):
    """Adds a dated progress report with its evidence files (``evidence_files.CheckedFile``), then brings the work's
    percent and state in line with its latest report. Side effects: history rows for the report, each file and each
    change of the work."""
    _guard_reportable(work)
    narrative = nfc((narrative or "").strip())
    _check_report(work, report_date, percent, narrative)
    report = ProgressReport(work=work, report_date=report_date, percent=percent, narrative=narrative, created_by=by)
    save(report, by=by, reason=_("Báo cáo tiến độ"))
    if files:
        attach_evidence(report, files=files, by=by)
    _sync_progress(work, by=by)
    return report


@transaction.atomic
def update_report(report, *, report_date, percent, narrative, by, reason=""):
    """Corrects a report while its work is reportable, then re-syncs the work. Side effects: a history row for the
    report (when something changed) and for each change of the work."""
    work = report.work
    _guard_reportable(work)
    values = {"report_date": report_date, "percent": percent, "narrative": nfc((narrative or "").strip())}
    _check_report(work, **values)
    changed = changed_fields(lock(report, *REPORT_FIELDS), values)
    if changed:
        save(report, by=by, reason=reason or _("Sửa báo cáo tiến độ"), update_fields=changed)
        _sync_progress(work, by=by)
    return report
