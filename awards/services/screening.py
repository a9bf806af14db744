"""Screening of nomination batches by Sở Nội vụ (Ban Thi đua – Khen thưởng), and the province's proposals upward.

The route: the unit submits (SUBMITTED, waiting for the clerks) → a clerk receives it (RECEIVED, held by that clerk)
→ assigns it to a specialist and/or a board (ASSIGNED, held by the specialist) → the specialist marks every nominee
and completes (CHECKED, waiting for the head) → the head forwards it (FORWARDED). A return goes one step back with
its reason. Every function locks the batch (``route.locked_batch``), refuses a stale ``expected_version``, checks
the acting person's permission against the fresh state, and writes one history row (and one route step for a
move).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import record, save
from units.models import Role, Unit

from ..models import (
    BatchKind,
    BatchStatus,
    CheckOverride,
    CheckResult,
    DecidedBy,
    Nomination,
    NominationBatch,
    NominationFile,
    NominationTask,
    ScreeningStatus,
    StaffFunction,
    StaffPost,
    StepAction,
)
from . import eligibility, notices
from .route import bump, locked_batch, move, required_reason

MARKS = (ScreeningStatus.MEETS, ScreeningStatus.FAILS)


def _guard_permission(by, permission, batch, message=None):
    if not by.has_perm(permission, batch):
        raise ValidationError(message or _("Bạn không có quyền thực hiện thao tác này với tờ trình ở trạng thái "
                                           "“%(status)s”.") % {"status": batch.get_status_display()})


def _locked(batch, *, by, permission, expected_version, states, refused=None):
    """Locks the batch, refuses a stale version or a wrong state, then checks ``by``'s permission on what is now
    in the database."""
    locked_batch(batch, expected_version=expected_version, states=states, refused=refused)
    _guard_permission(by, permission, batch)
    return batch


def _move(batch, **kwargs):
    # Already locked and guarded: the move re-reads the locked row and writes the step.
    return move(batch, expected_version=None, **kwargs)


def screeners():
    """Staff accounts that may be assigned a batch: specialists and heads, active."""
    return StaffPost.objects.filter(
        function__in=[StaffFunction.SPECIALIST, StaffFunction.HEAD], user__is_active=True, user__role=Role.STAFF
    )


@transaction.atomic
def receive_batch(batch, *, by, expected_version):
    """A clerk receives a submitted batch: RECEIVED, held and received by the clerk. The unit's officers are told
    (notice and e-mail)."""
    _locked(batch, by=by, permission="awards.receive_batch", expected_version=expected_version,
            states=[BatchStatus.SUBMITTED], refused=_("Chỉ tiếp nhận được tờ trình đã gửi, đang chờ tiếp nhận."))
    step = _move(batch, action=StepAction.RECEIVE, to_status=BatchStatus.RECEIVED, by=by, holder=by,
                 values={"received_by": by})
    notices.batch_received(batch, by=by)
    return step


@transaction.atomic
def assign_batch(batch, *, to=None, board=None, by, expected_version, note=""):
    """The clerk assigns a received batch to a specialist (or a head) and/or a board: ASSIGNED, held by ``to``
    (nobody in particular when only a board is named). The specialist, or else the board's screeners, are told
    (notice and e-mail)."""
    if to is None and board is None:
        raise ValidationError(_("Hãy chọn chuyên viên hoặc bộ phận thẩm định."))
    if to is not None and not screeners().filter(user=to).exists():
        raise ValidationError({"to": _("%(user)s không phải chuyên viên thẩm định hoặc lãnh đạo Ban.")
                               % {"user": to}})
    _locked(batch, by=by, permission="awards.assign_batch", expected_version=expected_version,
            states=[BatchStatus.RECEIVED], refused=_("Chỉ phân công được tờ trình đã tiếp nhận."))
    note = (note or "").strip()
    step = _move(batch, action=StepAction.ASSIGN, to_status=BatchStatus.ASSIGNED, by=by, holder=to, reason=note,
                 values={"assigned_to": to, "assigned_board": board})
    notices.batch_assigned(batch, by=by, note=note)
    return step


def _names(checks):
    return "; ".join(check.title for check in checks)


def _guard_meets(nomination, checks):
    """A nominee with a failed blocking check never meets the conditions; one whose checks fail otherwise (a built-in
    check, or every route of the rules) only once each failed check was overridden with a reason."""
    failed = [check for check in checks if check.result == CheckResult.FAIL]
    blocking = [check for check in failed if check.blocking]
    if blocking:
        raise ValidationError({"verdict": _("Không thể xác nhận đủ điều kiện: chưa đạt điều kiện không được bỏ qua "
                                            "(%(checks)s).") % {"checks": _names(blocking)}})
    overridden = set(nomination.overrides.values_list("code", flat=True))
    if eligibility.verdict(checks, overridden) == CheckResult.FAIL:
        open_failures = [check for check in failed if check.code not in overridden]
        raise ValidationError({"verdict": _("Không thể xác nhận đủ điều kiện: còn điều kiện chưa đạt và chưa được "
                                            "bỏ qua có lý do (%(checks)s).") % {"checks": _names(open_failures)}})


@transaction.atomic
def screen_nomination(nomination, *, verdict, reason="", by, expected_version):
    """The specialist marks one nominee as meeting the conditions (``"meets"``) or not (``"fails"``, with a
    reason), while the batch is being screened. Reruns the eligibility checks first; stamps who and when; raises
    the batch's version (a mark is a change of the batch); tells the unit's officers (notice and e-mail)."""
    batch = nomination.batch
    _locked(batch, by=by, permission="awards.screen_batch", expected_version=expected_version,
            states=[BatchStatus.ASSIGNED], refused=_("Chỉ thẩm định được khi tờ trình đang ở bước thẩm định."))
    if verdict not in MARKS:
        raise ValidationError({"verdict": _("Hãy chọn đủ hoặc không đủ điều kiện.")})
    reason = (reason or "").strip()
    if verdict == ScreeningStatus.FAILS:
        reason = required_reason(reason, _("Hãy ghi lý do không đủ điều kiện để đơn vị biết."))
    checks = eligibility.run_checks(nomination)
    if verdict == ScreeningStatus.MEETS:
        _guard_meets(nomination, checks)
    nomination.status = verdict
    nomination.screening_reason = reason
    nomination.screened_by = by
    nomination.screened_at = timezone.now()
    record(nomination, by=by, reason=reason or nomination.get_status_display())
    nomination.save(update_fields=["status", "screening_reason", "screened_by", "screened_at", "updated_at"])
    bump(batch, by=by, reason=_("Thẩm định %(nominee)s: %(verdict)s") % {
        "nominee": nomination.recipient, "verdict": nomination.get_status_display()})
    notices.nomination_screened(nomination, by=by)
    return nomination


@transaction.atomic
def override_nomination_check(nomination, *, code, reason, by, expected_version):
    """The specialist passes a failed, non-blocking check of one nominee anyway, with a recorded reason (through
    ``eligibility.override_check``); raises the batch's version."""
    batch = nomination.batch
    _locked(batch, by=by, permission="awards.override_check", expected_version=expected_version,
            states=[BatchStatus.ASSIGNED], refused=_("Chỉ bỏ qua được kết quả kiểm tra khi tờ trình đang thẩm định."))
    reason = required_reason(reason, _("Hãy ghi lý do bỏ qua kết quả kiểm tra."))
    # The checks as they stand now (a refused mark rolled its own rerun back).
    check = next((check for check in eligibility.run_checks(nomination) if check.code == code), None)
    if check is None or check.result != CheckResult.FAIL:
        raise ValidationError(_("Không có kết quả kiểm tra chưa đạt nào như vậy để bỏ qua."))
    if check.blocking:
        raise ValidationError(_("“%(check)s” là điều kiện không được bỏ qua.") % {"check": check.title})
    if nomination.overrides.filter(code=code).exists():
        raise ValidationError(_("Kết quả kiểm tra này đã được bỏ qua trước đó."))
    override = eligibility.override_check(nomination, code=code, reason=reason, by=by)
    bump(batch, by=by, reason=_("Bỏ qua kết quả kiểm tra “%(check)s” của %(nominee)s: %(reason)s") % {
        "check": check.title, "nominee": nomination.recipient, "reason": reason})
    return override


