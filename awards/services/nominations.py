"""A unit's nominations: its batch (tờ trình) with the letter and the minutes of its own review, each nominee with the
achievement report and attachments, submission to Sở Nội vụ and withdrawal until it is received.

Every write locks the batch through ``route.locked_batch`` (two people on the same batch cannot overwrite each
other), refuses a stale page (``expected_version``), changes anything only while the batch is with the unit and the
campaign takes nominations, raises the batch's version (``route.bump``) and writes history. Files go through the
storage API under random names; a removed file is only hidden.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import changed_fields, guard_open, lock, record, save
from units.vietnamese import nfc

from ..models import (
    BatchDocumentRole,
    BatchKind,
    BatchStatus,
    CheckResult,
    DecidedBy,
    Nomination,
    NominationBatch,
    NominationFile,
    RECIPIENT_FIELDS,
    NominationTask,
    RecipientKind,
    ReportTemplate,
    StepAction,
)
from ..selectors.nominations import duplicates, forms_for_campaign, participating_units, proposable_unit_ids
from . import eligibility
from .route import bump, guard_version, locked_batch, move

BATCH_FIELDS = ("letter_number", "letter_date", "signer", "signer_position", "summary")
REPORT_FIELDS = ("situation", "summary")


def _not_with_unit():
    return _("Tờ trình không còn ở đơn vị (đã gửi Ban Thi đua – Khen thưởng): không thay đổi được. "
             "Nếu Ban chưa tiếp nhận, hãy rút tờ trình về để sửa.")


def _open_batch(batch, expected_version=None):
    """Locks the batch and refuses unless it is with its author (a unit's: with the unit, in a campaign that takes
    nominations; the province's own proposal: not yet forwarded) and on the page's version."""
    locked_batch(batch, expected_version=expected_version, states=BatchStatus.with_unit(), refused=_not_with_unit())
    if batch.kind == BatchKind.UNIT:
        guard_open(batch.campaign)
    return batch


# --- The batch --------------------------------------------------------------------------------------------------


@transaction.atomic
def create_batch(*, campaign, unit, by):
    """A new draft batch of ``unit`` in ``campaign`` (the unit must take part in it). History: one row."""
    guard_open(campaign)
    if not participating_units(campaign).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("Đơn vị %(unit)s không tham gia phong trào này (không thuộc cụm, khối nào "
                                         "của phong trào).") % {"unit": unit.name}})
    batch = NominationBatch(campaign=campaign, unit=unit, created_by=by, held_since=timezone.now())
    return save(batch, by=by, reason=_("Tạo tờ trình đề nghị khen thưởng"))


@transaction.atomic
def update_batch(batch, *, values, by, expected_version):
    """Changes the letter's fields (number, date, signer, position, summary) while the batch is with the unit."""
    _open_batch(batch, expected_version)
    values = {name: nfc(value) if isinstance(value, str) else value
              for name, value in values.items() if name in BATCH_FIELDS}
    changed = changed_fields(batch, values)
    if changed:
        bump(batch, by=by, reason=_("Sửa thông tin tờ trình"), fields=changed)
    return batch


def _store(row, checked):
    row.original_name = checked.name[:255]
    row.kind, row.size, row.sha256 = checked.kind, checked.size, checked.sha256
    row.file.save(checked.name, checked.upload, save=False)


def _attach(batch, rows_and_files, *, by, reason):
    stored = []
    try:
        for row, checked in rows_and_files:
            _store(row, checked)
            stored.append(row)
            save(row, by=by, reason=reason)
    except Exception:
        for row in stored:
            row.file.storage.delete(row.file.name)
        raise
    return stored


@transaction.atomic
def attach_batch_file(batch, *, role, files, by, expected_version):
    """Stores the unit's signed letter or the minutes of its review (``files``: CheckedFile list). One file row and
    one history row each; the batch's version grows."""
    _open_batch(batch, expected_version)
    if role not in BatchDocumentRole.values:
        raise ValidationError({"role": _("Hãy chọn loại tài liệu.")})
    rows = [(NominationFile(batch=batch, batch_role=role, uploaded_by=by), checked) for checked in files]
    stored = _attach(batch, rows, by=by, reason=_("Tải lên %(role)s") % {"role": BatchDocumentRole(role).label})
    bump(batch, by=by, reason=_("Tải lên tài liệu của tờ trình"))
    return stored


@transaction.atomic
def remove_file(file, *, by, expected_version, reason=""):
    """Hides an attachment (of the batch or of a nominee) while the batch is with the unit; the file and its row
    stay, and the history says who removed it and why."""
    _open_batch(file.batch, expected_version)
    if lock(file, "removed_at").removed_at is not None:
        raise ValidationError(_("Tệp này đã được gỡ."))
    file.removed_at, file.removed_by = timezone.now(), by
    record(file, by=by, reason=reason or _("Gỡ tài liệu"))
    file.save(update_fields=["removed_at", "removed_by"])
    bump(file.batch, by=by, reason=_("Gỡ tài liệu “%(name)s”") % {"name": file.original_name})
    return file


# --- Nominees ---------------------------------------------------------------------------------------------------


def _guard_nominee(batch, *, recipient_kind, recipient, award_form):
    if recipient_kind not in RECIPIENT_FIELDS or recipient is None:
        raise ValidationError(_("Hãy chọn đối tượng được đề nghị."))
    if award_form.decided_by == DecidedBy.UNIT:
        raise ValidationError({"award_form": _("“%(form)s” do đơn vị tự quyết định khen thưởng, không đề nghị lên "
                                               "tỉnh.") % {"form": award_form}})
    if not forms_for_campaign(batch.campaign, recipient_kind).filter(pk=award_form.pk).exists():
        raise ValidationError({"award_form": _("Hình thức “%(form)s” không áp dụng cho đối tượng này trong chế độ "
                                               "pháp lý của phong trào.") % {"form": award_form}})
    unit_id = recipient.pk if recipient_kind == RecipientKind.COLLECTIVE else recipient.unit_id
    if unit_id not in proposable_unit_ids(batch.unit):
        raise ValidationError(_("“%(recipient)s” không thuộc đơn vị đề nghị hoặc các đơn vị trực thuộc.")
                              % {"recipient": recipient})
    same = duplicates(campaign=batch.campaign, unit=batch.unit, award_form=award_form, recipient_kind=recipient_kind,
                      recipient=recipient).first()
    if same is not None:
        raise ValidationError(_("“%(recipient)s” đã được đơn vị đề nghị %(form)s trong phong trào này (%(batch)s).")
                              % {"recipient": recipient, "form": award_form, "batch": same.batch})


@transaction.atomic
def add_nomination(batch, *, recipient_kind, recipient, award_form, by, expected_version):
    """Adds a nominee to the batch for an award form, then runs its checks. Refuses a form of another regime or
    one that does not admit the kind, a nominee outside the unit, and the same nominee for the same form twice in
    the campaign."""
    _open_batch(batch, expected_version)
    _guard_nominee(batch, recipient_kind=recipient_kind, recipient=recipient, award_form=award_form)
    nomination = Nomination(batch=batch, award_form=award_form, recipient_kind=recipient_kind, created_by=by,
                            **{RECIPIENT_FIELDS[recipient_kind]: recipient})
    save(nomination, by=by, reason=_("Thêm đề nghị"))
    bump(batch, by=by, reason=_("Thêm đề nghị: %(nominee)s") % {"nominee": nomination})
    eligibility.run_checks(nomination)
    return nomination


def _save_task_rows(nomination, task_rows, *, by):
    """Replaces the per-task achievements: a row with text is kept (created or changed), one without is removed."""
    existing = {row.task_id: row for row in nomination.task_results.all()}
    for entry in task_rows:
        task, text = entry["task"], nfc(entry.get("text") or "").strip()
        row = existing.get(task.pk)
        if not text:
            if row is not None:
                record(row, by=by, reason=_("Xóa thành tích theo nội dung"))
                row.delete()
            continue
        if row is None:
            row = NominationTask(nomination=nomination, task=task)
        if row.pk is None or row.text != text:
            row.text = text
            save(row, by=by, reason=_("Thành tích theo nội dung thi đua"))
        row.works.set(entry.get("works") or [])
        row.achievements.set(entry.get("achievements") or [])


@transaction.atomic
def update_report(nomination, *, values, task_rows, by, expected_version):
    """Saves the achievement report: the situation and summary (``values``) and the rows per campaign task
    (``task_rows``: dicts of task, text, works, achievements), then reruns the checks."""
    _open_batch(nomination.batch, expected_version)
    values = {name: nfc(values[name] or "").strip() for name in REPORT_FIELDS if name in values}
    changed = changed_fields(nomination, values)
    if changed:
        nomination.version += 1
        save(nomination, by=by, reason=_("Sửa báo cáo thành tích"), update_fields=[*changed, "version", "updated_at"])
    _save_task_rows(nomination, task_rows, by=by)
    bump(nomination.batch, by=by, reason=_("Sửa báo cáo thành tích: %(nominee)s") % {"nominee": nomination})
    eligibility.run_checks(nomination)
    return nomination


@transaction.atomic
def attach_nomination_files(nomination, *, document, files, by, expected_version):
    """Stores the nominee's attachments, each tagged with the required document it satisfies (``document``: a
    RequiredDocument of the nominee's form, or None for another paper); reruns the checks."""
    _open_batch(nomination.batch, expected_version)
    if document is not None and document.form_id != nomination.award_form_id:
        raise ValidationError({"document": _("Tài liệu này không thuộc hồ sơ của hình thức đã chọn.")})
    rows = [(NominationFile(batch=nomination.batch, nomination=nomination, document=document, uploaded_by=by), checked)
            for checked in files]
    stored = _attach(nomination.batch, rows, by=by, reason=_("Tải lên tài liệu: %(name)s")
                     % {"name": document or _("tài liệu khác")})
    bump(nomination.batch, by=by, reason=_("Tải lên tài liệu của %(nominee)s") % {"nominee": nomination})
    eligibility.run_checks(nomination)
    return stored


@transaction.atomic
def delete_nomination(nomination, *, by, expected_version):
    """Removes a nominee from the batch while it is with the unit (history keeps who and when)."""
    batch = nomination.batch
    _open_batch(batch, expected_version)
    label = str(nomination)
    record(nomination, by=by, reason=_("Xóa đề nghị"))
    nomination.delete()
    bump(batch, by=by, reason=_("Xóa đề nghị: %(nominee)s") % {"nominee": label})
    return batch


@transaction.atomic
def recheck_nomination(nomination, *, by, expected_version):
    """Reruns the nominee's checks now, for the unit while the batch is with it or the specialist screening it.

    The batch is locked first (``route.locked_batch``), so two reruns of the same nominee run one after the other.
    Side effects: the nominee's NominationCheck rows are rebuilt and ``checked_at`` stamped (derived data: no history
    row, the batch's version does not change). Returns the new checks."""
    batch = nomination.batch
    locked_batch(batch, expected_version=expected_version)
    if not (by.has_perm("awards.edit_batch", batch) or by.has_perm("awards.screen_batch", batch)):
        raise ValidationError(_("Chỉ đơn vị (khi tờ trình còn ở đơn vị) hoặc chuyên viên đang thẩm định tờ trình được "
                                "kiểm tra lại điều kiện."))
    return eligibility.run_checks(nomination)


# --- Submission -------------------------------------------------------------------------------------------------


def report_gaps(nomination):
    """What the nominee's report still lacks (names of the missing parts), by its template."""
    gaps = []
    if not nomination.situation.strip():
        gaps.append(_("sơ lược lý lịch") if nomination.recipient_kind == RecipientKind.INDIVIDUAL
                    else _("đặc điểm tình hình"))
    has_tasks = any(row.text.strip() for row in nomination.task_results.all())
    if nomination.award_form.report_template == ReportTemplate.CAMPAIGN:
        if not has_tasks:
            gaps.append(_("thành tích theo các nội dung thi đua"))
    elif not nomination.summary.strip() and not has_tasks:
        gaps.append(_("thành tích đạt được"))
    return gaps


def _nominee_problems(nomination):
    name = {"nominee": nomination.recipient, "form": nomination.award_form}
    problems = []
    gaps = report_gaps(nomination)
    if gaps:
        problems.append(_("Báo cáo thành tích của “%(nominee)s” (%(form)s) còn trống: %(gaps)s.")
                        % {**name, "gaps": ", ".join(gaps)})
    missing = eligibility.missing_documents(nomination)
    if missing:
        problems.append(_("Hồ sơ của “%(nominee)s” (%(form)s) còn thiếu: %(documents)s.")
                        % {**name, "documents": ", ".join(str(document) for document in missing)})
    eligibility.run_checks(nomination)
    for check in nomination.checks.filter(result=CheckResult.FAIL, blocking=True):
        problems.append(_("“%(nominee)s” không được đề nghị %(form)s: %(title)s – %(explanation)s")
                        % {**name, "title": check.title, "explanation": check.explanation})
    return problems


def submission_problems(batch):
    """Why the batch cannot be sent yet (each a sentence), after running every nominee's checks."""
    problems = []
    nominations = list(batch.nominations.select_related("award_form", "unit", "person", "household")
                       .prefetch_related("task_results").order_by("id"))
    if not nominations:
        problems.append(_("Tờ trình chưa có tập thể, cá nhân hay hộ gia đình nào được đề nghị."))
    roles = set(batch.files.filter(nomination__isnull=True, removed_at__isnull=True)
                .values_list("batch_role", flat=True))
    if BatchDocumentRole.LETTER not in roles:
        problems.append(_("Chưa tải lên tờ trình của đơn vị (bản có chữ ký, đóng dấu)."))
    if BatchDocumentRole.MINUTES not in roles:
        problems.append(_("Chưa tải lên biên bản họp xét khen thưởng của đơn vị."))
    for nomination in nominations:
        problems.extend(_nominee_problems(nomination))
    return problems


def submit_batch(batch, *, by, expected_version):
    """Sends the batch to Sở Nội vụ (a draft, or a returned batch after correcting): reruns every nominee's checks,
    refuses with every reason at once (the rerun checks are kept, so the pages show why), stamps the first
    submission, and moves it to the clerks (no holder)."""
    if batch.kind != BatchKind.UNIT:
        raise ValidationError(_("Tờ trình của tỉnh được chuyển Hội đồng, không gửi như tờ trình của đơn vị."))
    with transaction.atomic():
        _open_batch(batch, expected_version)
        problems = submission_problems(batch)
        if not problems:
            fields = []
            if batch.submitted_at is None:
                batch.submitted_at = timezone.now()
                fields.append("submitted_at")
            again = batch.status == BatchStatus.RETURNED
            reason = _("Gửi lại sau khi sửa") if again else _("Gửi Ban Thi đua – Khen thưởng")
            move(batch, action=StepAction.SUBMIT, to_status=BatchStatus.SUBMITTED, by=by, holder=None, reason=reason,
                 fields=fields, states=BatchStatus.with_unit())
            return batch
    raise ValidationError(problems)


@transaction.atomic
def withdraw_batch(batch, *, by, expected_version, reason=""):
    """Takes a submitted batch back to the unit, only until the clerks receive it: to where that submission came
    from (a first submission back to DRAFT, a resubmission after a return back to RETURNED, its return reason
    kept)."""
    locked_batch(batch, states=[BatchStatus.SUBMITTED],
                 refused=_("Ban Thi đua – Khen thưởng đã tiếp nhận tờ trình: không rút về được nữa."))
    guard_version(batch, expected_version)
    if batch.kind != BatchKind.UNIT:
        raise ValidationError(_("Đây là tờ trình của tỉnh: không rút về được."))
    move(batch, action=StepAction.WITHDRAW, to_status=_submitted_from(batch), by=by, holder=None,
         reason=nfc(reason or "").strip(), states=[BatchStatus.SUBMITTED])
    return batch


def _submitted_from(batch):
    """The state the batch's latest submission left (DRAFT or RETURNED)."""
    last = batch.steps.filter(action=StepAction.SUBMIT).order_by("-at", "-id").first()
    return last.from_status if last is not None else BatchStatus.DRAFT
