"""The staff dashboard's figures (bảng điều khiển): where a campaign stands per cluster and per task, and which units
are behind in each phase. Plain data only (str, int, float, bool, None, lists and dicts; no model objects, no lazy
strings), so that the dashboard page, its SVG charts (``campaign.charts``) and the summary reports (PDF, Excel) read
the same figures. Dates are strings "dd/mm/yyyy". A fixed number of queries whatever the number of clusters, units,
works (aggregates grouped by unit or task and state; the sums per cluster are made in Python).

Functions
---------
``campaign_figures(campaign, *, today=None)`` -> CAMPAIGN (below); ``today`` defaults to today in Asia/Ho_Chi_Minh.
``cluster_figures(campaign, cluster, *, today=None)`` -> CLUSTER_REPORT (below): one cluster, its members, its tasks.
``phase_deadline(campaign, phase)`` -> date or None.
``units_behind(campaign, phase, *, today=None)`` -> QuerySet of Unit (Vietnamese order): the participating units that
    have not done ``phase``. Without ``today``, whatever the deadline; with ``today``, only when the phase is due or
    late that day (its deadline is set and ``today >= deadline - campaign.reminder_days``), else none.
``late_units(campaign, phase, *, today)``: ``units_behind`` when the deadline has passed (deadline < today), else none.
``due_units(campaign, phase, *, today)``: ``units_behind`` when today <= deadline <= today + reminder_days, else none.

Phases and what "done" means
----------------------------
``PHASES`` = "registration", "works", "reports", "scoring", "nominations" (``models.Phase`` values, and "reports",
which ``Phase`` lacks). Participating units: the members of the campaign's clusters (``ClusterMembership``). A unit
has done a phase when it has handed in, and nothing handed back waits on it:

* registration (deadline ``campaign.registration_deadline``): its registration is submitted, resubmitted or accepted
  (a draft or a returned one is not done);
* works (``campaign.pledge_deadline``): at least one pledged work submitted, accepted, in progress, completed or
  verified (drafts and returned works do not count);
* reports (``campaign.report_deadline``, báo cáo kết quả, thành tích): at least one achievement submitted,
  resubmitted or accepted;
* scoring (``campaign.scoring_table.deadline``): its scorecard is submitted (or further: proposed, answered, locked);
* nominations (``campaign.nomination_deadline``): at least one nomination batch of its own (kind "unit") sent and not
  handed back: submitted, received, assigned, checked or forwarded (a draft or a returned batch is not done).

A unit is *behind* in a phase when it has not done it, and *late* when it is behind and the phase's deadline has
passed (deadline < today; on the deadline day itself it is not late yet). A phase without a deadline has no late unit.

CAMPAIGN = {
    "campaign": {"id": int, "title": str, "status": str, "status_label": str},
    "today": "dd/mm/yyyy",
    "states": {                     # every state of each kind, in workflow order: the keys of each "by_state"
        "registrations": [{"key": "draft", "label": "Đang soạn"}, ...],   # draft submitted returned resubmitted accepted
        "works": [...],             # draft submitted returned accepted in_progress completed verified
        "achievements": [...],      # as registrations
        "scorecards": [...],        # draft submitted proposed answered locked
        "nominations": [...],       # screening: pending meets fails forwarded rejected consolidated
    },
    "totals": FIGURES,              # the whole campaign: every row of it once, "units" = participating units
    "clusters": [CLUSTER, ...],     # the campaign's clusters (newest year, scope, kind, name)
    "tasks": [TASK, ...],           # the campaign's tasks by number
    "phases": [PHASE, ...],         # in the order of PHASES
}

CLUSTER = {"id": int, "name": str, "year": int, "kind": str, "kind_label": str, "scope_label": str, **FIGURES}
    # the rows of its members: a unit in two clusters counts in both; "pacts" are its own pact's files

FIGURES = {
    "units": int,                   # members (participating units)
    "registrations": {"by_state": {state: int}, "total": int, "submitted_late": int,
                      "not_registered": int},      # members with no registration at all
    "works": {"by_state": {state: int}, "total": int, "submitted_late": int,
              "pledged": int,                       # accepted, in progress, completed, verified
              "done": int,                          # completed or verified
              "average_percent": float | None,      # plain mean of the pledged works' percent, 1 decimal
              "progress": float | None},            # the value-weighted roll-up of selectors.progress, 1 decimal
    "achievements": {"by_state": {state: int}, "total": int, "submitted_late": int},
    "evidence": {"registrations": int, "reports": int, "achievements": int, "pacts": int, "total": int},
                                    # files not removed; "reports": of progress reports; "pacts": of cluster pacts
    "scorecards": {"by_state": {state: int}, "total": int, "submitted_late": int,
                   "not_started": int},             # members with no scorecard
    "nominations": {"by_state": {state: int}, "total": int},
                                    # nominations of units' batches that were sent (not drafts), by batch's unit
    "behind": {phase: int},         # members that have not done each phase
    "late": {phase: int},           # of those, when the phase's deadline has passed (else 0)
}
"submitted_late": items first sent after their deadline (``is_late``: the lists' "Gửi quá hạn" filter). In the
totals, "not_registered", "not_started", "behind" and "late" count the participating units; the other counts every
row of the campaign (as the lists do), a unit outside the campaign's clusters included.

TASK = {"id": int, "number": int, "title": str,
    "registrations": {"by_state", "total", "submitted_late"},   # registrations with a commitment under the task
    "works": {"by_state", "total", "submitted_late", "pledged", "done", "average_percent", "progress"},
                                    # works serving the task (a work serving two tasks counts in both)
    "achievements": {"by_state", "total", "submitted_late"},
    "evidence": {"reports": int, "achievements": int, "total": int},   # files of the reports on its works, of its
                                    # achievements (a report's file counts for each task of the work)
    "nominations": {"by_state", "total"},                        # nominations reporting under the task
}

PHASE = {"key": str, "label": str, "deadline": "dd/mm/yyyy" | None, "passed": bool,
         "behind": [UNIT, ...],     # participating units behind, Vietnamese order
         "behind_count": int, "late_count": int}   # late_count = behind_count when passed, else 0
UNIT = {"id": int, "code": str, "name": str, "clusters": [str, ...]}   # the unit's clusters in the campaign

CLUSTER_REPORT = {
    "campaign": ..., "today": ..., "states": ...,   # as in CAMPAIGN
    "cluster": CLUSTER,             # the same dict as in CAMPAIGN["clusters"]
    "units": [MEMBER, ...],         # its members, Vietnamese order
    "tasks": [TASK, ...],           # counting only the cluster's members' rows
    "phases": [PHASE, ...],         # only the cluster's members
}
MEMBER = {"id": int, "code": str, "name": str, "role": str, "role_label": str, **FIGURES}   # FIGURES["units"] = 1
"""


