"""Eligibility and completeness of nominations: run the checks and store them, the verdict, staff overrides with a
reason, quotas, the forms a nominee qualifies for, the documents checklist.

Codes of NominationCheck rows: ``recipient``, ``discipline`` (blocking), ``rule:<id>`` (with its route),
``documents``, ``report``, ``quota``. An override names a code, so it survives a rerun.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.services.common import record
from units.models import ClusterMembership

from .. import eligibility
from ..eligibility import Outcome
from ..models import (
    AwardForm,
    AwardLevel,
    BatchStatus,
    CheckOverride,
    CheckResult,
    DecidedBy,
    Nomination,
    NominationCheck,
    NominationFile,
    QuotaKind,
    ReportTemplate,
    ScreeningStatus,
)
from ..selectors.facts import campaign_cluster, facts_for, facts_for_recipient

# Nominees screened as meeting the standard of their form: marked so, or forwarded to the council. A nominee
# consolidated into the province's proposal is one of them too: it counts once, through its copy there (copied as
# meeting the standard, then forwarded), as every count here does (``_nominees``).
MEETS_STANDARD = [ScreeningStatus.MEETS, ScreeningStatus.FORWARDED]
RESULT_ORDER = {CheckResult.PASS: 0, CheckResult.UNKNOWN: 1, CheckResult.FAIL: 2}


# --- Documents --------------------------------------------------------------------------------------------------

def required_documents(nomination):
    """The required documents of the nomination's form that concern its recipient kind."""
    return [doc for doc in nomination.award_form.required_documents.all()
            if doc.is_required and doc.applies(nomination.recipient_kind)]


def _live_files(nomination):
    return NominationFile.objects.filter(nomination=nomination, removed_at__isnull=True)


def missing_documents(nomination):
    """Required documents of the form (for the recipient kind) with no file attached that is not removed."""
    present = set(_live_files(nomination).exclude(document=None).values_list("document_id", flat=True))
    return [doc for doc in required_documents(nomination) if doc.pk not in present]


def checklist(nomination):
    """[(RequiredDocument, [NominationFile])] for every document of the form that concerns the recipient kind
    (required or not), each with its files not removed."""
    files = {}
    for attached in _live_files(nomination).exclude(document=None).order_by("uploaded_at", "id"):
        files.setdefault(attached.document_id, []).append(attached)
    return [(doc, files.get(doc.pk, [])) for doc in nomination.award_form.required_documents.all()
            if doc.applies(nomination.recipient_kind)]


# --- Quotas -----------------------------------------------------------------------------------------------------

def _nominees(campaign, form):
    """The nominations of ``form`` in the campaign, each nominee once: a nominee consolidated into the province's
    proposal counts through its copy there, not through its CONSOLIDATED original."""
    return (Nomination.objects.filter(batch__campaign=campaign, award_form=form)
            .exclude(status=ScreeningStatus.CONSOLIDATED))


def _counted(campaign, form, batch):
    """Nominations of ``form`` in the campaign that count against a quota (``_nominees``): not rejected, and not in
    another unit's (or this unit's other) draft batch."""
    return (_nominees(campaign, form).exclude(status=ScreeningStatus.REJECTED)
            .exclude(Q(batch__status=BatchStatus.DRAFT) & ~Q(batch=batch)))


def _meeting_standard(campaign, form):
    """Nominations of ``form`` in the campaign screened as meeting its standard (``_nominees`` in MEETS_STANDARD,
    consolidated ones through their copies): not those pending (drafts among them), failing or rejected."""
    return _nominees(campaign, form).filter(status__in=MEETS_STANDARD)


def _quota_outcome(result, explanation):
    return Outcome(code="quota", title=_("Hạn mức đề nghị"), result=result, explanation=explanation)


def _limit(form):
    value = form.quota_value
    return int(value) if value is not None and value == int(value) else value


