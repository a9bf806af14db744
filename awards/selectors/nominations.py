"""Reads of a unit's nomination batches and their nominees: lists, a batch's page, a nominee's page, the choices of
the forms, and who holds a batch now. Every queryset is scoped through ``scope.batches_visible_to``."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from campaign.models import Achievement, PledgedWork
from units.history import merged_history_page
from units.models import ClusterMembership, Unit
from units.rules import is_council_member, is_portal_staff
from units.selectors import descendant_ids

from ..models import (
    RECIPIENT_FIELDS,
    AwardForm,
    BatchKind,
    BatchStatus,
    BatchStep,
    CheckOverride,
    CheckResult,
    DecidedBy,
    Nomination,
    NominationBatch,
    NominationFile,
    NominationTask,
    RecipientKind,
)
from .scope import batches_visible_to, households_visible_to, nominations_visible_to, people_visible_to


def batch_list(user, campaign):
    """The campaign's batches the user may see, with their nominee count, newest first."""
    batches = batches_visible_to(user, campaign).annotate(nominee_count=Count("nominations"))
    return batches.order_by("-created_at", "-id")


def officer_batches(user, limit=10):
    """The latest batches of the officer's units, over every campaign (the officer's home page)."""
    batches = batches_visible_to(user).annotate(nominee_count=Count("nominations"))
    return batches.order_by("-updated_at", "-id")[:limit]


def participating_units(campaign):
    """Units that take part in the campaign: members of one of its clusters."""
    memberships = ClusterMembership.objects.filter(cluster__campaigns=campaign)
    return Unit.objects.filter(id__in=memberships.values("unit_id"))


def units_to_propose(user, campaign):
    """The user's units that may open a batch in the campaign, in Vietnamese order."""
    from units.rules import officer_unit_ids

    units = participating_units(campaign).filter(id__in=officer_unit_ids(user), is_active=True)
    return units.order_by("name_sort", "id")


def holder_text(batch):
    """Who must act on the batch now, as a person reads it: its holder, else whom it waits for. The one wording of
    every page and list (needs ``unit``, ``holder`` and ``assigned_board`` joined)."""
    if batch.holder_id:
        return str(batch.holder)
    if batch.status in BatchStatus.with_unit():
        if batch.kind == BatchKind.PROVINCE:
            return _("Ban Thi đua – Khen thưởng")
        return _("Đơn vị %(unit)s") % {"unit": batch.unit.name}
    if batch.status == BatchStatus.SUBMITTED:
        return _("Văn thư Ban TĐKT")
    if batch.status == BatchStatus.CHECKED:
        return _("Lãnh đạo Ban TĐKT")
    if batch.status == BatchStatus.ASSIGNED and batch.assigned_board_id:
        return _("Bộ phận %(board)s") % {"board": batch.assigned_board}
    if batch.status == BatchStatus.FORWARDED:
        return _("Hội đồng Thi đua – Khen thưởng tỉnh")
    return _("Ban Thi đua – Khen thưởng")


def held_since(batch):
    return batch.held_since or batch.created_at


def batch_for_page(batches):
    """A batch queryset with what its page shows joined: files (removed ones too, the page hides them) and route."""
    files = NominationFile.objects.filter(nomination__isnull=True).select_related("uploaded_by")
    steps = BatchStep.objects.select_related("by", "to_holder").order_by("at", "id")
    return batches.prefetch_related(Prefetch("files", queryset=files, to_attr="batch_files"),
                                    Prefetch("steps", queryset=steps, to_attr="route"))


def batch_nominees(batch):
    """The batch's nominees with their checks and overrides, in the order of award forms."""
    return (
        batch.nominations.select_related("award_form", "unit", "person__unit", "household__unit")
        .prefetch_related("checks", "overrides")
        .order_by("award_form__order", "award_form__name", "recipient_kind", "recipient_search", "id")
    )


def group_nominees(nominations, verdict):
    """Nominees grouped by award form and recipient kind: [{"form", "kind", "items": [(nomination, verdict)]}]."""
    groups = []
    for nomination in nominations:
        key = (nomination.award_form_id, nomination.recipient_kind)
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "form": nomination.award_form,
                           "kind": nomination.get_recipient_kind_display(), "items": []})
        result = verdict(nomination, {override.code for override in nomination.overrides.all()})
        groups[-1]["items"].append((nomination, CheckResult(result) if result else None))
    return groups


def nominations_for_pages(user, campaign):
    return nominations_visible_to(user, campaign).select_related("batch__holder", "batch__assigned_board",
                                                                 "screened_by")