@transaction.atomic
def complete_screening(batch, *, by, expected_version):
    """The specialist hands a batch whose every nominee is marked to the head: CHECKED, waiting for the head."""
    _locked(batch, by=by, permission="awards.screen_batch", expected_version=expected_version,
            states=[BatchStatus.ASSIGNED], refused=_("Tờ trình không ở bước thẩm định."))
    pending = list(batch.nominations.exclude(status__in=MARKS))
    if pending:
        raise ValidationError(_("Còn %(count)s người được đề nghị chưa thẩm định: %(names)s.") % {
            "count": len(pending), "names": ", ".join(str(n.recipient) for n in pending)})
    if not batch.nominations.exists():
        raise ValidationError(_("Tờ trình không có người được đề nghị nào."))
    return _move(batch, action=StepAction.COMPLETE, to_status=BatchStatus.CHECKED, by=by, holder=None)


def _settle(nominations, status, *, by, reason):
    for nomination in nominations:
        nomination.status = status
        record(nomination, by=by, reason=reason or nomination.screening_reason)
        nomination.save(update_fields=["status", "updated_at"])


@transaction.atomic
def forward_batch(batch, *, by, expected_version, note=""):
    """The head forwards a checked batch to the council: FORWARDED. Its nominees that meet the conditions are
    forwarded, the others rejected with the reasons the specialist gave. Refused when nobody meets them (the batch
    is then returned instead). The unit's officers are told (notice and e-mail)."""
    if batch.kind == BatchKind.PROVINCE:
        return forward_proposal(batch, by=by, expected_version=expected_version)
    _locked(batch, by=by, permission="awards.forward_batch", expected_version=expected_version,
            states=[BatchStatus.CHECKED], refused=_("Chỉ chuyển Hội đồng được tờ trình đã thẩm định xong."))
    meets = list(batch.nominations.filter(status=ScreeningStatus.MEETS))
    if not meets:
        raise ValidationError(_("Không có người nào đủ điều kiện để chuyển Hội đồng: hãy trả lại tờ trình."))
    note = (note or "").strip()
    _settle(meets, ScreeningStatus.FORWARDED, by=by, reason=note or _("Chuyển Hội đồng"))
    _settle(batch.nominations.filter(status=ScreeningStatus.FAILS), ScreeningStatus.REJECTED, by=by, reason="")
    step = _move(batch, action=StepAction.FORWARD, to_status=BatchStatus.FORWARDED, by=by, holder=None, reason=note)
    notices.batch_forwarded(batch, by=by, note=note)
    return step


