"""Totals of scorecards, the ranking of each cluster of a campaign, and the cluster's own ranking by acclaim.

``recompute_campaign`` is what the background job runs (``tasks_scoring``): it recomputes every scorecard's totals
(``scorecards.compute_totals``), then rebuilds the ranking of every cluster of the campaign from the locked
scorecards of its members. It holds the campaign's row lock for the whole run, so two runs at once take turns; each
leaves the same rows, so a second run (a retry, a second worker) changes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import ClusterMembership
from units.vietnamese import nfc

from .. import ranking
from ..models import Acclaim, Campaign, RankingEntry, Score, Scorecard, ScorecardStatus, ScoringTable
from .common import changed_fields, guard_open, save
from .scorecards import TOTAL_FIELDS, compute_totals

RANKED_FIELDS = ("total", "rank", "band", "is_leading")


def _recompute_totals(scorecard):
    """Recomputes the scorecard's totals (``scorecards.compute_totals``, from its prefetched scores); saves only
    the totals that changed, with one history row, and returns their names (none: nothing written)."""
    before = {name: getattr(scorecard, name) for name in TOTAL_FIELDS}
    compute_totals(scorecard, scores=scorecard.scores.all())
    changed = [name for name in TOTAL_FIELDS if getattr(scorecard, name) != before[name]]
    if changed:
        save(scorecard, by=None, reason=_("Tính lại tổng điểm"), update_fields=changed)
    return changed


def _entry(scorecard):
    return ranking.Entry(
        key=scorecard.pk, total=scorecard.total, bonus=scorecard.bonus_total, penalty=scorecard.penalty_total,
        submitted_at=scorecard.submitted_at, name=scorecard.unit.name_sort,
    )


def _wanted_rows(campaign, table, scorecards):
    """{(cluster_id, scorecard_id): {total, rank, band, is_leading}} for the locked scorecards of each cluster."""
    locked = {card.unit_id: card for card in scorecards if card.status == ScorecardStatus.LOCKED}
    members = ClusterMembership.objects.filter(cluster__campaigns=campaign, unit_id__in=locked)
    by_cluster = {}
    for cluster_id, unit_id in members.values_list("cluster_id", "unit_id"):
        by_cluster.setdefault(cluster_id, []).append(_entry(locked[unit_id]))
    bands = list(table.bands.all()) if table else []
    tie_breaks = table.tie_breaks if table else []
    wanted = {}
    for cluster_id, entries in by_cluster.items():
        for place in ranking.rank(entries, tie_breaks):
            wanted[cluster_id, place.entry.key] = {
                "total": place.entry.total, "rank": place.rank, "is_leading": place.is_leading,
                "band": ranking.band_for(place.entry.total, bands),
            }
    return wanted


def _sync_ranking(campaign, wanted, now):
    """Makes the campaign's RankingEntry rows equal ``wanted``: unchanged rows keep their ``computed_at``."""
    existing = {(row.cluster_id, row.scorecard_id): row for row in RankingEntry.objects.filter(campaign=campaign)}
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    RankingEntry.objects.filter(pk__in=stale).delete()
    changed, created = [], []
    for (cluster_id, scorecard_id), values in wanted.items():
        row = existing.get((cluster_id, scorecard_id))
        if row is None:
            created.append(RankingEntry(campaign=campaign, cluster_id=cluster_id, scorecard_id=scorecard_id,
                                        computed_at=now, **values))
        elif changed_fields(row, values):
            row.computed_at = now
            changed.append(row)
    RankingEntry.objects.bulk_create(created)
    RankingEntry.objects.bulk_update(changed, [*RANKED_FIELDS, "computed_at"])
    return {"created": len(created), "updated": len(changed), "deleted": len(stale)}


@transaction.atomic
def recompute_campaign(campaign_id):
    """Recomputes the totals of every scorecard of the campaign and rebuilds the ranking of each of its clusters
    (locked scorecards only: the others are not ranked yet).

    Side effects: saves changed totals (a history row each), creates, updates and deletes RankingEntry rows; holds
    the campaign's row lock until it commits. Returns counts: {"totals", "created", "updated", "deleted"}; a second
    run returns zeros. A campaign deleted meanwhile is nothing to do (None).
    """
    campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
    if campaign is None:
        return None
    table = ScoringTable.objects.filter(campaign=campaign).prefetch_related("bands").first()
    scores = Score.objects.select_related("criterion")
    scorecards = list(
        Scorecard.objects.filter(campaign=campaign).select_related("unit")
        .prefetch_related(Prefetch("scores", queryset=scores)).order_by("pk")
    )
    recomputed = sum(bool(_recompute_totals(card)) for card in scorecards) if table else 0
    counts = _sync_ranking(campaign, _wanted_rows(campaign, table, scorecards), timezone.now())
    return {"totals": recomputed, **counts}


# --- Acclaim (suy tôn) ----------------------------------------------------------------------------------------------

ACCLAIM_PLACES = ("first", "second", "third")


def _check_places(cluster, data):
    """The places are members of the cluster, distinct, and filled from the first down."""
    places = [data.get(name) for name in ACCLAIM_PLACES]
    errors = {}
    if places[0] is None:
        errors["first"] = _("Hãy chọn đơn vị được suy tôn thứ nhất.")
    if places[1] is None and places[2] is not None:
        errors["second"] = _("Hãy chọn đơn vị thứ hai trước đơn vị thứ ba.")
    members = set(ClusterMembership.objects.filter(cluster=cluster).values_list("unit_id", flat=True))
    seen = set()
    for name, unit in zip(ACCLAIM_PLACES, places):
        if unit is None:
            continue
        if unit.pk not in members:
            errors[name] = _("Đơn vị này không thuộc cụm, khối.")
        elif unit.pk in seen:
            errors[name] = _("Mỗi đơn vị chỉ được suy tôn ở một thứ hạng.")
        seen.add(unit.pk)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_acclaim(*, campaign, cluster, data, by):
    """Records (or changes) the cluster's ranking by acclaim at its review meeting: ``data`` holds ``held_on``,
    ``place``, ``minutes``, ``first``, ``second``, ``third`` (units of the cluster, distinct, first required) and
    may hold a ``reason``. Refused once the campaign is closed.

    Side effects: creates or updates the Acclaim row with one history row (none when nothing changed).
    """
    guard_open(campaign)
    _check_places(cluster, data)
    values = {
        "held_on": data["held_on"], "place": nfc(data.get("place") or "").strip(),
        "minutes": (data.get("minutes") or "").strip(), **{name: data.get(name) for name in ACCLAIM_PLACES},
    }
    reason = data.get("reason") or ""
    acclaim = Acclaim.objects.select_for_update().filter(campaign=campaign, cluster=cluster).first()
    if acclaim is None:
        acclaim = Acclaim(campaign=campaign, cluster=cluster, recorded_by=by, **values)
        try:
            with transaction.atomic():
                return save(acclaim, by=by, reason=reason or _("Ghi kết quả suy tôn"))
        except IntegrityError:  # recorded meanwhile by a colleague
            raise ValidationError(_("Cụm, khối đã có kết quả suy tôn: hãy tải lại trang.")) from None
    changed = changed_fields(acclaim, values)
    if changed:
        acclaim.recorded_by = by
        save(acclaim, by=by, reason=reason or _("Sửa kết quả suy tôn"), update_fields=[*changed, "recorded_by"])
    return acclaim
