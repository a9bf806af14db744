"""The secret ballot's services: casting (on line, paper, written opinions), the anonymity of what is stored, the
double-vote refusal (also under two requests at once on PostgreSQL), closing with the result on the whole
membership, and the closed ballot's immutability."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection, models

from awards.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotKind,
    Choice,
    CouncilSession,
    Outcome,
    SessionMember,
    SessionStatus,
    VoteCount,
)
from awards.selectors.ballots import minutes_context, nominee_unit
from awards.services.ballots import (
    cast_ballot,
    close_ballot,
    lower_chains,
    outcome_of,
    share_text,
)
from awards.services.sessions import set_attendance, update_session
from portal.tests.factories import (
    AgendaItemFactory,
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    CouncilMemberFactory,
    NominationFactory,
    SessionFactory,
    SessionMemberFactory,
    StaffFactory,
    UnitFactory,
)

AGREE, DISAGREE, LOWER, INVALID = Choice.AGREE, Choice.DISAGREE, Choice.LOWER, Choice.INVALID


def form_chain(regime=None):
    """Three forms of one regime: top (90 %) → middle (80 %) → bottom (70 %)."""
    extra = {"regime": regime} if regime is not None else {}
    bottom = AwardFormFactory(code="test_bottom", name="Giấy khen thử", council_threshold=70, order=3, **extra)
    middle = AwardFormFactory(code="test_middle", name="Bằng khen thử", council_threshold=80, order=2,
                              lower_form=bottom, **extra)
    top = AwardFormFactory(code="test_top", name="Cờ thi đua thử", council_threshold=90, order=1,
                           lower_form=middle, **extra)
    return top, middle, bottom


def single_form():
    """A form with no lower form (80 %)."""
    return AwardFormFactory(code="test_single", name="Bằng khen thử không có hình thức thấp hơn", council_threshold=80)


def nominee(session, form, **kwargs):
    """An agenda item of ``session``: a forwarded nominee for ``form``."""
    batch = BatchFactory(campaign=session.campaign, status="forwarded", **kwargs,
                         submitted_at=datetime.datetime(2019, 10, 20, tzinfo=datetime.UTC))
    nomination = NominationFactory(batch=batch, award_form=form, status="forwarded")
    return AgendaItemFactory(session=session, nomination=nomination)


def open_session(member_count, *, forms=(), absent=0):
    """An open session with ``member_count`` sitting members (the chair first; the last ``absent`` marked absent)
    and one agenda item per form in ``forms``."""
    session = SessionFactory(campaign=CampaignFactory())
    seats = [session.chair] + [CouncilMemberFactory() for _ in range(member_count - 1)]
    for index, seat in enumerate(seats):
        attendance = Attendance.ABSENT if index >= member_count - absent else Attendance.PRESENT
        SessionMemberFactory(session=session, member=seat, attendance=attendance)
    items = [nominee(session, form) for form in forms]
    CouncilSession.objects.filter(pk=session.pk).update(status=SessionStatus.OPEN, member_count=member_count)
    session.refresh_from_db()
    return session, seats, items


def vote(session, seat, choices, kind=BallotKind.ONLINE, by=None):
    by = by or (seat.user if kind == BallotKind.ONLINE else StaffFactory())
    cast_ballot(session, member=seat, choices=choices, kind=kind, by=by)


def all_items(items, choice, lower=None):
    return {item: (choice, lower) for item in items}


def counts(session):
    return sorted((row.item_id, row.choice, row.lower_form_id, row.count)
                  for row in VoteCount.objects.filter(item__session=session))


# --- Arithmetic ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_share_text_counts_on_all_members():
    assert share_text(7, 9) == "7/9 = 77,78 %"
    assert share_text(8, 9) == "8/9 = 88,89 %"
    assert share_text(0, 9) == "0/9 = 0,00 %"


@pytest.mark.django_db
def test_outcome_of_threshold_is_exact_on_the_whole_membership():
    _top, middle, bottom = form_chain()
    assert outcome_of(middle, [bottom], 7, {}, 9) == (Outcome.FAILED, None)
    assert outcome_of(middle, [bottom], 8, {}, 9) == (Outcome.PASSED, middle)
    # 80 % of 10 is exactly 8: reaching it passes.
    assert outcome_of(middle, [bottom], 8, {}, 10) == (Outcome.PASSED, middle)
    assert outcome_of(middle, [bottom], 7, {bottom.pk: 0}, 10) == (Outcome.FAILED, None)


@pytest.mark.django_db
def test_outcome_of_lower_form_takes_the_highest_one_reached():
    top, middle, bottom = form_chain()
    # 5 agree + 3 name the middle form = 8/9 ≥ 80 %: the middle form, though the bottom one is reached too.
    assert outcome_of(top, [middle, bottom], 5, {middle.pk: 3, bottom.pk: 2}, 9) == (Outcome.PASSED_LOWER, middle)
    # 5 + 2 naming the middle form = 7/9 < 80 %; 5 + 2 naming the bottom = 7/9 = 77,78 % ≥ 70 %.
    assert outcome_of(top, [middle, bottom], 5, {middle.pk: 2, bottom.pk: 2}, 9) == (Outcome.PASSED_LOWER, bottom)
    assert outcome_of(top, [middle, bottom], 4, {middle.pk: 1, bottom.pk: 1}, 9) == (Outcome.FAILED, None)


@pytest.mark.django_db
def test_lower_chains_follow_lower_form_within_the_regime():
    top, middle, bottom = form_chain()
    assert lower_chains([top, bottom]) == {top.pk: [middle, bottom], bottom.pk: []}


# --- Casting ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cast_ballot_online_adds_to_the_totals_only():
    top, middle, bottom = form_chain()
    session, seats, (first, second) = open_session(3, forms=[middle, top])
    vote(session, seats[0], {first: (AGREE, None), second: (LOWER, middle.pk)})
    vote(session, seats[1], {first: (DISAGREE, None), second: (LOWER, bottom)})
    vote(session, seats[2], {first: (AGREE, None), second: (AGREE, None)})

    assert counts(session) == sorted([
        (first.pk, "agree", None, 2), (first.pk, "disagree", None, 1), (first.pk, "invalid", None, 0),
        (first.pk, "lower", bottom.pk, 0),
        (second.pk, "agree", None, 1), (second.pk, "disagree", None, 0), (second.pk, "invalid", None, 0),
        (second.pk, "lower", middle.pk, 1), (second.pk, "lower", bottom.pk, 1),
    ])
    assert sorted(Ballot.objects.filter(session=session).values_list("member_id", "kind")) == sorted(
        (seat.pk, "online") for seat in seats)


@pytest.mark.django_db
def test_cast_ballot_second_vote_refused():
    _top, middle, _bottom = form_chain()
    session, seats, items = open_session(3, forms=[middle])
    vote(session, seats[0], all_items(items, AGREE))
    with pytest.raises(ValidationError) as error:
        vote(session, seats[0], all_items(items, DISAGREE))
    assert error.value.messages == ["Thành viên này đã bỏ phiếu trong phiên họp."]
    with pytest.raises(ValidationError):
        vote(session, seats[0], all_items(items, INVALID), kind=BallotKind.PAPER)
    assert Ballot.objects.filter(session=session).count() == 1
    assert VoteCount.objects.get(item=items[0], choice=AGREE).count == 1
    assert VoteCount.objects.get(item=items[0], choice=DISAGREE).count == 0


@pytest.mark.django_db
def test_cast_ballot_online_refuses_invalid_missing_items_and_foreign_lower_forms():
    top, middle, _bottom = form_chain()
    session, seats, (first, second) = open_session(3, forms=[middle, middle])
    refused = [
        {first: (INVALID, None), second: (AGREE, None)},
        {first: (AGREE, None)},
        {first: (LOWER, None), second: (AGREE, None)},
        {first: (LOWER, top), second: (AGREE, None)},  # not lower than the proposed form
    ]
    for choices in refused:
        with pytest.raises(ValidationError):
            vote(session, seats[0], choices)
    assert Ballot.objects.filter(session=session).count() == 0
    assert VoteCount.objects.filter(item__session=session).count() == 0


@pytest.mark.django_db
def test_cast_ballot_online_only_by_the_member_themself():
    session, seats, items = open_session(2, forms=[single_form()])
    for by in (seats[1].user, StaffFactory()):
        with pytest.raises(ValidationError):
            cast_ballot(session, member=seats[0], choices=all_items(items, AGREE), kind=BallotKind.ONLINE, by=by)
    outsider = CouncilMemberFactory()
    with pytest.raises(ValidationError) as error:
        vote(session, outsider, all_items(items, AGREE))
    assert error.value.messages == ["Thành viên này không dự phiên họp."]
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_cast_ballot_paper_and_written_follow_attendance():
    session, seats, items = open_session(3, forms=[single_form()], absent=1)
    staff = StaffFactory()
    with pytest.raises(ValidationError):
        vote(session, seats[2], all_items(items, AGREE), kind=BallotKind.PAPER, by=staff)
    with pytest.raises(ValidationError):
        vote(session, seats[0], all_items(items, AGREE), kind=BallotKind.WRITTEN, by=staff)
    with pytest.raises(ValidationError):
        vote(session, seats[0], all_items(items, AGREE), kind=BallotKind.PAPER, by=seats[0].user)
    vote(session, seats[0], all_items(items, INVALID), kind=BallotKind.PAPER, by=staff)
    vote(session, seats[2], all_items(items, AGREE), kind=BallotKind.WRITTEN, by=staff)
    SessionMember.objects.filter(member=seats[1]).update(attendance=Attendance.UNKNOWN)
    vote(session, seats[1], all_items(items, DISAGREE), kind=BallotKind.PAPER, by=staff)
    assert sorted(Ballot.objects.values_list("member_id", "kind")) == sorted(
        [(seats[0].pk, "paper"), (seats[1].pk, "paper"), (seats[2].pk, "written")])
    assert counts(session) == sorted([(items[0].pk, "agree", None, 1), (items[0].pk, "disagree", None, 1),
                                      (items[0].pk, "invalid", None, 1)])


@pytest.mark.django_db
def test_cast_ballot_refused_unless_open():
    form = single_form()
    session, seats, items = open_session(2, forms=[form])
    CouncilSession.objects.filter(pk=session.pk).update(status=SessionStatus.PREPARING)
    with pytest.raises(ValidationError):
        vote(session, seats[0], all_items(items, AGREE))
    assert Ballot.objects.count() == 0


# --- Anonymity -----------------------------------------------------------------------------------------------------


def concrete(model):
    return {field.name: type(field).__name__ for field in model._meta.concrete_fields}


def test_ballot_and_vote_count_store_no_time_and_no_link():
    assert concrete(Ballot) == {"id": "BigAutoField", "session": "ForeignKey", "member": "ForeignKey",
                                "kind": "CharField"}
    assert concrete(VoteCount) == {"id": "BigAutoField", "item": "ForeignKey", "choice": "CharField",
                                   "lower_form": "ForeignKey", "count": "PositiveSmallIntegerField"}
    for model in (Ballot, VoteCount):
        assert [field.name for field in model._meta.concrete_fields
                if isinstance(field, (models.DateField, models.TimeField))] == []
    assert {field.name: field.related_model._meta.label for field in VoteCount._meta.concrete_fields
            if field.is_relation} == {"item": "awards.AgendaItem", "lower_form": "awards.AwardForm"}
    # No history model (simple_history's ``instance_type``) follows either of them.
    assert {getattr(model, "instance_type", None) for model in apps.get_models()} & {Ballot, VoteCount} == set()
    assert not hasattr(Ballot, "history") and not hasattr(VoteCount, "history")


@pytest.mark.django_db
def test_stored_rows_hold_only_who_voted_and_totals():
    _top, middle, bottom = form_chain()
    session, seats, (item,) = open_session(4, forms=[middle], absent=1)
    vote(session, seats[0], {item: (AGREE, None)})
    vote(session, seats[1], {item: (DISAGREE, None)})
    vote(session, seats[2], {item: (LOWER, bottom)})
    vote(session, seats[3], {item: (INVALID, None)}, kind=BallotKind.WRITTEN)

    assert sorted(Ballot.objects.filter(session=session).values_list("session_id", "member_id", "kind")) == sorted(
        [(session.pk, seats[0].pk, "online"), (session.pk, seats[1].pk, "online"), (session.pk, seats[2].pk, "online"),
         (session.pk, seats[3].pk, "written")])
    # Every total is a single row, created at the first cast all together: the rows' order says nothing.
    rows = list(VoteCount.objects.filter(item=item).order_by("pk").values("item", "choice", "lower_form", "count"))
    assert rows == [
        {"item": item.pk, "choice": "agree", "lower_form": None, "count": 1},
        {"item": item.pk, "choice": "disagree", "lower_form": None, "count": 1},
        {"item": item.pk, "choice": "invalid", "lower_form": None, "count": 1},
        {"item": item.pk, "choice": "lower", "lower_form": bottom.pk, "count": 1},
    ]
    # A cast writes no history row anywhere on the session.
    assert CouncilSession.history.filter(id=session.pk, history_type="~").count() == 0
    assert SessionMember.history.filter(session_id=session.pk, history_type="~").count() == 0
    assert AgendaItem.history.filter(session_id=session.pk, history_type="~").count() == 0


@pytest.mark.django_db
def test_cast_ballot_creates_every_count_row_at_the_first_cast_and_none_after():
    top, middle, bottom = form_chain()
    session, seats, (first, second) = open_session(3, forms=[middle, top])
    vote(session, seats[0], {first: (AGREE, None), second: (LOWER, bottom)})
    after_first = sorted(VoteCount.objects.filter(item__session=session).values_list("pk", flat=True))
    vote(session, seats[1], {first: (DISAGREE, None), second: (LOWER, middle)})

    assert sorted(VoteCount.objects.filter(item__session=session).values_list("pk", flat=True)) == after_first
    assert len(after_first) == 4 + 5
    assert counts(session) == sorted([
        (first.pk, "agree", None, 1), (first.pk, "disagree", None, 1), (first.pk, "invalid", None, 0),
        (first.pk, "lower", bottom.pk, 0),
        (second.pk, "agree", None, 0), (second.pk, "disagree", None, 0), (second.pk, "invalid", None, 0),
        (second.pk, "lower", middle.pk, 1), (second.pk, "lower", bottom.pk, 1),
    ])


@pytest.mark.skipif(django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                    reason="xmin is PostgreSQL's")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cast_ballot_every_count_row_carries_each_casters_transaction():
    top, middle, bottom = form_chain()
    session, seats, items = open_session(3, forms=[middle, top])

    def xmins():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT xmin::text FROM {VoteCount._meta.db_table} WHERE item_id = ANY(%s)",
                           [[item.pk for item in items]])
            return [row[0] for row in cursor.fetchall()]

    vote(session, seats[0], all_items(items, AGREE))
    first = xmins()
    vote(session, seats[1], {items[0]: (DISAGREE, None), items[1]: (LOWER, bottom)})
    second = xmins()
    assert (len(first), len(second)) == (1, 1)
    assert first != second


# --- Concurrency (PostgreSQL) --------------------------------------------------------------------------------------


@pytest.mark.skipif(django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                    reason="row locks and concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cast_ballot_two_requests_at_once_count_once():
    assert connection.vendor == "postgresql"
    session, seats, items = open_session(3, forms=[single_form()])
    barrier = threading.Barrier(2)
    outcomes = []

    def cast():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            cast_ballot(CouncilSession.objects.get(pk=session.pk), member=seats[0],
                        choices={items[0].pk: (AGREE, None)}, kind=BallotKind.ONLINE, by=seats[0].user)
            outcomes.append("cast")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=cast) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Thành viên này đã bỏ phiếu trong phiên họp.", "cast"]
    assert Ballot.objects.filter(session=session).count() == 1
    assert VoteCount.objects.get(item=items[0], choice=AGREE).count == 1


# --- Closing -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_close_ballot_nine_members_threshold_eighty_percent():
    form = AwardFormFactory(code="test_eighty", council_threshold=Decimal(80))
    session, seats, (fails, passes) = open_session(9, forms=[form, form], absent=2)
    staff = StaffFactory()
    for index, seat in enumerate(seats):
        kind = BallotKind.WRITTEN if index >= 7 else BallotKind.ONLINE
        choices = {fails: (AGREE if index < 7 else DISAGREE, None), passes: (AGREE if index < 8 else DISAGREE, None)}
        vote(session, seat, choices, kind=kind, by=staff if kind == BallotKind.WRITTEN else None)
    close_ballot(session, by=session.chair.user)

    fails.refresh_from_db()
    passes.refresh_from_db()
    assert (fails.agree, fails.disagree, fails.lower, fails.invalid, fails.not_voted) == (7, 2, 0, 0, 0)
    assert (fails.outcome, fails.awarded_form) == (Outcome.FAILED, None)
    # The eighth agreeing vote is an absent member's written opinion: it counts.
    assert (passes.agree, passes.disagree, passes.outcome, passes.awarded_form) == (8, 1, Outcome.PASSED, form)


@pytest.mark.django_db
def test_close_ballot_counts_on_all_members_not_those_who_voted():
    form = AwardFormFactory(code="test_eighty", council_threshold=Decimal(80))
    session, seats, (item,) = open_session(9, forms=[form])
    for seat in seats[:7]:
        vote(session, seat, {item: (AGREE, None)})
    close_ballot(session, by=session.chair.user)
    item.refresh_from_db()
    # 7 of the 7 who voted agree, but 7/9 = 77,78 % of the council: not enough.
    assert (item.agree, item.not_voted, item.outcome) == (7, 2, Outcome.FAILED)


@pytest.mark.django_db
def test_close_ballot_lower_votes_pass_at_the_lower_form():
    top, middle, bottom = form_chain()
    session, seats, (item, other) = open_session(9, forms=[top, top])
    choices = [AGREE] * 5 + [LOWER] * 3 + [DISAGREE]
    for seat, choice in zip(seats, choices):
        vote(session, seat, {item: (choice, middle if choice == LOWER else None),
                             other: (choice, bottom if choice == LOWER else None)})
    close_ballot(session, by=session.chair.user)
    item.refresh_from_db()
    other.refresh_from_db()
    assert (item.agree, item.lower, item.disagree, item.outcome, item.awarded_form) == (
        5, 3, 1, Outcome.PASSED_LOWER, middle)
    assert (other.lower, other.outcome, other.awarded_form) == (3, Outcome.PASSED_LOWER, bottom)


@pytest.mark.django_db
def test_close_ballot_only_by_the_chair_and_writes_one_history_row():
    session, seats, items = open_session(3, forms=[single_form()])
    for user in (seats[1].user, StaffFactory()):
        with pytest.raises(ValidationError):
            close_ballot(session, by=user)
    close_ballot(session, by=session.chair.user)
    session.refresh_from_db()
    assert (session.status, session.closed_by) == (SessionStatus.CLOSED, session.chair.user)
    assert session.closed_at is not None
    assert list(CouncilSession.history.filter(id=session.pk, history_type="~").values_list("history_change_reason", "status")) == [
        ("Kết thúc bỏ phiếu", "closed")]
    items[0].refresh_from_db()
    assert (items[0].agree, items[0].not_voted, items[0].outcome) == (0, 3, Outcome.FAILED)


@pytest.mark.django_db
def test_closed_ballot_cannot_change():
    _top, middle, _bottom = form_chain()
    session, seats, (item,) = open_session(3, forms=[middle])
    vote(session, seats[0], {item: (AGREE, None)})
    close_ballot(session, by=session.chair.user)
    before = counts(session)
    item.refresh_from_db()
    tally = (item.agree, item.disagree, item.lower, item.invalid, item.not_voted, item.outcome)

    with pytest.raises(ValidationError):
        vote(session, seats[1], {item: (AGREE, None)})
    with pytest.raises(ValidationError):
        vote(session, seats[2], {item: (DISAGREE, None)}, kind=BallotKind.PAPER)
    with pytest.raises(ValidationError):
        close_ballot(session, by=session.chair.user)
    staff = StaffFactory()
    seat = SessionMember.objects.get(session=session, member=seats[1])
    with pytest.raises(ValidationError):
        set_attendance(session, rows={seat: Attendance.ABSENT}, by=staff)
    with pytest.raises(ValidationError):
        update_session(session, values={}, nominations=[], by=staff, reason="Bỏ người được đề nghị")
    assert AgendaItem.objects.filter(session=session).count() == 1
    assert SessionMember.objects.get(pk=seat.pk).attendance == Attendance.PRESENT

    assert counts(session) == before
    assert Ballot.objects.filter(session=session).count() == 1
    item.refresh_from_db()
    assert (item.agree, item.disagree, item.lower, item.invalid, item.not_voted, item.outcome) == tally


@pytest.mark.django_db
def test_close_ballot_refuses_a_form_without_threshold():
    form = AwardFormFactory(code="test_none", name="Hình thức chưa có ngưỡng", council_threshold=Decimal(80))
    session, seats, (item,) = open_session(3, forms=[form])
    vote(session, seats[0], {item: (AGREE, None)})
    type(form).objects.filter(pk=form.pk).update(council_threshold=None)
    with pytest.raises(ValidationError) as error:
        close_ballot(session, by=session.chair.user)
    assert error.value.messages == [
        "Hình thức Hình thức chưa có ngưỡng chưa có ngưỡng biểu quyết của Hội đồng: không tính được kết quả."]
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.OPEN


# --- Minutes -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_minutes_context_is_plain_and_complete():
    form = AwardFormFactory(code="test_eighty", council_threshold=Decimal(80))
    session, seats, (item,) = open_session(3, forms=[form], absent=1)
    vote(session, seats[0], {item: (AGREE, None)})
    vote(session, seats[2], {item: (AGREE, None)}, kind=BallotKind.WRITTEN)
    close_ballot(session, by=session.chair.user)
    session.refresh_from_db()
    context = minutes_context(session)
    nomination = item.nomination

    assert context["title"] == "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"
    assert (context["time"], context["place"], context["member_count"], context["ballot_count"]) == (
        "20/11/2019 15:00", "Phòng họp số 1, UBND tỉnh Lạng Sơn", 3, 2)
    assert context["chair"]["name"] == str(session.chair.user)
    assert [person["name"] for person in context["present"]] == [str(seats[0].user), str(seats[1].user)]
    assert [(person["name"], person["written_opinion"]) for person in context["absent"]] == [
        (str(seats[2].user), True)]
    assert context["nominees"] == [{
        "form": form.name, "kind": "Cá nhân", "name": str(nomination.person), "unit": str(nomination.person.unit),
        "agree": 2, "disagree": 0, "lower": 0, "invalid": 0, "not_voted": 1, "share": "2/3 = 66,67 %",
        "lower_share": "", "outcome": "Không đạt", "awarded_form": "",
    }]


@pytest.mark.django_db
def test_minutes_list_the_chair_vice_chairs_secretary_then_members():
    form = AwardFormFactory(code="test_eighty", council_threshold=Decimal(80))
    session, seats, _items = open_session(4, forms=[form])
    for seat, role in zip(seats[1:], ["member", "secretary", "vice_chair"]):
        seat.role = role
        seat.save()
    close_ballot(session, by=session.chair.user)
    session.refresh_from_db()

    assert [person["role"] for person in minutes_context(session)["present"]] == [
        "Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Thư ký Hội đồng", "Ủy viên"]


@pytest.mark.django_db
def test_session_minutes_show_not_voted_and_the_share_that_passed_a_lower_form():
    top, middle, _bottom = form_chain()
    session, seats, (item,) = open_session(5, forms=[top])
    for seat, choice in zip(seats, [AGREE, AGREE, LOWER, LOWER]):
        vote(session, seat, {item: (choice, middle if choice == LOWER else None)})
    close_ballot(session, by=session.chair.user)
    session.refresh_from_db()
    (row,) = minutes_context(session)["nominees"]
    assert (row["agree"], row["lower"], row["not_voted"], row["share"], row["lower_share"], row["awarded_form"]) == (
        2, 2, 1, "2/5 = 40,00 %", "4/5 = 80,00 %", middle.name)


@pytest.mark.django_db
def test_ballot_nominee_unit_is_the_collective_itself_or_the_holders_unit():
    form = single_form()
    _session, _seats, (person_item,) = open_session(2, forms=[form])
    collective = UnitFactory()
    nomination = NominationFactory(batch=person_item.nomination.batch, award_form=form, status="forwarded",
                                   recipient_kind="collective", person=None, unit=collective)
    assert nominee_unit(person_item.nomination) == person_item.nomination.person.unit
    assert nominee_unit(nomination) == collective