# Where a return goes: from each state, the state one step back, who holds the batch there, and the route fields
# of the steps it undoes (cleared, so the batch does not name a clerk or a specialist who no longer has it).
UNIT_SIDE = ("received_by", "assigned_to", "assigned_board")
ASSIGNMENT = ("assigned_to", "assigned_board")
RETURNS = {
    BatchStatus.SUBMITTED: (BatchStatus.RETURNED, lambda batch: None, UNIT_SIDE),
    BatchStatus.RECEIVED: (BatchStatus.RETURNED, lambda batch: None, UNIT_SIDE),
    BatchStatus.ASSIGNED: (BatchStatus.RECEIVED, lambda batch: batch.received_by, ASSIGNMENT),
    BatchStatus.CHECKED: (BatchStatus.ASSIGNED, lambda batch: batch.assigned_to, ()),
}


def return_target(batch):
    """The state a return of ``batch`` leads to, or None where it cannot be returned."""
    target = RETURNS.get(batch.status)
    return target[0] if target else None


@transaction.atomic
def return_batch(batch, *, reason, by, expected_version):
    """Returns a batch one step back with its reason: to the unit (from SUBMITTED or RECEIVED; its nominees'
    marks and reasons are cleared for the next screening, and so are the clerk and the assignment), to the clerk
    who received it (from ASSIGNED; the assignment is cleared), or to the specialist (from CHECKED). The reason is
    kept on the batch and in its route, and told (notice and e-mail) to whoever now has the batch: the unit's
    officers, the clerk or the specialist."""
    reason = required_reason(reason)
    _locked(batch, by=by, permission="awards.return_batch", expected_version=expected_version,
            states=list(RETURNS), refused=_("Tờ trình ở trạng thái này không trả lại được."))
    to_status, holder_of, cleared = RETURNS[batch.status]
    holder = holder_of(batch)
    if to_status == BatchStatus.RETURNED:
        _reopen(batch, by=by, reason=reason)
    step = _move(batch, action=StepAction.RETURN, to_status=to_status, by=by, holder=holder, reason=reason,
                 values={"return_reason": reason, **dict.fromkeys(cleared)})
    notices.batch_returned(batch, by=by)
    return step


