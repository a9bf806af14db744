"""The roll-up of progress (tiến độ): how far the works of a unit, a cluster, a task or a whole campaign have come;
and the reads of a unit's page in a campaign and of a task's page.

How a group's progress is computed
----------------------------------
* Only accepted works count: ``WorkStatus.pledged()`` (accepted, in progress, completed, verified). Drafts, submitted
  and returned works are not pledged yet and do not count.
* A work weighs its value in VND (``value_vnd``) when it has one. In a group where some works have a value, a work
  without one weighs the mean value of those that have one. In a group where no work has a value (or every value is
  0), the group's percent is the plain mean of its works' percents. With n works, of which k have a value, V the sum
  of those values, VP the sum of value × percent over them and U the sum of the percents of the n − k others::

      percent = (VP + (V / k) · U) / (V + (V / k) · (n − k))  =  (k · VP + V · U) / (V · n)      when V > 0
      percent = (sum of percents) / n                                                          when V = 0

  The result is exact (integer arithmetic) and then rounded half up to one decimal place.
* Groups: a unit (its works in the campaign); a cluster of the campaign (the works of its members: a unit's works
  count for every cluster of the campaign it is a member of); a task (the works serving it: a work serving two tasks
  counts in both); the whole campaign.
* Figures are computed on the fly by aggregate queries, never stored, so they are right after any change: one query
  for all units of a campaign, one for all its clusters, one for all its tasks. A group with no counted work has no
  entry in the returned dict (``.get(key)`` is None); ``campaign_progress`` returns None then.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Prefetch, Q, Sum

from units.models import ClusterMembership, Unit

from ..models import (
    Achievement,
    Campaign,
    ClusterPact,
    Commitment,
    PledgedWork,
    ProgressReport,
    Registration,
    Task,
    WorkStatus,
)
from .campaigns import campaigns_visible_to
from .scope import followed_unit_ids, followed_units

DONE = [WorkStatus.COMPLETED, WorkStatus.VERIFIED]
PAGE_SIZE = 50
LATEST_REPORTS = 10


@dataclass(frozen=True)
class Progress:
    """The roll-up of one group of counted works."""

    percent: Decimal  # 0.0–100.0, one decimal place
    work_count: int
    valued_count: int  # works with a value
    value_total: int  # VND, the sum of the values given
    completed_count: int  # completed or verified


# --- The roll-up ---------------------------------------------------------------------------------------------------

_SUMS = {
    "work_count": Count("id"),
    "valued_count": Count("value_vnd"),
    "value_total": Sum("value_vnd"),
    "value_percent": Sum(F("value_vnd") * F("percent")),
    "unvalued_percent": Sum("percent", filter=Q(value_vnd__isnull=True)),
    "percent_total": Sum("percent"),
    "completed_count": Count("id", filter=Q(status__in=DONE)),
}


def _tenths(numerator, denominator):
    """numerator / denominator (non-negative integers) rounded half up to one decimal place."""
    return Decimal((20 * numerator + denominator) // (2 * denominator)).scaleb(-1)


def _progress(row):
    n, k, value = row["work_count"], row["valued_count"], int(row["value_total"] or 0)
    if value > 0:
        numerator = k * int(row["value_percent"]) + value * int(row["unvalued_percent"] or 0)
        percent = _tenths(numerator, value * n)
    else:
        percent = _tenths(int(row["percent_total"]), n)
    return Progress(percent, n, k, value, row["completed_count"])


def counted_works(campaign_ids=None):
    """The works that count in the roll-up (of the given campaigns, when given)."""
    works = PledgedWork.objects.filter(status__in=WorkStatus.pledged())
    return works if campaign_ids is None else works.filter(campaign_id__in=campaign_ids)


def _rollup(works, *keys):
    """{key: Progress} over ``works`` grouped by ``keys`` (a tuple key when there are several): one query."""
    rows = works.values(*keys).annotate(**_SUMS).order_by()
    if len(keys) == 1:
        return {row[keys[0]]: _progress(row) for row in rows}
    return {tuple(row[key] for key in keys): _progress(row) for row in rows}


# Where a query names a few units or a task, it leaves the campaign out of the WHERE clause: a task's works are its
# campaign's, and a unit's works in other campaigns are dropped afterwards. The database then starts from the units'
# or the task's rows (an index it can use) instead of from every work of the campaign; SQLite, which keeps no
# statistics, would otherwise pick the campaign's index and read all 20,000 works.


def unit_progress(campaign, unit_ids=None, *, task=None):
    """{unit_id: Progress} of the campaign's units (of ``unit_ids`` only, when given; of the works serving ``task``
    only, when given)."""
    works = counted_works([campaign.pk]) if task is None else counted_works().filter(tasks=task)
    if unit_ids is not None:
        works = works.filter(unit_id__in=unit_ids)
    return _rollup(works, "unit_id")


def cluster_progress(campaign):
    """{cluster_id: Progress} of the campaign's clusters: the works of their members."""
    # Joins, not ``cluster_id IN (subquery)``: SQLite would probe every membership for each work with the latter.
    works = counted_works([campaign.pk]).filter(unit__memberships__cluster__campaigns=campaign)
    return _rollup(works.annotate(cluster_id=F("unit__memberships__cluster_id")), "cluster_id")


def task_progress(campaign, task_ids=None):
    """{task_id: Progress} of the campaign's tasks (of ``task_ids`` only, when given): the works serving each."""
    # One filter on the relation, so that the grouping reuses its join (a second filter would join again).
    if task_ids is None:
        works = counted_works([campaign.pk]).filter(tasks__isnull=False)
    else:
        works = counted_works().filter(tasks__in=task_ids, tasks__campaign=campaign)
    return _rollup(works.annotate(task_id=F("tasks")), "task_id")


