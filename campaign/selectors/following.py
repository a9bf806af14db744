"""Reads of the following lists: a campaign's registrations, pledged works and achievements about the units a user
follows (``scope.scoped``), ready for a page of rows at a flat query count; and, from the same (filtered) querysets,
the plain rows of their Excel exports, a handful of queries for the whole set whatever its size.

Also the counts on the role home pages: what waits for review in each open campaign, per campaign in one query.
"""

from collections import defaultdict

from django.db.models import Count, Exists, Max, OuterRef, Prefetch
from django.utils import formats, timezone

from units.models import Cluster, ClusterMembership, ClusterScope, MemberRole, Unit
from units.rules import officer_unit_ids

from ..models import (
    Achievement,
    AchievementFigure,
    Campaign,
    CampaignStatus,
    Commitment,
    Evidence,
    PledgedWork,
    ProgressReport,
    Registration,
    ReviewStatus,
    Task,
    WorkStatus,
)
from .scope import followed_unit_ids, reviewed_unit_ids, scoped

# What waits for a reviewer (staff or the cluster leader), per list.
PENDING = {
    "registrations": ReviewStatus.pending(),
    "works": [WorkStatus.SUBMITTED],
    "achievements": ReviewStatus.pending(),
}
OPEN = [CampaignStatus.LAUNCHED, CampaignStatus.EVALUATING]


# --- The lists --------------------------------------------------------------------------------------------------------


def clusters_to_filter(user, campaign):
    """The campaign's clusters holding a unit the user follows (all of them for staff and council)."""
    clusters = Cluster.objects.filter(campaigns=campaign).order_by("name_sort", "id")
    ids = followed_unit_ids(user, campaign)
    return clusters if ids is None else clusters.filter(memberships__unit_id__in=ids).distinct()


def _campaign_memberships(campaign):
    # The unit's clusters in this campaign: shown under its name, so a reader sees where it competes.
    memberships = ClusterMembership.objects.filter(cluster__campaigns=campaign).select_related("cluster")
    return Prefetch(
        "unit__memberships", queryset=memberships.order_by("cluster__name_sort", "id"), to_attr="campaign_clusters"
    )


def _counts_per_unit(model, campaign, unit_ids):
    """{unit id: how many rows of ``model`` it has in the campaign}, for ``unit_ids`` (a list or a subquery)."""
    rows = model.objects.filter(campaign=campaign, unit_id__in=unit_ids).order_by().values("unit_id")
    return dict(rows.annotate(total=Count("id")).values_list("unit_id", "total"))


def with_unit_counts(registrations, campaign):
    """The registrations (a page of them) as a list, each with ``work_count`` and ``achievement_count``: how many
    works and achievements its unit has in the campaign. Two queries.

    These per-row figures (and those of ``with_latest_reports``, ``with_evidence_counts``) are read for the page
    only, not annotated: a correlated subquery is evaluated for every row of the campaign before the page is cut
    (20,000 works), and SQLite picks the campaign index for a count per unit."""
    registrations = list(registrations)
    unit_ids = [registration.unit_id for registration in registrations]
    works = _counts_per_unit(PledgedWork, campaign, unit_ids)
    achievements = _counts_per_unit(Achievement, campaign, unit_ids)
    for registration in registrations:
        registration.work_count = works.get(registration.unit_id, 0)
        registration.achievement_count = achievements.get(registration.unit_id, 0)
    return registrations


def _latest_reports(work_ids):
    """{work id: date of its latest progress report}, for ``work_ids`` (a list or a subquery)."""
    rows = ProgressReport.objects.filter(work_id__in=work_ids).order_by().values("work_id")
    return dict(rows.annotate(latest=Max("report_date")).values_list("work_id", "latest"))


def with_latest_reports(works, campaign):
    """The works (a page of them) as a list, each with ``last_report_on``: one query."""
    works = list(works)
    latest = _latest_reports([work.pk for work in works])
    for work in works:
        work.last_report_on = latest.get(work.pk)
    return works


def _evidence_counts(achievement_ids):
    """{achievement id: how many evidence files it carries (removed ones left out)}."""
    rows = Evidence.objects.filter(achievement_id__in=achievement_ids, removed_at__isnull=True).order_by()
    return dict(rows.values("achievement_id").annotate(total=Count("id")).values_list("achievement_id", "total"))


def with_evidence_counts(achievements, campaign):
    """The achievements (a page of them) as a list, each with ``evidence_count``: one query."""
    achievements = list(achievements)
    counts = _evidence_counts([achievement.pk for achievement in achievements])
    for achievement in achievements:
        achievement.evidence_count = counts.get(achievement.pk, 0)
    return achievements