def check_quota(nomination):
    """The quota of the nomination's form (QuotaKind): per unit, per cluster (the proposing unit's cluster in the
    campaign, ``campaign_cluster``) or as a share of a base form: the nominees counted (``_counted``) against those
    of the base form that meet its standard (``_meeting_standard``), each nominee counted once on both sides."""
    form = nomination.award_form
    batch = nomination.batch
    campaign = batch.campaign
    values = {"form": form.name, "limit": _limit(form)}
    if form.quota_kind == QuotaKind.PER_UNIT:
        values.update(unit=batch.unit.name, count=_counted(campaign, form, batch).filter(batch__unit=batch.unit_id)
                      .count())
        result = CheckResult.PASS if values["count"] <= form.quota_value else CheckResult.FAIL
        return _quota_outcome(result, _("%(unit)s đã có %(count)s đề nghị %(form)s, hạn mức %(limit)s.") % values)
    if form.quota_kind == QuotaKind.PER_CLUSTER:
        cluster = campaign_cluster(campaign, [batch.unit_id])
        if cluster is None:
            return _quota_outcome(CheckResult.UNKNOWN, _("Đơn vị đề nghị chưa thuộc cụm, khối nào của phong trào: "
                                                         "chưa xét được hạn mức %(limit)s đề nghị %(form)s mỗi cụm, "
                                                         "khối.") % values)
        members = ClusterMembership.objects.filter(cluster=cluster).values("unit_id")
        values.update(cluster=cluster.name,
                      count=_counted(campaign, form, batch).filter(batch__unit_id__in=members).count())
        result = CheckResult.PASS if values["count"] <= form.quota_value else CheckResult.FAIL
        return _quota_outcome(result, _("%(cluster)s đã có %(count)s đề nghị %(form)s, hạn mức %(limit)s.") % values)
    if form.quota_kind == QuotaKind.SHARE_OF_BASE:
        base = form.quota_base
        if base is None:
            return _quota_outcome(CheckResult.UNKNOWN, _("Hạn mức theo tỷ lệ chưa có hình thức làm căn cứ."))
        values.update(base=base.name, base_count=_meeting_standard(campaign, base).count(),
                      count=_counted(campaign, form, batch).count())
        if not values["base_count"]:
            return _quota_outcome(CheckResult.UNKNOWN, _(
                "Chưa có đề nghị %(base)s nào trong phong trào đã được thẩm định đủ điều kiện để tính hạn mức "
                "%(limit)s%% cho %(form)s.") % values)
        ok = values["count"] * 100 <= form.quota_value * values["base_count"]
        return _quota_outcome(CheckResult.PASS if ok else CheckResult.FAIL, _(
            "Phong trào có %(count)s đề nghị %(form)s trên %(base_count)s đề nghị %(base)s đã được thẩm định đủ điều "
            "kiện, hạn mức %(limit)s%%.") % values)
    return _quota_outcome(CheckResult.PASS, _("%(form)s không có hạn mức số lượng.") % values)


# --- Running checks ------------------------------------------------------------------------------------------------

def outcomes_for(nomination, *, today=None):
    """Every check of the nomination, in display order: recipient, discipline, the rules by route, documents,
    report, quota."""
    form = nomination.award_form
    facts = facts_for(nomination, today=today)
    present = set(_live_files(nomination).exclude(document=None).values_list("document_id", flat=True))
    task_results = sum(bool(task.text.strip()) for task in nomination.task_results.all())
    return [
        eligibility.check_recipient(form, nomination.recipient_kind),
        eligibility.check_discipline(facts),
        *eligibility.check_rules(form.rules.all(), facts),
        eligibility.check_documents(required_documents(nomination), present),
        eligibility.check_report(situation=nomination.situation, task_results=task_results,
                                 campaign_template=form.report_template == ReportTemplate.CAMPAIGN,
                                 template_name=form.report_template_name),
        check_quota(nomination),
    ]


