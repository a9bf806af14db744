"""Who may do what with the council, people and households, the award catalogue, the register, nominations and
their screening.

Objects are looked up through the scoped selectors first (another unit's object is 404), then these rules answer
403. Objects of the people rules carry ``unit_id`` (a Person, Household, Discipline of a unit, a ``UnitSubject``);
batch rules take a NominationBatch, nomination rules a Nomination.
"""

from dataclasses import dataclass

import rules

from campaign.models import CampaignStatus
from units.models import Unit
from units.rules import is_council_member, is_officer, is_portal_staff, officer_unit_ids

from .models import (
    BatchKind,
    BatchStatus,
    CouncilSession,
    Dossier,
    NominationBatch,
    SessionStatus,
    StaffFunction,
)


@dataclass(frozen=True)
class UnitSubject:
    """A unit as the subject of people rules (its roster, its discipline, a person being created for it)."""

    unit: Unit

    @property
    def unit_id(self):
        return self.unit.pk


# --- Who someone is ---------------------------------------------------------------------------------------------


def staff_function(user):
    """The screening function of a staff account (StaffFunction value), or None; cached on the user."""
    if not is_portal_staff(user):
        return None
    if not hasattr(user, "_staff_function"):
        from .models import StaffPost

        user._staff_function = StaffPost.objects.filter(user=user).values_list("function", flat=True).first()
    return user._staff_function


def _function_predicate(*functions):
    def predicate(user):
        return staff_function(user) in functions

    return rules.predicate(predicate, name="is_" + "_or_".join(functions))


is_clerk = _function_predicate(StaffFunction.CLERK, StaffFunction.HEAD)
is_specialist = _function_predicate(StaffFunction.SPECIALIST, StaffFunction.HEAD)
is_head = _function_predicate(StaffFunction.HEAD)
is_signed_in = is_portal_staff | is_officer | is_council_member


@rules.predicate
def is_own_unit(user, obj):
    return obj is not None and getattr(obj, "unit_id", None) in officer_unit_ids(user)


# --- Batches ----------------------------------------------------------------------------------------------------


def _batch_of(obj):
    return getattr(obj, "batch", obj)


@rules.predicate
def batch_of_unit(user, obj):
    return obj is not None and _batch_of(obj).kind == BatchKind.UNIT


@rules.predicate
def campaign_takes_nominations(user, obj):
    return obj is not None and _batch_of(obj).campaign.status in (CampaignStatus.LAUNCHED, CampaignStatus.EVALUATING)


def _state_predicate(*states):
    def predicate(user, obj):
        return obj is not None and _batch_of(obj).status in states

    return rules.predicate(predicate, name="batch_" + "_or_".join(states))


is_submitted = _state_predicate(BatchStatus.SUBMITTED)
is_received = _state_predicate(BatchStatus.RECEIVED)
is_assigned = _state_predicate(BatchStatus.ASSIGNED)
is_checked = _state_predicate(BatchStatus.CHECKED)
is_with_unit = _state_predicate(BatchStatus.DRAFT, BatchStatus.RETURNED)


@rules.predicate
def holds_assignment(user, obj):
    """The batch is assigned to the user, or to the user's board (a head acts on any)."""
    if obj is None:
        return False
    batch = _batch_of(obj)
    if staff_function(user) == StaffFunction.HEAD:
        return True
    if batch.assigned_to_id == user.pk:
        return True
    board_id = getattr(getattr(user, "staff_post", None), "board_id", None)
    return board_id is not None and batch.assigned_board_id == board_id


@rules.predicate
def is_province_proposal(user, obj):
    return obj is not None and _batch_of(obj).kind == BatchKind.PROVINCE