def followed_registrations(user, campaign):
    """The campaign's registrations of the units the user follows, by unit name, with their tasks (through their
    commitments). ``with_unit_counts`` adds the unit's numbers of works and achievements to a page of them."""
    commitments = Commitment.objects.select_related("task").only(
        "id", "registration_id", "task__id", "task__number", "task__short_title"
    )
    registrations = (
        Registration.objects.filter(campaign=campaign)
        .select_related("unit")
        .prefetch_related(
            Prefetch("commitments", queryset=commitments.order_by("task__number", "id")),
            _campaign_memberships(campaign),
        )
        .order_by("unit__name_sort", "unit_id", "id")
    )
    return scoped(registrations, user, campaign)


def followed_works(user, campaign):
    """The campaign's pledged works of the units the user follows, by unit name then newest first, with their
    tasks. ``with_latest_reports`` adds the date of the latest progress report to a page of them."""
    works = (
        PledgedWork.objects.filter(campaign=campaign)
        .select_related("unit")
        .prefetch_related(Prefetch("tasks", queryset=Task.objects.order_by("number")), _campaign_memberships(campaign))
        .order_by("unit__name_sort", "unit_id", "-created_at", "-id")
    )
    return scoped(works, user, campaign)


def followed_achievements(user, campaign):
    """The campaign's achievements of the units the user follows, by unit name then newest first.
    ``with_evidence_counts`` adds how many evidence files each carries to a page of them."""
    achievements = (
        Achievement.objects.filter(campaign=campaign)
        .select_related("unit", "task")
        .prefetch_related(_campaign_memberships(campaign))
        .order_by("unit__name_sort", "unit_id", "-created_at", "-id")
    )
    return scoped(achievements, user, campaign)


def reviews_someone(user, campaign):
    """An officer of the leader of a provincial cluster of the campaign: other units' items wait for them (staff
    review everything, and have no need of the "waiting for me" filter)."""
    return bool(reviewed_unit_ids(user, campaign))


def reviewable(queryset, user, campaign, pending):
    """The rows of ``queryset`` waiting for the user's review: pending, of a unit the user reviews."""
    ids = reviewed_unit_ids(user, campaign)
    queryset = queryset.filter(status__in=pending)
    return queryset if ids is None else queryset.filter(unit_id__in=ids)


# --- Plain rows for the exports ---------------------------------------------------------------------------------------


def _plain(queryset):
    """The filtered list as a plain queryset (no prefetching), in the list's order."""
    return queryset.prefetch_related(None)


def _cluster_names(campaign, unit_ids):
    """{unit id: "Cụm A; Cụm B"}: the campaign's clusters of the given units (a subquery of ids)."""
    names = defaultdict(list)
    rows = (
        ClusterMembership.objects.filter(cluster__campaigns=campaign, unit_id__in=unit_ids)
        .order_by("cluster__name_sort", "id")
        .values_list("unit_id", "cluster__name")
    )
    for unit_id, name in rows:
        names[unit_id].append(name)
    return {unit_id: "; ".join(found) for unit_id, found in names.items()}


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def _numbers(numbers):
    return ", ".join(str(number) for number in numbers)


def registration_export_rows(registrations, campaign):
    """Plain rows (dicts) of a filtered registration list (``followed_registrations``), in its order."""
    registrations = _plain(registrations)
    tasks = defaultdict(list)
    commitment_rows = (
        Commitment.objects.filter(registration__in=registrations.values("id"))
        .order_by("registration_id", "task__number")
        .values_list("registration_id", "task__number")
    )
    for registration_id, number in commitment_rows:
        tasks[registration_id].append(number)
    unit_ids = registrations.values("unit_id")
    clusters = _cluster_names(campaign, unit_ids)
    works = _counts_per_unit(PledgedWork, campaign, unit_ids)
    achievements = _counts_per_unit(Achievement, campaign, unit_ids)
    status = dict(ReviewStatus.choices)
    fields = ("id", "unit_id", "unit__name", "unit__code", "status", "is_late", "submitted_at", "head_name",
              "head_position", "signed_on")
    return [
        {
            "unit": row["unit__name"], "code": row["unit__code"], "clusters": clusters.get(row["unit_id"], ""),
            "status": str(status[row["status"]]), "late": row["is_late"],
            "submitted_on": _local_date(row["submitted_at"]),
            "head_name": row["head_name"], "head_position": row["head_position"], "signed_on": row["signed_on"],
            "commitments": len(tasks[row["id"]]), "tasks": _numbers(sorted(set(tasks[row["id"]]))),
            "works": works.get(row["unit_id"], 0), "achievements": achievements.get(row["unit_id"], 0),
        }
        for row in registrations.values(*fields)
    ]