def run_checks(nomination, *, now=None):
    """Rebuilds the nomination's NominationCheck rows from its current facts and sets ``checked_at``.

    Side effects: in one transaction, deletes the nomination's check rows, creates the new ones and updates
    ``nomination.checked_at`` (no history row: checks are derived data). Overrides are kept (they name codes).
    """
    now = now or timezone.now()
    outcomes = outcomes_for(nomination, today=timezone.localdate(now))
    rows = [
        NominationCheck(nomination=nomination, code=outcome.code, route=outcome.route, title=outcome.title[:255],
                        citation=outcome.citation[:255], result=outcome.result, explanation=outcome.explanation,
                        blocking=outcome.blocking, order=index, checked_at=now)
        for index, outcome in enumerate(outcomes)
    ]
    with transaction.atomic():
        NominationCheck.objects.filter(nomination=nomination).delete()
        created = NominationCheck.objects.bulk_create(rows)
        Nomination.objects.filter(pk=nomination.pk).update(checked_at=now)
        nomination.checked_at = now
    return created


def overrides_of(nomination):
    return {override.code: override for override in nomination.overrides.select_related("by")}


def verdict(nomination_or_checks, overrides=None):
    """The verdict of a nomination (its stored checks and overrides) or of a list of checks/outcomes with
    ``overrides`` (codes, or a dict code → CheckOverride). See ``eligibility.combine`` for the exact rule. None when
    there is no check at all (never checked)."""
    if isinstance(nomination_or_checks, Nomination):
        checks = list(nomination_or_checks.checks.all())
        if overrides is None:
            overrides = overrides_of(nomination_or_checks)
    else:
        checks = list(nomination_or_checks)
    if not checks:
        return None
    return eligibility.combine(checks, frozenset(overrides or ()))


@transaction.atomic
def override_check(nomination, *, code, reason, by):
    """Passes a failed, non-blocking check of the nomination anyway, with the reason.

    Side effects: creates (or updates, if the check was overridden before) the CheckOverride row, with a history
    row carrying who and why. Refused (ValidationError) without a reason, for an unknown code, a blocking check or a
    check that did not fail.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do bỏ qua kết quả kiểm tra.")})
    check = NominationCheck.objects.filter(nomination=nomination, code=code).first()
    if check is None:
        raise ValidationError(_("Không có kết quả kiểm tra này: hãy kiểm tra lại điều kiện rồi thử lại."))
    if check.blocking:
        raise ValidationError(_("Không được bỏ qua kết quả “%(title)s”.") % {"title": check.title})
    if check.result != CheckResult.FAIL:
        raise ValidationError(_("Chỉ bỏ qua được kết quả “Không đạt”."))
    override = CheckOverride.objects.select_for_update().filter(nomination=nomination, code=code).first()
    if override is None:
        override = CheckOverride(nomination=nomination, code=code)
    override.reason = reason
    override.by = by
    record(override, by=by, reason=reason)
    override.save()
    return override


# --- Suggestions -------------------------------------------------------------------------------------------------

SUGGESTED_LEVELS = [AwardLevel.PROVINCE, AwardLevel.STATE]


def suggest_forms(*, campaign, recipient_kind, unit=None, person=None, household=None, today=None):
    """[(AwardForm, CheckResult, [Outcome])] of the active forms of the campaign's regime for the recipient kind,
    decided at province level or above, that pass or may pass (best first, then catalogue order). Documents, report
    and quota are not checked here."""
    facts = facts_for_recipient(campaign=campaign, recipient_kind=recipient_kind, unit=unit, person=person,
                                household=household, today=today)
    forms = (AwardForm.objects.filter(regime_id=campaign.regime_id, is_active=True, level__in=SUGGESTED_LEVELS)
             .exclude(decided_by=DecidedBy.UNIT).prefetch_related("rules").order_by("order", "id"))
    suggestions = []
    for form in forms:
        if not form.admits(recipient_kind):
            continue
        outcomes = [eligibility.check_discipline(facts), *eligibility.check_rules(form.rules.all(), facts)]
        result = eligibility.combine(outcomes)
        if result != CheckResult.FAIL:
            suggestions.append((form, result, outcomes))
    suggestions.sort(key=lambda item: RESULT_ORDER[item[1]])
    return suggestions
