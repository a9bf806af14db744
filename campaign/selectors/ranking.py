"""Reads of rankings: a cluster's ranking table beside its acclaim, and the campaign-wide comparison of clusters and
tasks. Each returns plain values (dataclasses, dicts) that the pages, the Excel and the PDF builders share, with a
fixed number of queries whatever the number of units."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from units.history import history_page
from units.models import ClusterMembership

from ..models import Acclaim, Criterion, CriterionKind, RankingEntry, Score, Scorecard, ScorecardStatus
from .registrations import campaign_clusters_visible_to

PLACES = ("first", "second", "third")


@dataclass
class RankingRow:
    unit: object
    role: str
    scorecard: object = None
    entry: object = None
    acclaim_place: int | None = None
    # The acclaim's place lies outside the places the computed rank spans (a shared rank 1 of two spans 1–2).
    disagrees: bool = False


@dataclass
class ClusterRanking:
    rows: list
    acclaim: object = None
    computed_at: object = None
    leading: list = field(default_factory=list)

    @property
    def ranked(self):
        return [row for row in self.rows if row.entry is not None]

    @property
    def disagrees(self):
        return any(row.disagrees for row in self.rows)


def _acclaim_places(acclaim):
    if acclaim is None:
        return {}
    ids = (acclaim.first_id, acclaim.second_id, acclaim.third_id)
    return {unit_id: place for place, unit_id in enumerate(ids, start=1) if unit_id is not None}


def _disagrees(entry, place, shared):
    if place is None:
        return False
    if entry is None:
        return True  # acclaimed, but not ranked by the scores
    return not entry.rank <= place < entry.rank + shared[entry.rank]


def cluster_ranking(campaign, cluster):
    """Every member of the cluster: the ranked ones in rank order (then Vietnamese name order), then those not
    ranked yet (no locked scorecard); each with its scorecard, ranking entry and acclaim place. Four queries."""
    memberships = list(
        ClusterMembership.objects.filter(cluster=cluster).select_related("unit").order_by("unit__name_sort", "unit_id")
    )
    unit_ids = [membership.unit_id for membership in memberships]
    cards = {card.unit_id: card for card in Scorecard.objects.filter(campaign=campaign, unit_id__in=unit_ids)}
    entries = {entry.scorecard_id: entry for entry in RankingEntry.objects.filter(campaign=campaign, cluster=cluster)}
    acclaim = Acclaim.objects.filter(campaign=campaign, cluster=cluster).first()
    places = _acclaim_places(acclaim)
    shared = Counter(entry.rank for entry in entries.values())
    rows = []
    for membership in memberships:
        card = cards.get(membership.unit_id)
        entry = entries.get(card.pk) if card else None
        place = places.get(membership.unit_id)
        rows.append(RankingRow(unit=membership.unit, role=membership.role, scorecard=card, entry=entry,
                               acclaim_place=place, disagrees=_disagrees(entry, place, shared)))
    rows.sort(key=lambda row: (row.entry is None, row.entry.rank if row.entry else 0))  # stable: names stay ordered
    return ClusterRanking(
        rows=rows, acclaim=acclaim,
        computed_at=max((entry.computed_at for entry in entries.values()), default=None),
        leading=[row.unit for row in rows if row.entry is not None and row.entry.is_leading],
    )


def acclaim_units(acclaim, rows):
    """The acclaimed units in place order, from the ranking's rows (no query)."""
    if acclaim is None:
        return []
    by_id = {row.unit.pk: row.unit for row in rows}
    ids = (acclaim.first_id, acclaim.second_id, acclaim.third_id)
    return [by_id.get(unit_id) for unit_id in ids if unit_id is not None]


# --- Comparison ---------------------------------------------------------------------------------------------------

POINTS_FIELD = DecimalField(max_digits=12, decimal_places=2)


