"""The council's screens: who sees which session, the conflict mark, attachments for members, query counts."""

import datetime

import pytest
from django.urls import reverse

from awards.models import CouncilSession
from portal.tests.factories import (
    AgendaItemFactory,
    BatchFactory,
    CampaignFactory,
    CouncilMemberFactory,
    NominationFactory,
    NominationFileFactory,
    PersonFactory,
    SessionFactory,
    SessionMemberFactory,
)
from portal.tests.helpers import query_count, signed_in


@pytest.fixture
def seat(dora):
    return dora.council_seats.get()


@pytest.fixture
def sitting(seat):
    """A session dora sits in, with one nominee on its agenda."""
    session = SessionFactory(chair=seat)
    SessionMemberFactory(session=session, member=seat)
    AgendaItemFactory(session=session)
    return session


def forwarded(campaign):
    batch = BatchFactory(campaign=campaign, status="forwarded",
                         submitted_at=datetime.datetime(2019, 10, 20, tzinfo=datetime.timezone.utc))
    return NominationFactory(batch=batch, status="forwarded")


def test_member_sees_only_the_sessions_they_sit_in(role_clients, sitting):
    elsewhere = SessionFactory()
    SessionMemberFactory(session=elsewhere)
    response = role_clients["council"].get(reverse("awards:session_list"))
    assert list(response.context["sessions"]) == [sitting]
    assert role_clients["council"].get(reverse("awards:session_detail", args=[elsewhere.pk])).status_code == 404


def test_officers_never_see_a_session(role_clients, sitting):
    url = reverse("awards:session_detail", args=[sitting.pk])
    assert role_clients["officer"].get(url).status_code == 404
    assert role_clients["officer"].get(reverse("awards:session_list")).status_code == 403


def test_member_sees_conflict_for_a_nominee_of_their_unit_only(role_clients, seat, sitting):
    own = AgendaItemFactory(session=sitting, nomination=forwarded(sitting.campaign))
    own.nomination.person = PersonFactory(unit=seat.unit)
    own.nomination.save()
    response = role_clients["council"].get(reverse("awards:session_detail", args=[sitting.pk]))
    marks = {item.pk: item.conflict for group in response.context["groups"] for item in group["items"]}
    assert marks == {item.pk: item.pk == own.pk for item in sitting.items.all()}
    assert response.content.decode().count("Xung đột lợi ích") == 1
    page = role_clients["council"].get(reverse("awards:agenda_item", args=[sitting.pk, own.pk]))
    assert page.context["conflict"] is True


def test_staff_sees_no_conflict(role_clients, seat, sitting):
    item = sitting.items.get()
    item.nomination.person.unit = seat.unit
    item.nomination.person.save()
    response = role_clients["staff"].get(reverse("awards:session_detail", args=[sitting.pk]))
    assert "Xung đột lợi ích" not in response.content.decode()