from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import ROLE_IN_KIND, ClusterMembership, MemberRole, Unit

from ..models import (
    Achievement,
    Commitment,
    Evidence,
    Phase,
    PledgedWork,
    Registration,
    ReviewStatus,
    Scorecard,
    ScorecardStatus,
    ScoringTable,
    WorkStatus,
)
from .progress import _rollup, campaign_progress, cluster_progress, counted_works, task_progress, unit_progress
from .scope import participant_unit_ids

REPORTS = "reports"
PHASES = (Phase.REGISTRATION.value, Phase.WORKS.value, REPORTS, Phase.SCORING.value, Phase.NOMINATIONS.value)
PHASE_LABELS = {
    Phase.REGISTRATION.value: Phase.REGISTRATION.label,
    Phase.WORKS.value: Phase.WORKS.label,
    REPORTS: _("Báo cáo kết quả, thành tích"),
    Phase.SCORING.value: Phase.SCORING.label,
    Phase.NOMINATIONS.value: Phase.NOMINATIONS.label,
}
DEADLINE_FIELDS = {
    Phase.REGISTRATION.value: "registration_deadline",
    Phase.WORKS.value: "pledge_deadline",
    REPORTS: "report_deadline",
    Phase.NOMINATIONS.value: "nomination_deadline",
}
R, W, S = ReviewStatus, WorkStatus, ScorecardStatus
# What a unit has handed in once it has done the phase (nominations: see _done_unit_ids).
HANDED_IN = {
    Phase.REGISTRATION.value: (Registration, [R.SUBMITTED, R.RESUBMITTED, R.ACCEPTED]),
    Phase.WORKS.value: (PledgedWork, [W.SUBMITTED, W.ACCEPTED, W.IN_PROGRESS, W.COMPLETED, W.VERIFIED]),
    REPORTS: (Achievement, [R.SUBMITTED, R.RESUBMITTED, R.ACCEPTED]),
    Phase.SCORING.value: (Scorecard, [S.SUBMITTED, S.PROPOSED, S.ANSWERED, S.LOCKED]),
}
# The states of a unit's nomination batch that is with the unit (being written, or handed back).
BATCH_WITH_UNIT = ("draft", "returned")
DONE_WORKS = (W.COMPLETED.value, W.VERIFIED.value)
EVIDENCE_OWNERS = (("registrations", "registration__unit_id"), ("reports", "report__work__unit_id"),
                   ("achievements", "achievement__unit_id"))


