"""What the council's screens read: members, sessions with their counts, the agenda grouped by award form, the
nominees a session may take, and the conflicts of interest of a member."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils.translation import gettext as _

from units.history import merged_history_page

from ..models import (
    AgendaItem,
    Ballot,
    CheckResult,
    CouncilMember,
    CouncilRole,
    CouncilSession,
    Nomination,
    ScreeningStatus,
    SessionMember,
    SessionStatus,
)
from .scope import sessions_visible_to

NOMINEE_ORDER = ("award_form__order", "award_form__name", "recipient_kind", "recipient_search", "id")


def council_role_rank():
    """A seat's rank by its role (chair, vice-chairs, secretary, members), for ordering CouncilMembers."""
    return Case(*(When(role=role, then=Value(rank)) for rank, role in enumerate(CouncilRole)),
                output_field=IntegerField())


def council_members_ranked():
    """Every seat by role rank, then name."""
    return (CouncilMember.objects.select_related("user", "unit").annotate(rank=council_role_rank())
            .order_by("rank", "user__name_sort", "id"))


def council_members(day):
    """Every seat, those serving on ``day`` first (then by role rank and name)."""
    serving = CouncilMember.objects.serving_on(day).filter(pk=OuterRef("pk"))
    return council_members_ranked().annotate(serving=Exists(serving)).order_by("-serving", "rank", "user__name_sort",
                                                                               "id")


def session_list(user):
    """The sessions the user sees with the number of nominees and, for a member, whether they have voted."""
    sessions = sessions_visible_to(user).annotate(nominee_count=Count("items", distinct=True))
    mine = Ballot.objects.filter(session=OuterRef("pk"), member__user=user)
    return sessions.annotate(has_voted=Exists(mine)).order_by("-meets_at", "-id")


def member_sessions(user, limit=20):
    """The sessions a council member sits in, open ones first, then the latest."""
    is_open = ExpressionWrapper(Q(status=SessionStatus.OPEN), output_field=BooleanField())
    return session_list(user).annotate(is_open=is_open).order_by("-is_open", "-meets_at", "-id")[:limit]


def agenda_items(session):
    """The session's agenda in order, with what its pages show joined."""
    return (session.items.select_related(
        "nomination__award_form", "nomination__batch__unit", "nomination__unit", "nomination__person__unit",
        "nomination__household__unit").prefetch_related("nomination__checks", "nomination__overrides")
        .order_by("position", "id"))


def nominee_unit_ids(nomination):
    """The units a nominee comes from: the batch's unit, the collective itself, the person's or household's unit."""
    ids = {nomination.batch.unit_id, nomination.unit_id}
    if nomination.person_id:
        ids.add(nomination.person.unit_id)
    if nomination.household_id:
        ids.add(nomination.household.unit_id)
    ids.discard(None)
    return ids


def seat_units(user, session):
    """The units of the council seats through which ``user`` sits in ``session`` (one query; empty for staff)."""
    return set(SessionMember.objects.filter(session=session, member__user=user)
               .values_list("member__unit_id", flat=True))


def is_conflict(nomination, units):
    return bool(units and nominee_unit_ids(nomination) & units)


def group_agenda(items, verdict, units=frozenset()):
    """Agenda items grouped by award form and recipient kind, each item marked with its verdict and conflict."""
    groups = []
    for item in items:
        nomination = item.nomination
        key = (nomination.award_form_id, nomination.recipient_kind)
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "form": nomination.award_form,
                           "kind": nomination.get_recipient_kind_display(), "items": []})
        item.conflict = is_conflict(nomination, units)
        result = verdict(nomination, {override.code for override in nomination.overrides.all()})
        item.verdict = CheckResult(result) if result else None
        groups[-1]["items"].append(item)
    return groups


def available_nominees(campaign, session=None):
    """The campaign's forwarded nominees (of unit batches and the province's proposals) on no agenda, or on the
    agenda of ``session``, in the grouped order (award form, recipient kind, name)."""
    taken = AgendaItem.objects.filter(nomination=OuterRef("pk"))
    if session is not None:
        taken = taken.exclude(session=session)
    return (Nomination.objects.filter(batch__campaign=campaign, status=ScreeningStatus.FORWARDED)
            .exclude(Exists(taken))
            .select_related("award_form", "batch__unit", "unit", "person__unit", "household__unit")
            .prefetch_related("checks", "overrides")
            .order_by(*NOMINEE_ORDER))


def order_nominees(nominations):
    """Nominations in the agenda's grouped order."""
    def key(nomination):
        form = nomination.award_form
        return (form.order, form.name, nomination.recipient_kind, nomination.recipient_search, nomination.pk)

    return sorted(nominations, key=key)


def session_for_page(sessions):
    from .ballots import member_rank  # selectors.ballots imports this module

    members = (SessionMember.objects.select_related("member__user", "member__unit").annotate(rank=member_rank())
               .order_by("rank", "member__user__name_sort", "member_id"))
    return sessions.prefetch_related(Prefetch("members", queryset=members, to_attr="sitting"))


def session_history_page(session, number):
    sources = {
        "session": CouncilSession.history.filter(id=session.pk),
        "member": SessionMember.history.filter(session_id=session.pk),
        "item": AgendaItem.history.filter(session_id=session.pk),
    }
    labels = {
        "session": lambda row: _("Phiên họp"),
        "member": lambda row: _("Điểm danh"),
        "item": lambda row: _("Danh sách đề nghị"),
    }
    return merged_history_page(sources, number, labels)