# People and households: staff everywhere; a unit's officers for the unit's own.
rules.add_perm("awards.view_people", is_portal_staff | is_officer)
rules.add_perm("awards.view_person", is_portal_staff | (is_officer & is_own_unit))
rules.add_perm("awards.manage_people", is_portal_staff | (is_officer & is_own_unit))
# Discipline is recorded by staff or the unit; initiatives and rosters by the unit or staff.
rules.add_perm("awards.manage_discipline", is_portal_staff | (is_officer & is_own_unit))

# The catalogue: every signed-in person reads it; staff edit it.
rules.add_perm("awards.view_catalogue", is_signed_in)
rules.add_perm("awards.manage_catalogue", is_portal_staff)

# The register: staff and council read all of it, officers their own units' (selectors scope it).
rules.add_perm("awards.view_register", is_signed_in)
rules.add_perm("awards.manage_register", is_portal_staff)
# A unit records its own Giấy khen decisions (the object: a UnitSubject, or the Decision).
rules.add_perm("awards.record_unit_decision", is_officer & is_own_unit)
rules.add_perm("awards.view_decision", is_portal_staff | is_council_member | (is_officer & is_own_unit))

# Batches: lists for staff and officers (scoped); a unit's officers write their own while it is with the unit.
rules.add_perm("awards.view_batches", is_portal_staff | is_officer)
rules.add_perm("awards.view_batch", is_portal_staff | (is_officer & is_own_unit))
rules.add_perm("awards.create_batch", is_officer)
rules.add_perm(
    "awards.edit_batch",
    (is_officer & is_own_unit & batch_of_unit & is_with_unit & campaign_takes_nominations)
    | (is_specialist & is_province_proposal & is_with_unit),
)
rules.add_perm("awards.submit_batch", is_officer & is_own_unit & batch_of_unit & is_with_unit & campaign_takes_nominations)
rules.add_perm("awards.withdraw_batch", is_officer & is_own_unit & batch_of_unit & is_submitted)
# Screening: the clerk receives and assigns; the assigned specialist (or the board's) checks each nominee and hands
# the batch to the head; the head forwards it or returns it. A return goes one step back (services.screening).
rules.add_perm("awards.view_screening", is_portal_staff)
rules.add_perm("awards.receive_batch", is_clerk & is_submitted)
rules.add_perm("awards.assign_batch", is_clerk & is_received)
rules.add_perm("awards.screen_batch", is_specialist & holds_assignment & is_assigned)
rules.add_perm("awards.forward_batch", (is_head & is_checked) | (is_specialist & is_province_proposal & is_with_unit))
rules.add_perm(
    "awards.return_batch",
    (is_clerk & (is_submitted | is_received)) | (is_specialist & holds_assignment & is_assigned) | (is_head & is_checked),
)
rules.add_perm("awards.override_check", is_specialist & holds_assignment & is_assigned)
rules.add_perm("awards.create_proposal", is_specialist)

# Council
rules.add_perm("awards.view_council", is_portal_staff | is_council_member)
rules.add_perm("awards.manage_council", is_portal_staff)

# --- Council sessions, the secret ballot and decisions (issue 6) ---------------------------------------------------
# Objects are CouncilSessions (an AgendaItem or a Decision's session through ``session``). A council member sees only
# the sessions they sit in (selectors.sessions scopes it: 404 otherwise); officers never see a session.


def _session_of(obj):
    return getattr(obj, "session", obj)


def _session_state(*states):
    def predicate(user, obj):
        return obj is not None and _session_of(obj).status in states

    return rules.predicate(predicate, name="session_" + "_or_".join(states))


session_preparing = _session_state("preparing")
session_open = _session_state("open")
session_closed = _session_state("closed")


@rules.predicate
def sits_in_session(user, obj):
    if obj is None or not is_council_member(user):
        return False
    return _session_of(obj).members.filter(member__user=user).exists()


@rules.predicate
def chairs_session(user, obj):
    return obj is not None and _session_of(obj).chair.user_id == getattr(user, "pk", None)