def _awards_model(name):
    # Awards knows campaign, never the other way round: its models are looked up by name here, not imported.
    return apps.get_model("awards", name)


# --- Phases, deadlines, units behind -------------------------------------------------------------------------------


def phase_deadline(campaign, phase):
    """The deadline of ``phase`` (one of PHASES), or None when staff have not set it."""
    if phase == Phase.SCORING:
        return ScoringTable.objects.filter(campaign=campaign).values_list("deadline", flat=True).first()
    return getattr(campaign, DEADLINE_FIELDS[phase])


def _done_unit_ids(campaign, phase):
    """A subquery: the ids of the units that have done ``phase`` in the campaign (see the module's docstring)."""
    if phase == Phase.NOMINATIONS:
        batches = _awards_model("NominationBatch").objects.filter(campaign=campaign, kind="unit")
        return batches.exclude(status__in=BATCH_WITH_UNIT).values("unit_id")
    model, states = HANDED_IN[phase]
    return model.objects.filter(campaign=campaign, status__in=states).values("unit_id")


def units_behind(campaign, phase, *, today=None):
    """The participating units that have not done ``phase``, in Vietnamese order. With ``today``: only while the
    phase is due or late that day (deadline set and ``today >= deadline - campaign.reminder_days``), else none."""
    if phase not in PHASES:
        raise ValueError(f"Unknown phase: {phase!r}")
    if today is not None:
        deadline = phase_deadline(campaign, phase)
        if deadline is None or today < deadline - timedelta(days=campaign.reminder_days):
            return Unit.objects.none()
    units = Unit.objects.filter(id__in=participant_unit_ids(campaign))
    return units.exclude(id__in=_done_unit_ids(campaign, phase)).order_by("name_sort", "id")


def late_units(campaign, phase, *, today):
    """The units behind in ``phase`` once its deadline has passed (deadline < today); none before, or without one."""
    deadline = phase_deadline(campaign, phase)
    if deadline is None or deadline >= today:
        return Unit.objects.none()
    return units_behind(campaign, phase)


def due_units(campaign, phase, *, today):
    """The units behind in ``phase`` while its deadline is today or within ``campaign.reminder_days``; none
    otherwise (before that, after the deadline, or without one)."""
    deadline = phase_deadline(campaign, phase)
    if deadline is None or not today <= deadline <= today + timedelta(days=campaign.reminder_days):
        return Unit.objects.none()
    return units_behind(campaign, phase)


# --- Tallies: rows grouped by unit (or task) and state, one query each ----------------------------------------------


def _tally(queryset, key, *, state="status", count="id", late="is_late", percent=None):
    """{value of ``key``: [row]} of ``queryset`` grouped by ``key`` and ``state``. Each row has "state", "count"
    (distinct ``count``), "late" (of them, those with ``late`` true; not without ``late``) and, with ``percent``,
    "percent" (its sum)."""
    sums = {"count": Count(count, distinct=True)}
    if late:
        sums["late"] = Count(count, distinct=True, filter=Q(**{late: True}))
    if percent:
        sums["percent"] = Sum(percent)
    found = defaultdict(list)
    for row in queryset.order_by().values(bucket=F(key), state=F(state)).annotate(**sums):
        found[row["bucket"]].append(row)
    return found


def _counts(queryset, key):
    """{value of ``key``: number of rows}."""
    return dict(queryset.order_by().values_list(key).annotate(count=Count("id")).values_list(key, "count"))