def _reopen(batch, *, by, reason):
    for nomination in batch.nominations.filter(status__in=MARKS):
        nomination.status = ScreeningStatus.PENDING
        nomination.screening_reason = ""
        nomination.screened_by = None
        nomination.screened_at = None
        record(nomination, by=by, reason=reason)
        nomination.save(update_fields=["status", "screening_reason", "screened_by", "screened_at", "updated_at"])


# --- The province's proposals upward ------------------------------------------------------------------------------


def province_unit(by):
    """The unit in whose name the province proposes: the unit coded ``PORTAL_PROVINCE_UNIT_CODE`` (Sở Nội vụ), else
    the first unit the staff account belongs to; None when neither exists."""
    code = getattr(settings, "PORTAL_PROVINCE_UNIT_CODE", "")
    unit = Unit.objects.filter(code=code).first() if code else None
    return unit or by.units.order_by("pk").first()


def consolidable(campaign):
    """Nominees that may go into a province proposal: forwarded by screening, of a form decided above the
    province, from units' batches of ``campaign``, not yet consolidated."""
    return Nomination.objects.filter(
        batch__campaign=campaign, batch__kind=BatchKind.UNIT, status=ScreeningStatus.FORWARDED,
        award_form__decided_by=DecidedBy.HIGHER,
    )


PROPOSAL_FIELDS = ("letter_number", "letter_date", "signer", "signer_position", "summary")