def work_export_rows(works, campaign):
    """Plain rows (dicts) of a filtered work list (``followed_works``), in its order."""
    works = _plain(works)
    tasks = defaultdict(list)
    through = PledgedWork.tasks.through.objects.filter(pledgedwork_id__in=works.values("id"))
    numbers = through.order_by("pledgedwork_id", "task__number").values_list("pledgedwork_id", "task__number")
    for work_id, number in numbers:
        tasks[work_id].append(number)
    clusters = _cluster_names(campaign, works.values("unit_id"))
    latest = _latest_reports(works.values("id"))
    status = dict(WorkStatus.choices)
    fields = ("id", "unit_id", "unit__name", "unit__code", "title", "district__name", "commune", "value_vnd",
              "start_date", "target_date", "percent", "status", "is_late", "submitted_at", "responsible_name",
              "responsible_phone")
    return [
        {
            "unit": row["unit__name"], "code": row["unit__code"], "clusters": clusters.get(row["unit_id"], ""),
            "title": row["title"], "tasks": _numbers(tasks[row["id"]]),
            "place": ", ".join(part for part in (row["commune"], row["district__name"]) if part),
            "value": row["value_vnd"], "start_date": row["start_date"], "target_date": row["target_date"],
            "percent": row["percent"], "last_report_on": latest.get(row["id"]), "status": str(status[row["status"]]),
            "late": row["is_late"], "submitted_on": _local_date(row["submitted_at"]),
            "responsible": row["responsible_name"], "phone": row["responsible_phone"],
        }
        for row in works.values(*fields)
    ]


def _figure_text(label, value, measure):
    """"Chiều dài đường: 14,5 km": the figure as a Vietnamese reader writes it, without trailing zeros."""
    value = int(value) if value == value.to_integral_value() else value.normalize()
    shown = formats.number_format(value, use_l10n=True, force_grouping=True)
    return " ".join(part for part in (f"{label}:", shown, measure) if part)


def achievement_export_rows(achievements, campaign):
    """Plain rows (dicts) of a filtered achievement list (``followed_achievements``), in its order."""
    achievements = _plain(achievements)
    figures = defaultdict(list)
    figure_rows = (
        AchievementFigure.objects.filter(achievement__in=achievements.values("id"))
        .order_by("achievement_id", "id")
        .values_list("achievement_id", "label", "value", "measure")
    )
    for achievement_id, *figure in figure_rows:
        figures[achievement_id].append(_figure_text(*figure))
    clusters = _cluster_names(campaign, achievements.values("unit_id"))
    evidence = _evidence_counts(achievements.values("id"))
    status = dict(ReviewStatus.choices)
    fields = ("id", "unit_id", "unit__name", "unit__code", "title", "task__number", "task__short_title",
              "achieved_on", "status", "is_late", "submitted_at")
    return [
        {
            "unit": row["unit__name"], "code": row["unit__code"], "clusters": clusters.get(row["unit_id"], ""),
            "title": row["title"], "task": f"{row['task__number']}. {row['task__short_title']}",
            "achieved_on": row["achieved_on"], "figures": "; ".join(figures[row["id"]]),
            "evidence": evidence.get(row["id"], 0), "status": str(status[row["status"]]), "late": row["is_late"],
            "submitted_on": _local_date(row["submitted_at"]),
        }
        for row in achievements.values(*fields)
    ]


# --- Home pages -------------------------------------------------------------------------------------------------------


def _pending_per_campaign(model, pending, campaigns):
    rows = model.objects.filter(campaign__in=campaigns, status__in=pending)
    return dict(rows.order_by().values("campaign").annotate(total=Count("id")).values_list("campaign", "total"))


def staff_review_summary():
    """Per launched or evaluating campaign (newest first): how many registrations, works and achievements wait for
    review, and how many completed works wait for confirmation. Four queries, whatever the number of campaigns."""
    campaigns = list(Campaign.objects.filter(status__in=OPEN).order_by("-start_date", "-id"))
    counts = {
        "registrations": _pending_per_campaign(Registration, PENDING["registrations"], campaigns),
        "works": _pending_per_campaign(PledgedWork, PENDING["works"], campaigns),
        "completed": _pending_per_campaign(PledgedWork, [WorkStatus.COMPLETED], campaigns),
        "achievements": _pending_per_campaign(Achievement, PENDING["achievements"], campaigns),
    }
    return [
        {"campaign": campaign, **{name: found.get(campaign.pk, 0) for name, found in counts.items()}}
        for campaign in campaigns
    ]