def files_visible_to(user):
    """Attachments of the batches the user may see (removed ones included: the view hides them from non-staff); for a
    council member, the attachments of the nominees on the agendas of the sessions they sit in."""
    files = NominationFile.objects.select_related("batch__campaign", "batch__unit", "nomination")
    if is_council_member(user) and not is_portal_staff(user):
        return files.filter(nomination__agenda_item__session__members__member__user=user).distinct()
    return files.filter(batch__in=batches_visible_to(user).values("pk"))


def shown_files(files):
    return [file for file in files if file.removed_at is None]


def batch_history_page(batch, number):
    sources = {
        "batch": NominationBatch.history.filter(id=batch.pk),
        "file": NominationFile.history.filter(batch_id=batch.pk, nomination_id__isnull=True),
    }
    labels = {
        "batch": lambda row: _("Tờ trình"),
        "file": lambda row: _("Tài liệu: %(name)s") % {"name": row.original_name},
    }
    return merged_history_page(sources, number, labels)


def nomination_history_page(nomination, number):
    sources = {
        "nomination": Nomination.history.filter(id=nomination.pk),
        "task": NominationTask.history.filter(nomination_id=nomination.pk),
        "file": NominationFile.history.filter(nomination_id=nomination.pk),
    }
    labels = {
        "nomination": lambda row: _("Đề nghị"),
        "task": lambda row: _("Thành tích theo nội dung thi đua"),
        "file": lambda row: _("Tài liệu: %(name)s") % {"name": row.original_name},
    }
    return merged_history_page(sources, number, labels)


# --- Choices of the forms ---------------------------------------------------------------------------------------


def proposable_unit_ids(unit):
    """The proposing unit and every unit under it."""
    return {unit.pk, *descendant_ids(unit)}


def collectives_to_nominate(unit):
    return Unit.objects.filter(id__in=proposable_unit_ids(unit)).order_by("name_sort", "id")


def people_to_nominate(user, unit):
    return people_visible_to(user).filter(unit_id__in=proposable_unit_ids(unit)).order_by("name_sort", "id")


def households_to_nominate(user, unit):
    return households_visible_to(user).filter(unit_id__in=proposable_unit_ids(unit)).order_by("name_sort", "id")


def forms_for_campaign(campaign, recipient_kind=None):
    """Active award forms of the campaign's regime that a unit proposes upward (not those the unit decides itself,
    such as its Giấy khen), admitting ``recipient_kind`` when given."""
    forms = AwardForm.objects.filter(regime_id=campaign.regime_id, is_active=True).exclude(decided_by=DecidedBy.UNIT)
    forms = forms.order_by("order", "name", "id")
    flag = {RecipientKind.COLLECTIVE: "for_collective", RecipientKind.INDIVIDUAL: "for_individual",
            RecipientKind.HOUSEHOLD: "for_household"}.get(recipient_kind)
    return forms.filter(**{flag: True}) if flag else forms


def works_unit(nomination):
    """Whose works and achievements the report links to: the nominee's unit for a collective, else the proposer."""
    return nomination.unit if nomination.recipient_kind == RecipientKind.COLLECTIVE else nomination.batch.unit


def task_choices(nomination):
    """{task id: (works, achievements)} of the unit's campaign works and achievements in each task."""
    campaign, unit = nomination.batch.campaign, works_unit(nomination)
    works = PledgedWork.objects.filter(campaign=campaign, unit=unit).prefetch_related("tasks").order_by("title", "id")
    achievements = Achievement.objects.filter(campaign=campaign, unit=unit).order_by("title", "id")
    choices = {}
    for work in works:
        for task in work.tasks.all():
            choices.setdefault(task.pk, ([], []))[0].append(work)
    for achievement in achievements:
        choices.setdefault(achievement.task_id, ([], []))[1].append(achievement)
    return choices


def nomination_for_page(nominations):
    tasks = NominationTask.objects.select_related("task").prefetch_related("works", "achievements")
    return nominations.prefetch_related(
        Prefetch("task_results", queryset=tasks),
        Prefetch("files", queryset=NominationFile.objects.select_related("document", "uploaded_by")),
        "checks", Prefetch("overrides", queryset=CheckOverride.objects.select_related("by")),
    )


def duplicates(*, campaign, unit, award_form, recipient_kind, recipient):
    """The unit's nominations of the same nominee for the same form in the campaign."""
    same = {RECIPIENT_FIELDS[recipient_kind]: recipient}
    return Nomination.objects.filter(batch__campaign=campaign, batch__unit=unit, award_form=award_form,
                                     **same).select_related("batch")