def _cluster_rows(campaign, clusters):
    entries = RankingEntry.objects.filter(campaign=campaign, cluster__in=clusters).select_related("scorecard__unit")
    grouped = {}
    for entry in entries.order_by("rank", "scorecard__unit__name_sort"):
        grouped.setdefault(entry.cluster_id, []).append(entry)
    rows = []
    for cluster in clusters:
        ranked = grouped.get(cluster.pk, [])
        totals = [entry.total for entry in ranked]
        rows.append({
            "cluster": cluster, "members": cluster.member_count, "ranked": len(ranked),
            "average": (sum(totals) / len(totals)).quantize(Decimal("0.01")) if totals else None,
            "maximum": max(totals, default=None),
            "leading": [entry.scorecard.unit for entry in ranked if entry.is_leading],
        })
    return rows


def _task_rows(campaign, unit_ids):
    """Per task: the maximum of its regular criteria and the average points of those criteria per locked
    scorecard of ``unit_ids`` (the points that count: ``scorecards.effective_points`` of a locked scorecard)."""
    regular = {"kind": CriterionKind.REGULAR, "task__isnull": False}
    maxima = dict(
        Criterion.objects.filter(table__campaign=campaign, **regular).values_list("task")
        .annotate(total=Sum("max_points")).values_list("task", "total")
    )
    cards = Scorecard.objects.filter(campaign=campaign, status=ScorecardStatus.LOCKED, unit_id__in=unit_ids)
    count = cards.count()
    points = dict(
        Score.objects.filter(scorecard__in=cards, **{f"criterion__{key}": value for key, value in regular.items()})
        .values_list("criterion__task")
        .annotate(total=Sum(Coalesce("final_points", "proposed_points", "points"), output_field=POINTS_FIELD))
        .values_list("criterion__task", "total")
    )
    rows = []
    for task in campaign.tasks.order_by("number"):
        total, maximum = points.get(task.pk) or Decimal(0), maxima.get(task.pk)
        average = (total / count).quantize(Decimal("0.01")) if count and maximum else None
        rows.append({
            "task": task, "maximum": maximum, "average": average,
            "percent": None if average is None else average * 100 / maximum,
        })
    return rows, count


def comparison(campaign, user):
    """The campaign-wide comparison over the clusters the user may see: per cluster the number of members and of
    ranked units, the average and highest total and the leading units; per task the average points of its criteria
    across the locked scorecards of those clusters' members. Six queries."""
    # ``member_count`` comes annotated with the clusters.
    clusters = list(campaign_clusters_visible_to(user, campaign).order_by("name_sort", "id"))
    unit_ids = ClusterMembership.objects.filter(cluster__in=[c.pk for c in clusters]).values("unit_id")
    tasks, scorecards = _task_rows(campaign, unit_ids)
    return {"clusters": _cluster_rows(campaign, clusters), "tasks": tasks, "scorecards": scorecards}


# --- Rows of the Excel files ----------------------------------------------------------------------------------------


def ranking_export_rows(result):
    """The rows of the ranking's workbook (``result``: a ClusterRanking)."""
    not_ranked = _("Chưa xếp hạng: bảng điểm chưa chốt")
    rows = []
    for row in result.rows:
        entry, card = row.entry, row.scorecard
        rows.append({
            "rank": entry.rank if entry else None, "unit": row.unit.name, "code": row.unit.code,
            "total": entry.total if entry else (card.total if card else None),
            "bonus": card.bonus_total if card else None, "penalty": card.penalty_total if card else None,
            "band": entry.band if entry else "", "leading": bool(entry and entry.is_leading),
            "acclaim": row.acclaim_place, "status": card.get_status_display() if card else _("Chưa mở bảng điểm"),
            "note": _("Khác kết quả suy tôn") if row.disagrees else ("" if entry else not_ranked),
        })
    return rows


def comparison_export_rows(data):
    """The rows of the comparison's two sheets: (clusters, tasks)."""
    clusters = [
        {**row, "cluster": row["cluster"].name, "leading": ", ".join(unit.name for unit in row["leading"])}
        for row in data["clusters"]
    ]
    tasks = [{**row, "number": row["task"].number, "task": row["task"].short_title} for row in data["tasks"]]
    return clusters, tasks


def acclaim_history_page(acclaim, number):
    """One page of the recorded changes of the cluster's acclaim, newest first."""
    return history_page(Acclaim.history.filter(id=acclaim.pk), number, lambda row: _("Kết quả suy tôn"))