def _led_by(unit_ids):
    """Rows whose unit is a member of a provincial cluster of the row's campaign led by one of ``unit_ids``: the
    same reach as ``scope.reviewed_unit_ids``, for many campaigns in one query."""
    led = ClusterMembership.objects.filter(
        unit=OuterRef("unit"),
        cluster__campaigns=OuterRef("campaign"),
        cluster__scope=ClusterScope.PROVINCIAL,
        cluster__memberships__role=MemberRole.LEADER,
        cluster__memberships__unit_id__in=unit_ids,
    )
    return Exists(led)


def officer_summary(user):
    """Per open campaign (newest first) in which one of the officer's units takes part: per such unit, its
    registration (or None) and how many works and achievements it has; and how many items of the members of the
    clusters it leads wait for its review. A fixed number of queries, whatever the number of campaigns and units."""
    own = officer_unit_ids(user)
    if not own:
        return []
    taking_part_in = ClusterMembership.objects.filter(unit_id__in=own).values("cluster__campaigns")
    campaigns = list(Campaign.objects.filter(status__in=OPEN, id__in=taking_part_in).order_by("-start_date", "-id"))
    if not campaigns:
        return []
    taking_part = defaultdict(dict)
    memberships = ClusterMembership.objects.filter(unit_id__in=own, cluster__campaigns__in=campaigns)
    for campaign_id, unit in _units_of(memberships):
        taking_part[campaign_id][unit.pk] = unit
    registrations = {
        (row.campaign_id, row.unit_id): row
        for row in Registration.objects.filter(campaign__in=campaigns, unit_id__in=own).only(
            "id", "campaign_id", "unit_id", "status", "is_late"
        )
    }
    works = _count_per_campaign_unit(PledgedWork, campaigns, own)
    achievements = _count_per_campaign_unit(Achievement, campaigns, own)
    waiting = _waiting_for_leader(campaigns, own)
    leading = set(
        ClusterMembership.objects.filter(
            unit_id__in=own, role=MemberRole.LEADER, cluster__scope=ClusterScope.PROVINCIAL,
            cluster__campaigns__in=campaigns,
        ).values_list("cluster__campaigns", flat=True)
    )
    return [
        {
            "campaign": campaign,
            "units": [
                {
                    "unit": unit, "registration": registrations.get((campaign.pk, unit.pk)),
                    "works": works.get((campaign.pk, unit.pk), 0),
                    "achievements": achievements.get((campaign.pk, unit.pk), 0),
                }
                for unit in sorted(taking_part[campaign.pk].values(), key=lambda unit: (unit.name_sort, unit.pk))
            ],
            # None unless one of the officer's units leads a provincial cluster of the campaign.
            "waiting": {name: found.get(campaign.pk, 0) for name, found in waiting.items()}
            if campaign.pk in leading else None,
        }
        for campaign in campaigns
    ]


def _units_of(memberships):
    """[(campaign id, unit)] of the memberships, each pair once: two queries."""
    pairs = list(memberships.values_list("cluster__campaigns", "unit_id").distinct())
    units = Unit.objects.in_bulk({unit_id for _, unit_id in pairs})
    return [(campaign_id, units[unit_id]) for campaign_id, unit_id in pairs]


def _count_per_campaign_unit(model, campaigns, unit_ids):
    rows = model.objects.filter(campaign__in=campaigns, unit_id__in=unit_ids).order_by()
    counted = rows.values("campaign", "unit").annotate(total=Count("id"))
    return {(row["campaign"], row["unit"]): row["total"] for row in counted}


def _waiting_for_leader(campaigns, own):
    """{list name: {campaign id: count}} of items of other members of the clusters led by ``own``."""
    found = {}
    for name, model in (("registrations", Registration), ("works", PledgedWork), ("achievements", Achievement)):
        rows = model.objects.filter(campaign__in=campaigns, status__in=PENDING[name]).exclude(unit_id__in=own)
        rows = rows.filter(_led_by(own))
        counted = rows.order_by().values("campaign").annotate(total=Count("id"))
        found[name] = dict(counted.values_list("campaign", "total"))
    return found
