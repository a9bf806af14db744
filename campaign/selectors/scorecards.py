"""Reads of scorecards: one with what its page shows (scores grouped by task, links, totals), what a unit may link
to a score, the history of the scorecard and its scores, and the rows of its Excel export."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from units.history import merged_history_page

from ..models import Achievement, Evidence, PledgedWork
from ..models.scoring import CriterionKind, Score, Scorecard, ScorecardStatus
from .evidence import shown_evidence
from .following import _campaign_memberships
from .scope import scoped


def effective_points(score, status):
    """The points that count: confirmed at the lock, else the cross-checker's proposal, else the unit's own."""
    if status == ScorecardStatus.LOCKED and score.final_points is not None:
        return score.final_points
    return score.proposed_points if score.proposed_points is not None else score.points


def scorecards_in(campaign):
    """The campaign's scorecards with what every screen of one shows; views scope them to the units the user
    follows (``scope.scoped``, through ``PledgeObjectMixin``)."""
    return Scorecard.objects.filter(campaign=campaign).select_related("campaign", "unit", "locked_by")


def scores_of(scorecard):
    """The scorecard's scores in the table's order, with their criterion, task, proposer and links (files not
    removed) loaded: a fixed number of queries whatever the number of criteria."""
    return (
        Score.objects.filter(scorecard=scorecard)
        .select_related("criterion__task", "proposed_by")
        .prefetch_related(
            Prefetch("works", queryset=PledgedWork.objects.order_by("title", "id")),
            Prefetch("achievements", queryset=Achievement.objects.order_by("title", "id")),
            Prefetch("evidence", queryset=shown_evidence()),
        )
        .order_by("criterion__position", "criterion_id")
    )


@dataclass
class Group:
    """The scores under one heading: a task, a section of staff's choosing, the bonus or the penalty items."""

    heading: str
    scores: list = field(default_factory=list)


def _heading(criterion):
    if criterion.kind != CriterionKind.REGULAR:
        return str(criterion.get_kind_display())
    if criterion.task_id:
        task = criterion.task
        return _("Nội dung %(number)s. %(title)s") % {"number": task.number, "title": task.short_title}
    return criterion.section or _("Tiêu chí chung")


def grouped(scores):
    """Consecutive scores under the same heading, in the table's order."""
    groups = []
    for score in scores:
        heading = _heading(score.criterion)
        if not groups or groups[-1].heading != heading:
            groups.append(Group(heading))
        groups[-1].scores.append(score)
    return groups


def _own_evidence(scorecard):
    unit_id = scorecard.unit_id
    return Evidence.objects.filter(campaign_id=scorecard.campaign_id, removed_at__isnull=True).filter(
        Q(registration__unit_id=unit_id) | Q(achievement__unit_id=unit_id) | Q(report__work__unit_id=unit_id)
    )


def link_choices(scorecard):
    """What the unit may link to a score, as (id, label) choices: its own works, achievements and evidence files
    in the campaign. Three queries, shared by every row of the form."""
    own = {"campaign_id": scorecard.campaign_id, "unit_id": scorecard.unit_id}
    evidence = _own_evidence(scorecard).select_related("achievement", "report__work", "registration")
    return {
        "works": [(work.pk, work.title) for work in PledgedWork.objects.filter(**own).order_by("title", "id")],
        "achievements": [(item.pk, item.title) for item in Achievement.objects.filter(**own).order_by("title", "id")],
        "evidence": [(item.pk, _evidence_choice(item)) for item in evidence.order_by("uploaded_at", "id")],
    }


def _evidence_choice(evidence):
    owner = evidence.owner
    work = getattr(owner, "work", None)
    about = getattr(owner, "title", None) or getattr(work, "title", None) or _("Đăng ký thi đua")
    return f"{evidence.caption or evidence.original_name} ({about})"


def scorecard_history_page(scorecard, number):
    """One page of the recorded changes of the scorecard and its scores (with their links), newest first."""
    sources = {
        "scorecard": Scorecard.history.filter(id=scorecard.pk),
        "score": Score.history.filter(scorecard_id=scorecard.pk).select_related("criterion"),
    }
    labels = {
        "scorecard": lambda row: _("Bảng điểm"),
        "score": lambda row: _("Tiêu chí %(code)s") % {"code": row.criterion.code},
    }
    return merged_history_page(sources, number, labels)


def export_rows(scorecard, scores):
    """One dict per score, for the Excel export (``exports.scorecard_workbook``)."""
    return [
        {
            "group": _heading(score.criterion),
            "code": score.criterion.code,
            "title": score.criterion.title,
            "max": score.max_points,
            "points": score.points,
            "comment": score.comment,
            "links": "; ".join(
                [item.title for item in score.works.all()] + [item.title for item in score.achievements.all()]
                + [item.original_name for item in score.evidence.all()]
            ),
            "proposed": score.proposed_points,
            "reason": score.proposal_reason,
            "final": effective_points(score, scorecard.status),
        }
        for score in scores
    ]


def followed_scorecards(user, campaign):
    """The campaign's scorecards of the units the user follows (``scope.scoped``), by unit name, with the unit and
    its clusters in the campaign loaded: the scorecard list's rows in a fixed number of queries."""
    cards = scorecards_in(campaign).prefetch_related(_campaign_memberships(campaign))
    return scoped(cards.order_by("unit__name_sort", "unit_id"), user, campaign)