def _by_state(rows, states, *, late=True):
    by_state = dict.fromkeys(states, 0)
    for row in rows:
        by_state[row["state"]] += row["count"]
    figures = {"by_state": by_state, "total": sum(by_state.values())}
    if late:
        figures["submitted_late"] = sum(row["late"] for row in rows)
    return figures


def _tenths(value):
    return float(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _works(rows, progress):
    """The figures of works: by state, then the pledged ones' count, mean percent and roll-up (``progress``)."""
    figures = _by_state(rows, WorkStatus.values)
    pledged = [row for row in rows if row["state"] in WorkStatus.pledged()]
    count = sum(row["count"] for row in pledged)
    figures.update(
        pledged=count,
        done=sum(figures["by_state"][state] for state in DONE_WORKS),
        average_percent=_tenths(Decimal(sum(row["percent"] for row in pledged)) / count) if count else None,
        progress=float(progress.percent) if progress else None,
    )
    return figures


def _nomination_choices():
    return [(value, str(label)) for value, label in _awards_model("Nomination")._meta.get_field("status").choices]


def _sent_nominations(campaign, through=""):
    """The nominations of the campaign's units' batches that were sent (not drafts); with ``through`` (a prefix
    such as "nomination__"), the rows of the awards model that leads to them that way (NominationTask)."""
    model = _awards_model("NominationTask" if through else "Nomination")
    rows = model.objects.filter(**{f"{through}batch__campaign": campaign, f"{through}batch__kind": "unit"})
    return rows.exclude(**{f"{through}batch__status": "draft"})


class _Tallies:
    """What the figures of a campaign are made of, of the units ``unit_ids`` only when given: seven queries for the
    units' rows (``groups``), seven more for the tasks' (``tasks``)."""

    def __init__(self, campaign, unit_ids=None):
        self.campaign, self.unit_ids = campaign, unit_ids
        self.nomination_states = [value for value, _label in _nomination_choices()]
        self.by_unit = {
            "registrations": _tally(self._mine(Registration.objects.filter(campaign=campaign)), "unit_id"),
            "works": _tally(self._mine(PledgedWork.objects.filter(campaign=campaign)), "unit_id", percent="percent"),
            "achievements": _tally(self._mine(Achievement.objects.filter(campaign=campaign)), "unit_id"),
            "scorecards": _tally(self._mine(Scorecard.objects.filter(campaign=campaign)), "unit_id"),
            "nominations": _tally(self._mine(_sent_nominations(campaign), "batch__unit_id"), "batch__unit_id",
                                  late=None),
        }
        self.evidence, self.pact_evidence = self._evidence()

    def _mine(self, queryset, key="unit_id"):
        return queryset if self.unit_ids is None else queryset.filter(**{f"{key}__in": self.unit_ids})

    def _evidence(self):
        """{unit id: {owner kind: files}} and {cluster id: files of its pacts}: one query."""
        files = self._files()
        per_unit, per_cluster = defaultdict(lambda: defaultdict(int)), defaultdict(int)
        keys = [key for _owner, key in EVIDENCE_OWNERS]
        for row in files.order_by().values(*keys, "pact__cluster_id").annotate(count=Count("id")):
            for owner, key in EVIDENCE_OWNERS:
                if row[key] is not None:
                    per_unit[row[key]][owner] += row["count"]
            if row["pact__cluster_id"] is not None:
                per_cluster[row["pact__cluster_id"]] += row["count"]
        return per_unit, per_cluster

    def _files(self):
        return Evidence.objects.filter(campaign=self.campaign, removed_at__isnull=True)

    def group(self, members, progress, *, pacts_of, behind, late, every_row=False):
        """FIGURES of the units ``members``: of their rows, or of every row of the campaign with ``every_row``;
        ``pacts_of``: the clusters whose pacts' files count (None: all)."""
        members = set(members)

        def rows(kind):
            tally = self.by_unit[kind]
            return [row for pk in (tally if every_row else members) for row in tally.get(pk, ())]

        registrations = _by_state(rows("registrations"), ReviewStatus.values)
        registrations["not_registered"] = len(members - self.by_unit["registrations"].keys())
        scorecards = _by_state(rows("scorecards"), ScorecardStatus.values)
        scorecards["not_started"] = len(members - self.by_unit["scorecards"].keys())
        evidence = dict.fromkeys((owner for owner, _key in EVIDENCE_OWNERS), 0)
        for pk in self.evidence if every_row else members:
            for owner, count in self.evidence.get(pk, {}).items():
                evidence[owner] += count
        evidence["pacts"] = sum(count for pk, count in self.pact_evidence.items() if pacts_of is None or pk in pacts_of)
        evidence["total"] = sum(evidence.values())
        return {
            "units": len(members),
            "registrations": registrations,
            "works": _works(rows("works"), progress),
            "achievements": _by_state(rows("achievements"), ReviewStatus.values),
            "evidence": evidence,
            "scorecards": scorecards,
            "nominations": _by_state(rows("nominations"), self.nomination_states, late=False),
            "behind": {phase: len(members & behind[phase]) for phase in PHASES},
            "late": {phase: len(members & late[phase]) for phase in PHASES},
        }

    def tasks(self, tasks, progress):
        """[TASK] of ``tasks`` (rows id, number, short_title), ``progress`` the {task id: Progress}: six queries."""
        campaign = self.campaign
        commitments = self._mine(Commitment.objects.filter(registration__campaign=campaign), "registration__unit_id")
        through = self._mine(PledgedWork.tasks.through.objects.filter(pledgedwork__campaign=campaign),
                             "pledgedwork__unit_id")
        nominations = self._mine(_sent_nominations(campaign, "nomination__"), "nomination__batch__unit_id")
        tallies = {
            "registrations": _tally(commitments, "task_id", state="registration__status", count="registration_id",
                                    late="registration__is_late"),
            "works": _tally(through, "task_id", state="pledgedwork__status", count="pledgedwork_id",
                            late="pledgedwork__is_late", percent="pledgedwork__percent"),
            "achievements": _tally(self._mine(Achievement.objects.filter(campaign=campaign)), "task_id"),
            "nominations": _tally(nominations, "task_id", state="nomination__status", count="nomination_id",
                                  late=None),
        }
        files = {
            "reports": _counts(self._mine(self._files().filter(report__isnull=False), "report__work__unit_id"),
                               "report__work__tasks"),
            "achievements": _counts(self._mine(self._files().filter(achievement__isnull=False),
                                               "achievement__unit_id"), "achievement__task_id"),
        }
        result = []
        for task in tasks:
            pk = task["id"]
            evidence = {owner: found.get(pk, 0) for owner, found in files.items()}
            result.append({
                "id": pk, "number": task["number"], "title": task["short_title"],
                "registrations": _by_state(tallies["registrations"].get(pk, []), ReviewStatus.values),
                "works": _works(tallies["works"].get(pk, []), progress.get(pk)),
                "achievements": _by_state(tallies["achievements"].get(pk, []), ReviewStatus.values),
                "evidence": {**evidence, "total": sum(evidence.values())},
                "nominations": _by_state(tallies["nominations"].get(pk, []), self.nomination_states, late=False),
            })
        return result


# --- Assembling the figures ----------------------------------------------------------------------------------------


def _day(value):
    return value.strftime("%d/%m/%Y") if value else None


def _labels(choices):
    return [{"key": str(value), "label": str(label)} for value, label in choices]


def _head(campaign, today):
    return {
        "campaign": {"id": campaign.pk, "title": campaign.title, "status": str(campaign.status),
                     "status_label": str(campaign.get_status_display())},
        "today": _day(today),
        "states": {
            "registrations": _labels(ReviewStatus.choices),
            "works": _labels(WorkStatus.choices),
            "achievements": _labels(ReviewStatus.choices),
            "scorecards": _labels(ScorecardStatus.choices),
            "nominations": _labels(_nomination_choices()),
        },
    }


def _memberships(campaign):
    """The memberships of the campaign's clusters as plain rows, by unit name then cluster name: one query."""
    return list(
        ClusterMembership.objects.filter(cluster__campaigns=campaign)
        .order_by("unit__name_sort", "unit_id", "cluster__name_sort", "cluster_id")
        .values("cluster_id", "cluster__name", "cluster__kind", "role", "unit_id", "unit__code", "unit__name")
    )


def _cluster_head(cluster):
    return {"id": cluster.pk, "name": cluster.name, "year": cluster.year, "kind": str(cluster.kind),
            "kind_label": str(cluster.get_kind_display()), "scope_label": str(cluster.get_scope_display())}


def _tasks(campaign):
    return list(campaign.tasks.order_by("number").values("id", "number", "short_title"))


def _phases(campaign, memberships, today, unit_ids=None):
    """([PHASE], {phase: ids of the units behind}, {phase: ids of the units late}), among the participating units
    (``unit_ids`` only, when given): six queries."""
    units = {}
    for row in memberships:
        unit = units.setdefault(row["unit_id"], {"id": row["unit_id"], "code": row["unit__code"],
                                                 "name": row["unit__name"], "clusters": []})
        unit["clusters"].append(row["cluster__name"])
    if unit_ids is not None:
        units = {pk: unit for pk, unit in units.items() if pk in unit_ids}
    phases, behind, late = [], {}, {}
    for phase in PHASES:
        done = set(_done_unit_ids(campaign, phase).values_list("unit_id", flat=True))
        deadline = phase_deadline(campaign, phase)
        passed = deadline is not None and deadline < today
        found = [unit for pk, unit in units.items() if pk not in done]  # the memberships' Vietnamese order
        behind[phase] = {unit["id"] for unit in found}
        late[phase] = behind[phase] if passed else set()
        phases.append({
            "key": phase, "label": str(PHASE_LABELS[phase]), "deadline": _day(deadline), "passed": passed,
            "behind": found, "behind_count": len(found), "late_count": len(late[phase]),
        })
    return phases, behind, late


def campaign_figures(campaign, *, today=None):
    """CAMPAIGN (see the module's docstring): the whole campaign, per cluster, per task, per phase. 24 queries."""
    today = today or timezone.localdate()
    memberships = _memberships(campaign)
    tallies = _Tallies(campaign)
    phases, behind, late = _phases(campaign, memberships, today)
    members = defaultdict(set)
    for row in memberships:
        members[row["cluster_id"]].add(row["unit_id"])
    by_cluster = cluster_progress(campaign)
    clusters = [
        {**_cluster_head(cluster),
         **tallies.group(members[cluster.pk], by_cluster.get(cluster.pk), pacts_of={cluster.pk}, behind=behind,
                         late=late)}
        for cluster in campaign.clusters.order_by("-year", "scope", "kind", "name_sort", "id")
    ]
    participants = {row["unit_id"] for row in memberships}
    totals = tallies.group(participants, campaign_progress(campaign), pacts_of=None, behind=behind, late=late,
                           every_row=True)
    return {
        **_head(campaign, today),
        "totals": totals,
        "clusters": clusters,
        "tasks": tallies.tasks(_tasks(campaign), task_progress(campaign)),
        "phases": phases,
    }


def _role_label(row):
    return str(ROLE_IN_KIND.get((row["role"], row["cluster__kind"]), MemberRole(row["role"]).label))


def cluster_figures(campaign, cluster, *, today=None):
    """CLUSTER_REPORT (see the module's docstring): one cluster of the campaign, its members, tasks and phases."""
    today = today or timezone.localdate()
    memberships = _memberships(campaign)
    own = [row for row in memberships if row["cluster_id"] == cluster.pk]
    member_ids = frozenset(row["unit_id"] for row in own)
    tallies = _Tallies(campaign, member_ids)
    phases, behind, late = _phases(campaign, memberships, today, member_ids)
    per_unit = unit_progress(campaign, list(member_ids))
    units = [
        {"id": row["unit_id"], "code": row["unit__code"], "name": row["unit__name"], "role": row["role"],
         "role_label": _role_label(row),
         **tallies.group({row["unit_id"]}, per_unit.get(row["unit_id"]), pacts_of=(), behind=behind, late=late)}
        for row in own
    ]
    # The roll-up per task of the members' works only (selectors.progress.task_progress is campaign-wide).
    works = counted_works([campaign.pk]).filter(unit_id__in=member_ids, tasks__isnull=False)
    per_task = _rollup(works.annotate(task_id=F("tasks")), "task_id")
    figures = tallies.group(member_ids, cluster_progress(campaign).get(cluster.pk), pacts_of={cluster.pk},
                            behind=behind, late=late)
    return {
        **_head(campaign, today),
        "cluster": {**_cluster_head(cluster), **figures},
        "units": units,
        "tasks": tallies.tasks(_tasks(campaign), per_task),
        "phases": phases,
    }
