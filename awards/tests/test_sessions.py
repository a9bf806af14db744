"""Council sessions: creation with the members serving on the date, the agenda of forwarded nominees, editing while
preparing, the roll, opening the ballot."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.forms.sessions import SessionForm
from awards.models import (
    AgendaItem,
    AwardForm,
    CouncilRole,
    CouncilSession,
    SessionMember,
)
from awards.selectors.sessions import (
    available_nominees,
    council_members,
    group_agenda,
    seat_units,
    session_for_page,
)
from awards.services import eligibility
from awards.services.sessions import (
    _guard_nominations,
    create_session,
    open_ballot,
    set_attendance,
    update_session,
)
from portal.tests.factories import (
    AgendaItemFactory,
    BatchFactory,
    CampaignFactory,
    CouncilMemberFactory,
    NominationFactory,
    PersonFactory,
    SessionFactory,
    SessionMemberFactory,
    UnitFactory,
)

MEETS_AT = datetime.datetime(2019, 11, 20, 8, 0, tzinfo=datetime.timezone.utc)


def forwarded(campaign, from_unit=None, **kwargs):
    batch = BatchFactory(campaign=campaign, status="forwarded", unit=from_unit or UnitFactory(),
                         submitted_at=datetime.datetime(2019, 10, 20, tzinfo=datetime.timezone.utc))
    return NominationFactory(batch=batch, status="forwarded", **kwargs)


@pytest.fixture
def council(db):
    chair = CouncilMemberFactory(role=CouncilRole.CHAIR)
    secretary = CouncilMemberFactory(role=CouncilRole.SECRETARY)
    member = CouncilMemberFactory()
    former = CouncilMemberFactory(term_start=datetime.date(2011, 7, 1), term_end=datetime.date(2016, 6, 30))
    return {"chair": chair, "secretary": secretary, "member": member, "former": former}


def values(council, **changes):
    return {"title": "Phiên họp xét khen thưởng", "meets_at": MEETS_AT, "place": "Phòng họp số 1",
            "chair": council["chair"], "secretary": council["secretary"], **changes}


def test_create_session_seats_members_serving_on_the_date(council, alice):
    campaign = CampaignFactory()
    nomination = forwarded(campaign)
    session = create_session(campaign=campaign, values=values(council), nominations=[nomination], by=alice)
    sitting = set(session.members.values_list("member_id", flat=True))
    assert sitting == {council["chair"].pk, council["secretary"].pk, council["member"].pk}
    assert list(session.items.values_list("nomination_id", flat=True)) == [nomination.pk]
    assert (session.status, session.created_by, session.history.first().history_user) == ("preparing", alice, alice)


def test_create_session_refuses_a_chair_not_serving_on_the_date(council, alice):
    campaign = CampaignFactory()
    with pytest.raises(ValidationError) as error:
        create_session(campaign=campaign, values=values(council, chair=council["former"]), nominations=[],
                       by=alice)
    assert error.value.message_dict == {"chair": ["Người này không là thành viên Hội đồng vào ngày họp."]}


def test_agenda_takes_only_forwarded_nominees_not_on_an_agenda(council, alice):
    campaign = CampaignFactory()
    free = forwarded(campaign)
    pending = NominationFactory(batch=free.batch, status="meets")
    taken = AgendaItemFactory(session=SessionFactory(campaign=campaign)).nomination
    other_campaign = forwarded(CampaignFactory())
    assert list(available_nominees(campaign)) == [free]
    for refused in (pending, taken, other_campaign):
        with pytest.raises(ValidationError):
            create_session(campaign=campaign, values=values(council), nominations=[refused], by=alice)


def test_agenda_positions_follow_award_form_then_recipient_kind(council, alice):
    campaign = CampaignFactory()
    individual = forwarded(campaign)
    unit = UnitFactory()
    collective = forwarded(campaign, unit=unit, recipient_kind="collective", person=None)
    session = create_session(campaign=campaign, values=values(council), nominations=[individual, collective],
                             by=alice)
    assert list(session.items.values_list("nomination_id", "position")) == [(collective.pk, 1), (individual.pk, 2)]


def test_update_session_changes_the_agenda_while_preparing(council, alice):
    campaign = CampaignFactory()
    kept, dropped, added = forwarded(campaign), forwarded(campaign), forwarded(campaign)
    session = create_session(campaign=campaign, values=values(council), nominations=[kept, dropped], by=alice)
    update_session(session, values=values(council, place="Hội trường tầng 3"), nominations=[kept, added],
                   by=alice, reason="Bổ sung một người")
    session.refresh_from_db()
    assert session.place == "Hội trường tầng 3"
    assert set(session.items.values_list("nomination_id", flat=True)) == {kept.pk, added.pk}
    assert not AgendaItem.objects.filter(nomination=dropped).exists()
    assert session.history.first().history_change_reason == "Bổ sung một người"


def test_update_session_is_refused_once_open(council, alice):
    campaign = CampaignFactory()
    nomination = forwarded(campaign)
    session = create_session(campaign=campaign, values=values(council), nominations=[nomination], by=alice)
    open_ballot(session, by=alice)
    with pytest.raises(ValidationError) as error:
        update_session(session, values=values(council), nominations=[], by=alice, reason="Sửa")
    assert error.value.messages == ["Phiên họp đã mở bỏ phiếu: không sửa được nữa."]
    assert session.items.count() == 1


def test_open_ballot_fixes_member_count(council, alice):
    campaign = CampaignFactory()
    session = create_session(campaign=campaign, values=values(council), nominations=[forwarded(campaign)], by=alice)
    open_ballot(session, by=alice)
    session.refresh_from_db()
    assert (session.status, session.member_count, session.opened_at is not None) == ("open", 3, True)


def test_open_ballot_refuses_an_empty_agenda(council, alice):
    session = create_session(campaign=CampaignFactory(), values=values(council), nominations=[], by=alice)
    with pytest.raises(ValidationError) as error:
        open_ballot(session, by=alice)
    assert error.value.messages == ["Phiên họp chưa có người được đề nghị nào: không mở bỏ phiếu được."]
    session.refresh_from_db()
    assert (session.status, session.member_count) == ("preparing", None)


def test_open_ballot_refuses_a_session_without_members(db, alice):
    session = SessionFactory()
    AgendaItemFactory(session=session)
    with pytest.raises(ValidationError) as error:
        open_ballot(session, by=alice)
    assert error.value.messages == ["Phiên họp chưa có thành viên Hội đồng nào: không mở bỏ phiếu được."]


def test_set_attendance_records_who_was_present(council, alice):
    campaign = CampaignFactory()
    session = create_session(campaign=campaign, values=values(council), nominations=[], by=alice)
    row = session.members.get(member=council["member"])
    set_attendance(session, rows={row: "absent"}, by=alice)
    row.refresh_from_db()
    assert (row.attendance, row.history.first().history_user) == ("absent", alice)


def test_set_attendance_is_refused_once_closed(council, alice):
    session = SessionFactory(status="closed", member_count=1)
    row = SessionMemberFactory(session=session)
    with pytest.raises(ValidationError):
        set_attendance(session, rows={row: "present"}, by=alice)
    assert SessionMember.objects.get(pk=row.pk).attendance == "unknown"


def test_conflict_marks_only_nominees_of_the_members_unit(db):
    campaign = CampaignFactory()
    home = UnitFactory()
    seat = CouncilMemberFactory(unit=home)
    session = SessionFactory(campaign=campaign)
    SessionMemberFactory(session=session, member=seat)
    own = AgendaItemFactory(session=session, nomination=forwarded(campaign, person=PersonFactory(unit=home)))
    other = AgendaItemFactory(session=session, nomination=forwarded(campaign))
    units = seat_units(seat.user, session)
    items = [item for group in group_agenda(session.items.order_by("position"), eligibility.verdict, units)
             for item in group["items"]]
    assert {item.pk: item.conflict for item in items} == {own.pk: True, other.pk: False}


def test_create_session_seats_a_person_with_two_seats_once_through_the_best_ranked(council, alice):
    vice_chair = CouncilMemberFactory(user=council["member"].user, role=CouncilRole.VICE_CHAIR)
    campaign = CampaignFactory()
    session = create_session(campaign=campaign, values=values(council), nominations=[], by=alice)
    sitting = sorted(session.members.values_list("member_id", flat=True))
    assert sitting == sorted([council["chair"].pk, council["secretary"].pk, vice_chair.pk])


def test_update_session_seats_a_person_with_two_seats_once(council, alice):
    campaign = CampaignFactory()
    session = create_session(campaign=campaign, values=values(council), nominations=[], by=alice)
    vice_chair = CouncilMemberFactory(user=council["member"].user, role=CouncilRole.VICE_CHAIR)
    later = MEETS_AT + datetime.timedelta(days=1)
    update_session(session, values=values(council, meets_at=later), nominations=[], by=alice, reason="Đổi ngày")
    sitting = sorted(session.members.values_list("member_id", flat=True))
    assert sitting == sorted([council["chair"].pk, council["secretary"].pk, vice_chair.pk])


def test_open_ballot_refuses_a_form_without_council_threshold(council, alice):
    campaign = CampaignFactory()
    nomination = forwarded(campaign)
    AwardForm.objects.filter(pk=nomination.award_form_id).update(council_threshold=None)
    session = create_session(campaign=campaign, values=values(council), nominations=[nomination], by=alice)
    with pytest.raises(ValidationError) as error:
        open_ballot(session, by=alice)
    assert error.value.messages == [f"Hình thức “{nomination.award_form.name}” chưa có ngưỡng đồng ý của Hội đồng: "
                                    "không mở bỏ phiếu được."]
    session.refresh_from_db()
    assert (session.status, session.member_count) == ("preparing", None)


def test_sitting_members_and_council_list_order_by_role_rank(council, alice):
    vice_chair = CouncilMemberFactory(role=CouncilRole.VICE_CHAIR)
    session = create_session(campaign=CampaignFactory(), values=values(council), nominations=[], by=alice)
    ranked = ["chair", "vice_chair", "secretary", "member"]
    sitting = session_for_page(CouncilSession.objects.filter(pk=session.pk)).get().sitting
    assert [row.member.role for row in sitting] == ranked
    serving = [member for member in council_members(MEETS_AT.date()) if member.serving]
    assert [member.role for member in serving] == ranked
    form = SessionForm(nominees=available_nominees(session.campaign))
    assert list(form.fields["chair"].queryset)[:4] == [council["chair"], vice_chair, council["secretary"],
                                                       council["member"]]


def test_guard_of_nominees_reads_the_agenda_once(council, alice, django_assert_num_queries):
    campaign = CampaignFactory()
    nominations = list(available_nominees(campaign).filter(pk__in=[forwarded(campaign).pk for _ in range(3)]))
    with django_assert_num_queries(1):
        _guard_nominations(campaign, nominations)
