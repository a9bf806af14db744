"""What the ballot screens read: a member's seat and ballot paper, who has voted (never what), the fixed result per
agenda item, and the plain context of the minutes (biên bản) that the HTML page and the PDF both render."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Attendance,
    Ballot,
    BallotKind,
    Choice,
    CouncilRole,
    Outcome,
    SessionMember,
    VoteCount,
)
from ..services.ballots import lower_chains, share_text
from .sessions import agenda_items, is_conflict, seat_units


def nominee_unit(nomination):
    """The nominee's own unit, the same on the ballot, the result and the minutes: the collective itself, or the
    unit of the person or household."""
    if nomination.unit_id:
        return nomination.unit
    return (nomination.person or nomination.household).unit


def _group(items, units=frozenset()):
    """Items (already in form order) grouped by award form and recipient kind; each item carries ``nominee_unit``
    and ``conflict`` (the nominee comes from one of ``units``)."""
    groups = []
    for item in items:
        nomination = item.nomination
        key = (nomination.award_form_id, nomination.recipient_kind)
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "form": nomination.award_form,
                           "kind": nomination.get_recipient_kind_display(), "items": []})
        item.nominee_unit = nominee_unit(nomination)
        item.conflict = is_conflict(nomination, units)
        groups[-1]["items"].append(item)
    return groups


def _by_form(items):
    """Items in the order of their award forms (then their place on the agenda), so each form is one group."""
    def key(item):
        form = item.nomination.award_form
        return (form.order, form.name, form.pk, item.nomination.recipient_kind, item.position, item.pk)

    return sorted(items, key=key)


def seat_of(session, user):
    """The user's seat in the session (SessionMember with its council member), or None."""
    return (SessionMember.objects.filter(session=session, member__user=user)
            .select_related("member__user", "member__unit").first())


def has_voted(session, member):
    return Ballot.objects.filter(session=session, member=member).exists()


def ballot_paper(session, user=None):
    """The agenda grouped by award form, each item with ``lower_choices`` (its lower forms, highest first) and, for
    a member, ``conflict`` (the nominee comes from the member's unit)."""
    items = _by_form(agenda_items(session).prefetch_related(None))
    chains = lower_chains({item.nomination.award_form for item in items})
    for item in items:
        item.lower_choices = chains[item.nomination.award_form_id]
    units = seat_units(user, session) if user is not None else frozenset()
    return _group(items, units)


def voters(session):
    """The members who have voted and how the ballot came in, in name order (never in the order they voted)."""
    return (Ballot.objects.filter(session=session).select_related("member__user", "member__unit")
            .order_by("member__user__name_sort", "member__pk"))


def members_without_ballot(session, kind):
    """The sitting members who have not voted and may vote in ``kind``: present or not yet marked for a paper
    ballot, absent for a written opinion."""
    members = (SessionMember.objects.filter(session=session).exclude(member__in=Ballot.objects.filter(
        session=session).values("member")).select_related("member__user", "member__unit"))
    if kind == BallotKind.WRITTEN:
        return members.filter(attendance=Attendance.ABSENT)
    if kind == BallotKind.PAPER:
        return members.exclude(attendance=Attendance.ABSENT)
    return members


def result_groups(session):
    """The fixed result per agenda item, grouped by award form; each item carries ``share`` ("7/9 = 77,78 %", the
    agreeing votes) and, when passed at a lower form, ``lower_share`` (agree + the votes naming that form)."""
    items = _by_form(session.items.select_related(
        "nomination__award_form", "nomination__batch__unit", "nomination__unit", "nomination__person__unit",
        "nomination__household__unit", "awarded_form", "decision"))
    named = dict(VoteCount.objects.filter(item__session=session, choice=Choice.LOWER,
                                          lower_form=F("item__awarded_form")).values_list("item_id", "count"))
    for item in items:
        item.share = share_text(item.agree or 0, session.member_count)
        item.lower_share = (share_text((item.agree or 0) + named.get(item.pk, 0), session.member_count)
                            if item.outcome == Outcome.PASSED_LOWER else "")
    return _group(items)


def member_rank():
    """A seat's rank by its member's role (chair, vice-chairs, secretary, members), for ordering SessionMembers."""
    return models.Case(
        *(models.When(member__role=role, then=models.Value(rank)) for rank, role in enumerate(CouncilRole)),
        output_field=models.IntegerField(),
    )


def minutes_context(session):
    """The minutes as plain values (strings and numbers, no model objects), for the HTML page and the PDF."""
    sitting = list(SessionMember.objects.filter(session=session).select_related("member__user", "member__unit")
                   .annotate(rank=member_rank()).order_by("rank", "member__user__name_sort", "member__pk"))
    written = set(Ballot.objects.filter(session=session, kind=BallotKind.WRITTEN).values_list("member_id", flat=True))

    def person(seat):
        member = seat.member
        return {"name": str(member.user), "role": member.get_role_display(), "position": member.position,
                "unit": str(member.unit), "written_opinion": member.pk in written}

    nominees = []
    for group in result_groups(session):
        for item in group["items"]:
            nomination = item.nomination
            nominees.append({
                "form": group["form"].name, "kind": group["kind"], "name": str(nomination.recipient),
                "unit": str(item.nominee_unit), "agree": item.agree, "disagree": item.disagree,
                "lower": item.lower, "invalid": item.invalid, "not_voted": item.not_voted, "share": item.share,
                "lower_share": item.lower_share,
                "outcome": item.get_outcome_display(), "awarded_form": item.awarded_form.name
                if item.awarded_form else "",
            })
    meets_at = timezone.localtime(session.meets_at)
    return {
        "title": _("BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"),
        "session": session.title,
        "campaign": str(session.campaign),
        "time": meets_at.strftime("%d/%m/%Y %H:%M"),
        "date": meets_at.strftime("%d/%m/%Y"),
        "place": session.place,
        "chair": {"name": str(session.chair.user), "role": session.chair.get_role_display(),
                  "position": session.chair.position},
        "secretary": {"name": str(session.secretary.user), "role": session.secretary.get_role_display(),
                      "position": session.secretary.position},
        "member_count": session.member_count,
        "present": [person(seat) for seat in sitting if seat.attendance == Attendance.PRESENT],
        "unmarked": [person(seat) for seat in sitting if seat.attendance == Attendance.UNKNOWN],
        "absent": [person(seat) for seat in sitting if seat.attendance == Attendance.ABSENT],
        "ballot_count": Ballot.objects.filter(session=session).count(),
        "nominees": nominees,
    }

