"""Gathers the facts the eligibility checks read (``awards.eligibility.Facts``) with a small, fixed number of queries.
A collective's records include those of the units merged into it (``units.selectors.with_predecessor_ids``)."""

from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone

from campaign.models import Achievement, PledgedWork, RankingEntry, ScorecardStatus, WorkStatus
from campaign.models.registrations import ReviewStatus
from units.models import ClusterScope
from units.selectors import with_predecessor_ids

from ..eligibility import DisciplineFact, Facts, InitiativeFact, MemberFact, RankingFact
from ..models import AwardForm, AwardRecord, Discipline, Initiative, RecipientKind, RosterEntry
from ..models.people import Rating

RATING_RANK = {rating: index for index, rating in enumerate(Rating.values)}


def campaign_year(campaign):
    """The year a campaign is judged in: the year it ends."""
    return campaign.end_date.year


def _award_years(rows):
    years = {}
    for year, code in rows:
        years.setdefault(year, set()).add(code)
    return years


def _discipline_fact(row, subject=""):
    return DisciplineFact(kind=row.kind, starts_on=row.starts_on, ends_on=row.ends_on, decision=row.decision,
                          subject=subject)


def _best_ratings(rows):
    best = {}
    for year, rating in rows:
        if year not in best or RATING_RANK[rating] < RATING_RANK[best[year]]:
            best[year] = rating
    return best


def campaign_cluster(campaign, unit_ids):
    """The cluster a unit (``unit_ids``: it and the units merged into it) competes in for the campaign, or None:
    among the campaign's clusters it belongs to, the one it is ranked in for the campaign (a RankingEntry), then a
    provincial cluster before an inter-provincial one, then by name. One query."""
    ranked = RankingEntry.objects.filter(campaign=campaign, cluster=OuterRef("pk"), scorecard__unit_id__in=unit_ids)
    provincial_first = Case(When(scope=ClusterScope.PROVINCIAL, then=Value(0)), default=Value(1))
    return (campaign.clusters.filter(memberships__unit_id__in=unit_ids)
            .annotate(ranked=Exists(ranked), scope_order=provincial_first)
            .order_by("-ranked", "scope_order", "name_sort", "pk").first())


def _ranking(campaign, unit_ids):
    cluster = campaign_cluster(campaign, unit_ids)
    if cluster is None:
        return RankingFact(cluster=None)
    ranks = dict(RankingEntry.objects.filter(campaign=campaign, cluster=cluster,
                                             scorecard__status=ScorecardStatus.LOCKED)
                 .values_list("scorecard__unit_id", "rank"))
    rank = min((ranks[unit_id] for unit_id in unit_ids if unit_id in ranks), default=None)
    return RankingFact(cluster=cluster.name, rank=rank, total=len(ranks))


def _collective_results(campaign, unit_ids):
    works = PledgedWork.objects.filter(campaign=campaign, unit_id__in=unit_ids,
                                       status__in=WorkStatus.pledged()).count()
    achievements = Achievement.objects.filter(campaign=campaign, unit_id__in=unit_ids,
                                              status=ReviewStatus.ACCEPTED).count()
    return works + achievements


def _roster(unit_ids):
    """{year: [MemberFact]} of the collective (and the units merged into it), each member with their own register
    and discipline."""
    entries = list(RosterEntry.objects.filter(unit_id__in=unit_ids).select_related("person"))
    person_ids = {entry.person_id for entry in entries}
    awards = {}
    for person_id, year, code in (AwardRecord.objects.in_force().filter(person_id__in=person_ids)
                                  .values_list("person_id", "year", "award_code")):
        awards.setdefault(person_id, {}).setdefault(year, set()).add(code)
    disciplines = {}
    for row in Discipline.objects.filter(person_id__in=person_ids):
        disciplines.setdefault(row.person_id, []).append(_discipline_fact(row))
    roster = {}
    for entry in entries:
        roster.setdefault(entry.year, []).append(MemberFact(
            name=entry.person.full_name, rating=entry.rating, awards=awards.get(entry.person_id, {}),
            disciplines=disciplines.get(entry.person_id, [])))
    return roster


def facts_for_recipient(*, campaign, recipient_kind, unit=None, person=None, household=None, today=None,
                        campaign_results=None):
    """The facts of a collective (``unit``), an individual (``person``) or a household for ``campaign``.
    ``campaign_results`` of an individual or household comes from a nomination (None: unknown)."""
    today = today or timezone.localdate()
    names = dict(AwardForm.objects.filter(regime_id=campaign.regime_id).values_list("code", "name"))
    facts = Facts(recipient_kind=recipient_kind, year=campaign_year(campaign), today=today, award_names=names)
    records = AwardRecord.objects.in_force()
    if recipient_kind == RecipientKind.COLLECTIVE:
        unit_ids = with_predecessor_ids([unit.pk])
        facts.name = unit.name
        records = records.filter(unit_id__in=unit_ids)
        facts.disciplines = [_discipline_fact(row) for row in Discipline.objects.filter(unit_id__in=unit_ids)]
        facts.ranking = _ranking(campaign, unit_ids)
        facts.campaign_results = _collective_results(campaign, unit_ids)
        facts.roster = _roster(unit_ids)
    elif recipient_kind == RecipientKind.INDIVIDUAL:
        facts.name = person.full_name
        records = records.filter(person=person)
        facts.disciplines = [_discipline_fact(row) for row in Discipline.objects.filter(person=person)]
        facts.ratings = _best_ratings(RosterEntry.objects.filter(person=person).values_list("year", "rating"))
        facts.initiatives = [InitiativeFact(year=row.year, scope=row.scope, title=row.title)
                             for row in Initiative.objects.filter(person=person)]
        facts.campaign_results = campaign_results
    else:
        facts.name = household.head_name
        records = records.filter(household=household)
        facts.campaign_results = campaign_results
    facts.awards = _award_years(records.values_list("year", "award_code"))
    return facts


def facts_for(nomination, *, today=None):
    """The facts of a nomination's nominee in its batch's campaign; an individual's or household's campaign results
    are the nomination's task results with text."""
    results = None
    if nomination.recipient_kind != RecipientKind.COLLECTIVE:
        results = sum(bool(task.text.strip()) for task in nomination.task_results.all())
    return facts_for_recipient(
        campaign=nomination.batch.campaign, recipient_kind=nomination.recipient_kind, unit=nomination.unit,
        person=nomination.person, household=nomination.household, today=today, campaign_results=results,
    )