def campaign_progress(campaign):
    """The Progress of all the campaign's counted works, or None when none counts yet."""
    row = counted_works([campaign.pk]).aggregate(**_SUMS)
    return _progress(row) if row["work_count"] else None


def progress_by_campaign(campaign_ids, unit_ids):
    """{campaign_id: Progress} of the works of ``unit_ids`` (a cluster's members, or one unit) in each campaign."""
    wanted = set(campaign_ids)
    figures = _rollup(counted_works().filter(unit_id__in=unit_ids), "campaign_id")
    return {campaign_id: progress for campaign_id, progress in figures.items() if campaign_id in wanted}


def unit_progress_by_campaign(campaign_ids, unit_ids):
    """{(campaign_id, unit_id): Progress} of each of ``unit_ids`` in each of the campaigns."""
    wanted = set(campaign_ids)
    figures = _rollup(counted_works().filter(unit_id__in=unit_ids), "campaign_id", "unit_id")
    return {key: progress for key, progress in figures.items() if key[0] in wanted}


# --- Campaigns of a cluster, of a unit -----------------------------------------------------------------------------


def cluster_campaigns(user, cluster):
    """The campaigns the cluster takes part in that the user may see, newest first, with the cluster's pacts."""
    pacts = ClusterPact.objects.filter(cluster=cluster)
    return (
        campaigns_visible_to(user)
        .filter(pk__in=Campaign.clusters.through.objects.filter(cluster=cluster).values("campaign_id"))
        .prefetch_related(Prefetch("pacts", queryset=pacts, to_attr="cluster_pacts"))
        .order_by("-start_date", "-id")
    )


def unit_campaigns(user, unit):
    """The campaigns the unit takes part in (through its clusters) that the user may see, newest first."""
    taking_part = Campaign.clusters.through.objects.filter(cluster__memberships__unit=unit).values("campaign_id")
    return campaigns_visible_to(user).filter(pk__in=taking_part).order_by("-start_date", "-id")


# --- A unit's page in a campaign -----------------------------------------------------------------------------------


def unit_registration(campaign, unit):
    """The unit's registration in the campaign with its number of commitments, or None."""
    registrations = Registration.objects.filter(campaign=campaign, unit=unit)
    return registrations.annotate(commitment_count=Count("commitments")).first()


def unit_works(campaign, unit):
    """The unit's works in the campaign, newest first, with their tasks and the date of their latest report."""
    works = PledgedWork.objects.filter(campaign=campaign, unit=unit)
    works = works.annotate(latest_report_on=Max("reports__report_date"))
    tasks = Prefetch("tasks", queryset=Task.objects.order_by("number"))
    return works.prefetch_related(tasks).order_by("-created_at", "-id")


def unit_reports(campaign, unit, limit=LATEST_REPORTS):
    """The latest progress reports on the unit's works in the campaign, newest first."""
    reports = ProgressReport.objects.filter(work__campaign=campaign, work__unit=unit).select_related("work")
    return list(reports.order_by("-report_date", "-id")[:limit])


def unit_achievements(campaign, unit):
    """The unit's achievements in the campaign, newest first, with their task and figures."""
    return (
        Achievement.objects.filter(campaign=campaign, unit=unit)
        .select_related("task", "campaign")
        .prefetch_related("figures")
        .order_by("-created_at", "-id")
    )


# --- A task's page -------------------------------------------------------------------------------------------------


def task_clusters(user, campaign):
    """The campaign's clusters that hold a unit the user follows: the choices of the task page's filter."""
    clusters = campaign.clusters.order_by("-year", "name_sort", "id")
    ids = followed_unit_ids(user, campaign)
    if ids is not None:
        clusters = clusters.filter(pk__in=ClusterMembership.objects.filter(unit_id__in=ids).values("cluster_id"))
    return clusters


def task_units(user, campaign, cluster=None):
    """The participating units the user follows, in Vietnamese order (of ``cluster`` only, when given)."""
    units = followed_units(user, campaign)
    if cluster is not None:
        units = units.filter(pk__in=ClusterMembership.objects.filter(cluster=cluster).values("unit_id"))
    return units


@dataclass
class TaskUnitRow:
    """What one unit pledged under a task: its commitments, its works serving the task, their roll-up."""

    unit: Unit
    commitments: list
    works: list
    progress: Progress | None


def task_unit_rows(campaign, task, units):
    """A TaskUnitRow for each of ``units`` (a page of them): three queries, whatever their number."""
    units = list(units)
    ids = [unit.pk for unit in units]
    commitments = (
        Commitment.objects.filter(registration__campaign=campaign, registration__unit_id__in=ids, task=task)
        .select_related("registration")
        .order_by("id")
    )
    # The task names the campaign; leaving the campaign out lets the database start from the units.
    works = PledgedWork.objects.filter(unit_id__in=ids, tasks=task).order_by("created_at", "id")
    by_unit = {pk: ([], []) for pk in ids}
    for commitment in commitments:
        by_unit[commitment.registration.unit_id][0].append(commitment)
    for work in works:
        by_unit[work.unit_id][1].append(work)
    progress = unit_progress(campaign, ids, task=task)
    return [TaskUnitRow(unit, *by_unit[unit.pk], progress.get(unit.pk)) for unit in units]


def paginate(queryset, number, size=PAGE_SIZE):
    """One page of ``queryset``: a bad or out-of-range ``number`` gives the nearest page, never an error."""
    return Paginator(queryset, size).get_page(number)