def test_member_downloads_an_agenda_nominees_attachment_only(role_clients, sitting):
    nomination = sitting.items.get().nomination
    on_agenda = NominationFileFactory(batch=nomination.batch, nomination=nomination, original_name="bao-cao.pdf")
    other = NominationFactory()
    elsewhere = NominationFileFactory(batch=other.batch, nomination=other)
    letter = NominationFileFactory(batch=nomination.batch)
    client = role_clients["council"]
    response = client.get(reverse("awards:file_download", args=[on_agenda.pk]))
    assert (response.status_code, response["Content-Disposition"].startswith("attachment")) == (200, True)
    assert client.get(reverse("awards:file_download", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("awards:file_download", args=[letter.pk])).status_code == 404


def test_member_of_another_session_cannot_download(db, sitting):
    nomination = sitting.items.get().nomination
    file = NominationFileFactory(batch=nomination.batch, nomination=nomination)
    outsider = CouncilMemberFactory().user
    assert signed_in(outsider).get(reverse("awards:file_download", args=[file.pk])).status_code == 404


def test_agenda_item_links_previous_and_next(role_clients, sitting):
    second = AgendaItemFactory(session=sitting)
    first = sitting.items.order_by("position").first()
    response = role_clients["council"].get(reverse("awards:agenda_item", args=[sitting.pk, first.pk]))
    assert (response.context["previous_pk"], response.context["next_pk"]) == (None, second.pk)


def test_agenda_item_of_another_session_is_404(role_clients, sitting):
    other = AgendaItemFactory()
    url = reverse("awards:agenda_item", args=[sitting.pk, other.pk])
    assert role_clients["staff"].get(url).status_code == 404


def test_staff_creates_a_session_with_its_agenda(role_clients, seat):
    campaign = CampaignFactory()
    nomination = forwarded(campaign)
    url = reverse("awards:session_create") + f"?campaign={campaign.pk}"
    page = role_clients["staff"].get(url)
    assert [item.pk for group in page.context["groups"] for item in group["items"]] == [nomination.pk]
    response = role_clients["staff"].post(url, {
        "title": "Phiên họp xét khen thưởng", "day": "2019-11-20", "time": "08:00", "place": "Phòng họp số 1",
        "chair": seat.pk, "secretary": seat.pk, "nominations": [nomination.pk]})
    session = CouncilSession.objects.get()
    assert response.url == session.get_absolute_url()
    assert list(session.items.values_list("nomination_id", flat=True)) == [nomination.pk]
    assert list(session.members.values_list("member_id", flat=True)) == [seat.pk]


def test_edit_needs_a_reason_and_only_while_preparing(role_clients, seat, sitting):
    url = reverse("awards:session_edit", args=[sitting.pk])
    item = sitting.items.get()
    data = {"title": "Phiên họp mới", "day": "2019-11-21", "time": "14:00", "place": "Hội trường",
            "chair": seat.pk, "secretary": seat.pk, "nominations": [item.nomination_id]}
    response = role_clients["staff"].post(url, data)
    assert response.context["form"].errors == {"reason": ["Trường này là bắt buộc."]}
    response = role_clients["staff"].post(url, {**data, "reason": "Đổi giờ họp"})
    sitting.refresh_from_db()
    assert (response.status_code, sitting.title) == (302, "Phiên họp mới")
    sitting.status = "open"
    sitting.member_count = 1
    sitting.save()
    assert role_clients["staff"].get(url).status_code == 403


def test_open_posts_and_shows_refusal(role_clients, sitting):
    url = reverse("awards:session_open", args=[sitting.pk])
    response = role_clients["staff"].post(url)
    sitting.refresh_from_db()
    assert (response.status_code, sitting.status, sitting.member_count) == (302, "open", 1)


def test_open_refuses_an_empty_agenda(role_clients, seat):
    session = SessionFactory(chair=seat)
    SessionMemberFactory(session=session, member=seat)
    response = role_clients["staff"].post(reverse("awards:session_open", args=[session.pk]), follow=True)
    assert "Phiên họp chưa có người được đề nghị nào: không mở bỏ phiếu được." in response.content.decode()
    session.refresh_from_db()
    assert session.status == "preparing"


def test_attendance_saves_the_roll(role_clients, sitting):
    row = sitting.members.get()
    response = role_clients["staff"].post(reverse("awards:session_attendance", args=[sitting.pk]), {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": row.pk, "form-0-attendance": "present"})
    row.refresh_from_db()
    assert (response.status_code, row.attendance) == (302, "present")


def test_member_sees_vote_button_on_open_session_and_home(role_clients, sitting):
    sitting.status = "open"
    sitting.member_count = 1
    sitting.save()
    ballot_url = reverse("awards:ballot", args=[sitting.pk])
    detail = role_clients["council"].get(reverse("awards:session_detail", args=[sitting.pk])).content.decode()
    home = role_clients["council"].get(reverse("council_home")).content.decode()
    assert (ballot_url in detail, ballot_url in home) == (True, True)


def test_council_members_lists_serving_first(role_clients, seat):
    former = CouncilMemberFactory(term_start=datetime.date(2011, 7, 1), term_end=datetime.date(2016, 6, 30))
    response = role_clients["council"].get(reverse("awards:council_members"))
    assert list(response.context["members"]) == [seat, former]
    staff = role_clients["staff"].get(reverse("awards:council_members")).content.decode()
    assert reverse("admin:awards_councilmember_changelist") in staff


@pytest.mark.parametrize("role", ["staff", "council"])
def test_session_list_query_count_does_not_grow(role_clients, seat, django_assert_num_queries, role):
    def add():
        session = SessionFactory(chair=seat)
        SessionMemberFactory(session=session, member=seat)
        AgendaItemFactory(session=session)

    add()
    client, url = role_clients[role], reverse("awards:session_list")
    with_one = query_count(client, url)
    for _ in range(5):
        add()
    with django_assert_num_queries(with_one):
        client.get(url)


@pytest.mark.parametrize("role", ["staff", "council"])
def test_session_detail_query_count_does_not_grow(role_clients, seat, sitting, django_assert_num_queries, role):
    client, url = role_clients[role], reverse("awards:session_detail", args=[sitting.pk])
    with_one = query_count(client, url)
    for _ in range(5):
        AgendaItemFactory(session=sitting)
        SessionMemberFactory(session=sitting)
    with django_assert_num_queries(with_one):
        client.get(url)


def test_council_home_query_count_does_not_grow(role_clients, seat, django_assert_num_queries):
    client, url = role_clients["council"], reverse("council_home")
    session = SessionFactory(chair=seat)
    SessionMemberFactory(session=session, member=seat)
    with_one = query_count(client, url)
    for _ in range(5):
        SessionMemberFactory(session=SessionFactory(chair=seat), member=seat)
    with django_assert_num_queries(with_one):
        client.get(url)


def test_attendance_ignores_extra_forms_in_a_crafted_post(role_clients, sitting):
    row = sitting.members.get()
    response = role_clients["staff"].post(reverse("awards:session_attendance", args=[sitting.pk]), {
        "form-TOTAL_FORMS": "5", "form-INITIAL_FORMS": "1", "form-0-id": row.pk, "form-0-attendance": "present",
        "form-1-id": "", "form-1-attendance": "absent", "form-3-attendance": "present"})
    row.refresh_from_db()
    assert (response.status_code, row.attendance, sitting.members.count()) == (302, "present", 1)


def test_attendance_refuses_a_crafted_row_of_another_session(role_clients, sitting):
    row = sitting.members.get()
    other = SessionMemberFactory(session=SessionFactory())
    response = role_clients["staff"].post(reverse("awards:session_attendance", args=[sitting.pk]), {
        "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3", "form-0-id": other.pk, "form-0-attendance": "present",
        "form-1-id": row.pk, "form-1-attendance": "present"})
    row.refresh_from_db()
    other.refresh_from_db()
    assert (response.status_code, row.attendance, other.attendance) == (200, "unknown", "unknown")
    assert "Danh sách điểm danh không hợp lệ: hãy tải lại trang." in response.content.decode()