rules.add_perm("awards.view_sessions", is_portal_staff | is_council_member)
rules.add_perm("awards.view_session", is_portal_staff | sits_in_session)
rules.add_perm("awards.manage_sessions", is_portal_staff)
# Staff prepare the agenda and the roll while preparing, and take the roll while the ballot is open.
rules.add_perm("awards.edit_session", is_portal_staff & session_preparing)
rules.add_perm("awards.take_attendance", is_portal_staff & (session_preparing | session_open))
rules.add_perm("awards.open_ballot", is_portal_staff & session_preparing)
# A member sitting in an open session casts their own ballot (services refuse a second one).
rules.add_perm("awards.cast_ballot", sits_in_session & session_open)
# Staff enter paper ballots and the written opinions of absent members while the ballot is open.
rules.add_perm("awards.enter_ballots", is_portal_staff & session_open)
rules.add_perm("awards.close_ballot", chairs_session & session_open)
# The result and the minutes exist once the ballot is closed.
rules.add_perm("awards.view_result", (is_portal_staff | sits_in_session) & session_closed)
rules.add_perm("awards.record_decision", is_portal_staff & session_closed)
rules.add_perm("awards.cancel_decision", is_portal_staff)


# Attachments of nominations (the object: a NominationFile): whoever may see its batch, and a council member sitting
# in a session whose agenda holds the file's nomination.
@rules.predicate
def may_view_file_batch(user, obj):
    return obj is not None and user.has_perm("awards.view_batch", obj.batch)


@rules.predicate
def file_on_sitting_agenda(user, obj):
    if obj is None or obj.nomination_id is None or not is_council_member(user):
        return False
    from .models import SessionMember

    return SessionMember.objects.filter(member__user=user, session__items__nomination_id=obj.nomination_id).exists()


rules.add_perm("awards.download_file", may_view_file_batch | file_on_sitting_agenda)


# --- Dossiers (issue 7) -----------------------------------------------------------------------------------------
# Objects are a Dossier or its subject (a CouncilSession or a NominationBatch). A session's dossier exists once its
# ballot is closed: staff compile it, staff and the members sitting in it read it. A batch's dossier: the staff who
# see the batch (the scoped lookup narrows them) and the batch's own unit's officers compile and read it.


def _dossier_subject(obj):
    return obj.subject if isinstance(obj, Dossier) else obj


@rules.predicate
def dossier_of_closed_session(user, obj):
    subject = _dossier_subject(obj)
    return isinstance(subject, CouncilSession) and subject.status == SessionStatus.CLOSED


@rules.predicate
def sits_in_dossier_session(user, obj):
    return sits_in_session(user, _dossier_subject(obj))


@rules.predicate
def dossier_of_batch(user, obj):
    return isinstance(_dossier_subject(obj), NominationBatch)


@rules.predicate
def dossier_of_own_batch(user, obj):
    return dossier_of_batch(user, obj) and is_own_unit(user, _dossier_subject(obj))


@rules.predicate
def dossier_of_unit_batch(user, obj):
    """A unit's batch (a province proposal goes up in the session's dossier, not as a unit letter)."""
    return dossier_of_batch(user, obj) and batch_of_unit(user, _dossier_subject(obj))


batch_dossier_people = dossier_of_unit_batch & (is_portal_staff | (is_officer & dossier_of_own_batch))
# The subject's kind is tested first: the session predicates must never see a batch.
rules.add_perm("awards.compile_dossier", (dossier_of_closed_session & is_portal_staff) | batch_dossier_people)
rules.add_perm("awards.view_dossier",
               (dossier_of_closed_session & (is_portal_staff | sits_in_dossier_session)) | batch_dossier_people)

# --- Public comment on the nominee list (issue 8) ---------------------------------------------------------------
# Staff publish a province proposal's nominee list for comment and moderate the comments; anyone reads a published
# list and comments while it is open (the views look it up among the published ones: 404 otherwise).
rules.add_perm("awards.manage_consultations", is_portal_staff)
rules.add_perm("awards.comment_publicly", rules.always_allow)
