"""What each person may see of people, households, the register and nominations: querysets already scoped (an
object outside them answers 404), with what the list pages show already joined."""

from django.db.models import Q

from units.rules import is_council_member, is_officer, is_portal_staff, officer_unit_ids

from ..models import AwardRecord, BatchKind, BatchStatus, Household, Nomination, NominationBatch, Person, StaffFunction
from ..rules import staff_function


def people_visible_to(user):
    """Staff see every person; a unit's officers the people of their units; nobody else any."""
    people = Person.objects.select_related("unit")
    if is_portal_staff(user):
        return people
    if is_officer(user):
        return people.filter(unit_id__in=officer_unit_ids(user))
    return people.none()


def households_visible_to(user):
    households = Household.objects.select_related("unit")
    if is_portal_staff(user):
        return households
    if is_officer(user):
        return households.filter(unit_id__in=officer_unit_ids(user))
    return households.none()


def records_visible_to(user):
    """The register in force: staff and the council see all of it; an officer the records of their units (a
    merged unit's records included) and of the people and households they keep."""
    records = AwardRecord.objects.in_force().select_related("unit", "person__unit", "household__unit", "decision")
    if is_portal_staff(user) or is_council_member(user):
        return records
    if is_officer(user):
        ids = officer_unit_ids(user)
        return records.filter(Q(unit_id__in=ids) | Q(person__unit_id__in=ids) | Q(household__unit_id__in=ids))
    return records.none()


def batches_visible_to(user, campaign=None):
    """A unit's officers see their units' batches in every state. Staff see the batches that are not drafts (sent,
    in screening, returned, forwarded: a batch withdrawn to a draft is the unit's again) and the province's own
    proposals; a specialist only what is assigned to them or to their board. Nobody else sees any."""
    batches = NominationBatch.objects.select_related("campaign", "unit", "holder", "assigned_to", "assigned_board")
    if campaign is not None:
        batches = batches.filter(campaign=campaign)
    if is_officer(user):
        return batches.filter(unit_id__in=officer_unit_ids(user), kind=BatchKind.UNIT)
    if not is_portal_staff(user):
        return batches.none()
    batches = batches.filter(~Q(status=BatchStatus.DRAFT) | Q(kind=BatchKind.PROVINCE))
    if staff_function(user) == StaffFunction.SPECIALIST:
        post = user.staff_post
        mine = Q(assigned_to=user)
        if post.board_id is not None:
            mine |= Q(assigned_board_id=post.board_id)
        batches = batches.filter(mine | Q(kind=BatchKind.PROVINCE))
    return batches


def nominations_visible_to(user, campaign=None):
    batches = batches_visible_to(user, campaign)
    return Nomination.objects.filter(batch__in=batches.values("pk")).select_related(
        "batch__campaign", "batch__unit", "award_form", "unit", "person__unit", "household__unit"
    )


def sessions_visible_to(user):
    """Staff see every council session; a council member the sessions they sit in; nobody else any."""
    from ..models import CouncilSession

    sessions = CouncilSession.objects.select_related("campaign", "chair__user", "secretary__user")
    if is_portal_staff(user):
        return sessions
    if is_council_member(user):
        return sessions.filter(members__member__user=user).distinct()
    return sessions.none()