@transaction.atomic
def create_proposal(*, campaign, nominations, by, values=None):
    """Consolidates forwarded nominees of forms decided above the province, from several batches, into the
    province's own proposal (a DRAFT batch of kind PROVINCE in the name of Sở Nội vụ). Each nominee is copied with
    its report, its achievements per task and its attachments, the copy pointing to its ``source``; the original
    becomes CONSOLIDATED. Refuses nominees already consolidated, of another campaign or of other forms."""
    if not by.has_perm("awards.create_proposal"):
        raise ValidationError(_("Chỉ chuyên viên, lãnh đạo Ban lập được tờ trình của tỉnh."))
    ids = sorted({getattr(nomination, "pk", nomination) for nomination in nominations})
    if not ids:
        raise ValidationError({"nominations": _("Hãy chọn ít nhất một người được đề nghị.")})
    unit = province_unit(by)
    if unit is None:
        raise ValidationError(_("Chưa có đơn vị Sở Nội vụ (mã %(code)s) để đứng tên tờ trình của tỉnh.")
                              % {"code": getattr(settings, "PORTAL_PROVINCE_UNIT_CODE", "")})
    # Locked in id order, so two staff consolidating the same nominees at once cannot both take them.
    originals = list(Nomination.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    allowed = set(consolidable(campaign).filter(pk__in=ids).values_list("pk", flat=True))
    refused = [nomination for nomination in originals if nomination.pk not in allowed]
    if refused or len(originals) != len(ids):
        raise ValidationError({"nominations": _(
            "Không đưa được vào tờ trình của tỉnh (đã đưa vào tờ trình khác, chưa được chuyển Hội đồng hoặc không "
            "thuộc hình thức do cấp trên quyết định): %(names)s.") % {
                "names": ", ".join(str(n.recipient) for n in refused) or _("đề nghị không còn")}})
    fields = {name: value for name, value in (values or {}).items() if name in PROPOSAL_FIELDS}
    batch = NominationBatch(campaign=campaign, unit=unit, kind=BatchKind.PROVINCE, created_by=by, **fields)
    record(batch, by=by, reason=_("Lập tờ trình của tỉnh đề nghị cấp trên"))
    batch.save()
    for original in originals:
        _copy_into(batch, original, by=by)
    return batch


def _copy_into(batch, original, *, by):
    reason = _("Đưa vào tờ trình của tỉnh")
    copy = Nomination(
        batch=batch, award_form_id=original.award_form_id, recipient_kind=original.recipient_kind,
        unit_id=original.unit_id, person_id=original.person_id, household_id=original.household_id,
        situation=original.situation, summary=original.summary, status=ScreeningStatus.MEETS,
        screening_reason=original.screening_reason, screened_by_id=original.screened_by_id,
        screened_at=original.screened_at, source=original, created_by=by,
    )
    record(copy, by=by, reason=reason)
    copy.save()
    for row in original.task_results.prefetch_related("works", "achievements"):
        task_copy = NominationTask.objects.create(nomination=copy, task_id=row.task_id, text=row.text)
        task_copy.works.set(row.works.all())
        task_copy.achievements.set(row.achievements.all())
    for attachment in original.files.filter(removed_at__isnull=True):
        # The same stored file, listed again under the proposal: nothing is read or written in storage.
        NominationFile.objects.create(
            batch=batch, nomination=copy, document_id=attachment.document_id, file=attachment.file.name,
            original_name=attachment.original_name, kind=attachment.kind, size=attachment.size,
            sha256=attachment.sha256, uploaded_by_id=attachment.uploaded_by_id,
        )
    for override in original.overrides.all():
        # The specialist's reasoned overrides travel with the nominee: the copy is judged by the same rules.
        kept = CheckOverride(nomination=copy, code=override.code, reason=override.reason, by_id=override.by_id)
        save(kept, by=by, reason=reason)
    original.status = ScreeningStatus.CONSOLIDATED
    record(original, by=by, reason=reason)
    original.save(update_fields=["status", "updated_at"])
    return copy


@transaction.atomic
def forward_proposal(batch, *, by, expected_version):
    """Sends the province's proposal to the council: it goes straight to FORWARDED, its nominees with it."""
    locked_batch(batch, expected_version=expected_version, states=[BatchStatus.DRAFT, BatchStatus.RETURNED],
                 refused=_("Tờ trình của tỉnh đã được chuyển Hội đồng."))
    if batch.kind != BatchKind.PROVINCE:
        raise ValidationError(_("Chỉ tờ trình của tỉnh được chuyển thẳng Hội đồng."))
    _guard_permission(by, "awards.forward_batch", batch)
    nominations = list(batch.nominations.all())
    if not nominations:
        raise ValidationError(_("Tờ trình của tỉnh chưa có người được đề nghị nào."))
    _settle(nominations, ScreeningStatus.FORWARDED, by=by, reason=_("Chuyển Hội đồng"))
    if batch.submitted_at is None:
        batch.submitted_at = timezone.now()
    return _move(batch, action=StepAction.FORWARD, to_status=BatchStatus.FORWARDED, by=by, holder=None,
                 fields=["submitted_at"])
