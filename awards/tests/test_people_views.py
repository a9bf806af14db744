"""Screens of people, households, initiatives, discipline and rosters."""

import datetime
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Discipline, Initiative, Person, Rating, RosterEntry
from awards.services import people as services
from portal.tests.factories import CampaignFactory, HouseholdFactory, PersonFactory, UnitFactory, UserFactory
from portal.tests.helpers import query_count, signed_in

pytestmark = pytest.mark.django_db


def person_post(unit, **overrides):
    return {"unit": unit.pk, "full_name": "Hoàng Văn Thụ", "gender": "male", "birth_year": 1980, "ethnicity": "Tày",
            "position": "Chuyên viên", "department": "", "category": "worker", "is_active": "on", **overrides}


def discipline_post(**overrides):
    return {"kind": "Khiển trách", "decision": "", "starts_on": "2019-01-01", "ends_on": "", "note": "", **overrides}


# --- Lists ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "officer"])
def test_person_list_query_count_does_not_grow(role_clients, unit_a, role):
    url = reverse("awards:person_list")
    PersonFactory(unit=unit_a)
    with_one = query_count(role_clients[role], url)
    PersonFactory.create_batch(60, unit=unit_a)
    assert query_count(role_clients[role], url) == with_one


@pytest.mark.parametrize("role", ["staff", "officer"])
def test_household_list_query_count_does_not_grow(role_clients, unit_a, role):
    url = reverse("awards:household_list")
    HouseholdFactory(unit=unit_a)
    with_one = query_count(role_clients[role], url)
    HouseholdFactory.create_batch(60, unit=unit_a)
    assert query_count(role_clients[role], url) == with_one


def listed(response):
    return [person.full_name for person in response.context["person_list"]]


def test_person_list_is_in_vietnamese_name_order(role_clients, unit_a):
    for name in ["Lê Thị Bình", "Đỗ Văn Đức", "Nguyễn Văn An", "Hoàng Văn Dũng"]:
        PersonFactory(unit=unit_a, full_name=name)
    response = role_clients["officer"].get(reverse("awards:person_list"))
    assert listed(response) == ["Nguyễn Văn An", "Lê Thị Bình", "Hoàng Văn Dũng", "Đỗ Văn Đức"]


def test_person_list_shows_an_officer_only_their_units_people(role_clients, unit_a, unit_b):
    PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    PersonFactory(unit=unit_b, full_name="Lê Thị Bình")
    assert listed(role_clients["officer"].get(reverse("awards:person_list"))) == ["Nguyễn Văn An"]
    assert listed(role_clients["other_officer"].get(reverse("awards:person_list"))) == ["Lê Thị Bình"]


def test_person_list_search_ignores_marks_and_finds_positions(role_clients, unit_a):
    PersonFactory(unit=unit_a, full_name="Đỗ Văn Đức", position="Kế toán")
    PersonFactory(unit=unit_a, full_name="Nguyễn Văn An", position="Trưởng phòng")
    url = reverse("awards:person_list")
    assert listed(role_clients["staff"].get(url, {"q": "do van duc"})) == ["Đỗ Văn Đức"]
    assert listed(role_clients["staff"].get(url, {"q": "truong phong"})) == ["Nguyễn Văn An"]


def test_person_list_filters_by_unit_category_gender_and_activity(role_clients, unit_a, unit_b):
    PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    PersonFactory(unit=unit_a, full_name="Lê Thị Bình", gender="female", category="section_head")
    PersonFactory(unit=unit_b, full_name="Trần Văn Cường", is_active=False)
    url, client = reverse("awards:person_list"), role_clients["staff"]
    assert listed(client.get(url, {"unit": unit_b.code})) == ["Trần Văn Cường"]
    assert listed(client.get(url, {"gender": "female"})) == ["Lê Thị Bình"]
    assert listed(client.get(url, {"category": "section_head"})) == ["Lê Thị Bình"]
    assert listed(client.get(url, {"is_active": "no"})) == ["Trần Văn Cường"]


def test_person_list_unit_filter_finds_only_an_officers_units(role_clients, unit_a, unit_b):
    PersonFactory(unit=unit_a, full_name="Hoàng Văn Thụ")
    PersonFactory(unit=unit_b, full_name="Trần Văn Cường")
    url = reverse("awards:person_list")
    assert listed(role_clients["officer"].get(url, {"unit": "văn quan"})) == ["Hoàng Văn Thụ"]
    assert listed(role_clients["officer"].get(url, {"unit": unit_b.code})) == []


def test_person_list_empty_state(role_clients, unit_a):
    response = role_clients["officer"].get(reverse("awards:person_list"))
    assert "Chưa có cá nhân nào." in response.content.decode()


def test_person_list_bad_page_shows_the_last_page(role_clients, unit_a):
    PersonFactory.create_batch(51, unit=unit_a)
    response = role_clients["officer"].get(reverse("awards:person_list"), {"page": "99"})
    assert (response.status_code, response.context["page_obj"].number) == (200, 2)


def test_household_list_search_ignores_marks(role_clients, unit_a):
    HouseholdFactory(unit=unit_a, head_name="Nông Văn Đức", commune="Xã Yên Phúc")
    HouseholdFactory(unit=unit_a, head_name="Lý Thị Mai", commune="Xã Tân Đoàn")
    response = role_clients["officer"].get(reverse("awards:household_list"), {"q": "tan doan"})
    assert [h.head_name for h in response.context["household_list"]] == ["Lý Thị Mai"]


# --- Create and edit ------------------------------------------------------------------------------------------


def test_person_create_preselects_an_officers_only_unit(role_clients, unit_a):
    response = role_clients["officer"].get(reverse("awards:person_create"))
    field = response.context["form"].fields["unit"]
    assert (list(field.queryset), field.initial) == ([unit_a], unit_a.pk)


def test_person_create_stores_nfd_input_in_nfc(role_clients, unit_a, bob):
    typed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    response = role_clients["officer"].post(reverse("awards:person_create"), person_post(unit_a, full_name=typed))
    person = Person.objects.get()
    assert response.url == person.get_absolute_url()
    assert (person.full_name, person.created_by) == (unicodedata.normalize("NFC", "Nguyễn Thị Hồng"), bob)


def test_person_create_refuses_another_units_unit(role_clients, unit_a, unit_b):
    response = role_clients["officer"].post(reverse("awards:person_create"), person_post(unit_b))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["unit"]
    assert Person.objects.count() == 0


@pytest.mark.parametrize("name", ["awards:person_create", "awards:household_create"])
def test_create_needs_a_unit_to_manage_people_of(unit_a, name):
    officer_of_a_closed_unit = UserFactory(units=[UnitFactory(is_active=False)])
    assert signed_in(officer_of_a_closed_unit).get(reverse(name)).status_code == 403
    assert signed_in(officer_of_a_closed_unit).post(reverse(name), person_post(unit_a)).status_code == 403
    assert Person.objects.count() == 0


@pytest.mark.parametrize(("role", "status"), [("staff", 200), ("officer", 200), ("council", 403)])
def test_person_create_answers_who_may_add_people(role_clients, unit_a, role, status):
    assert role_clients[role].get(reverse("awards:person_create")).status_code == status


def test_staff_create_a_person_in_any_active_unit(role_clients, unit_b):
    response = role_clients["staff"].post(reverse("awards:person_create"), person_post(unit_b))
    assert (response.status_code, Person.objects.get().unit) == (302, unit_b)


@pytest.mark.parametrize("year", [1899, "next"])
def test_person_create_refuses_a_birth_year_out_of_range_in_vietnamese(role_clients, unit_a, year):
    this_year = timezone.localdate().year
    year = this_year + 1 if year == "next" else year
    response = role_clients["officer"].post(reverse("awards:person_create"), person_post(unit_a, birth_year=year))
    assert response.context["form"].errors == {"birth_year": [f"Năm sinh phải từ 1900 đến {this_year}."]}
    assert Person.objects.count() == 0


def test_person_edit_records_the_reason(role_clients, unit_a, bob):
    person = PersonFactory(unit=unit_a)
    data = person_post(unit_a, full_name=person.full_name, position="Trưởng phòng", reason="Bổ nhiệm")
    response = role_clients["officer"].post(reverse("awards:person_edit", args=[person.pk]), data)
    assert response.url == person.get_absolute_url()
    latest = person.history.first()
    assert (latest.position, latest.history_user, latest.history_change_reason) == ("Trưởng phòng", bob, "Bổ nhiệm")


def test_household_create_and_edit(role_clients, unit_a):
    client = role_clients["officer"]
    data = {"unit": unit_a.pk, "head_name": "Nông Văn Đức", "address": "Thôn Nà Pàn", "commune": "Xã Yên Phúc"}
    client.post(reverse("awards:household_create"), data)
    household = unit_a.households.get()
    client.post(reverse("awards:household_edit", args=[household.pk]), {**data, "commune": "Xã Tân Đoàn",
                                                                        "reason": "Sáp nhập xã"})
    household.refresh_from_db()
    assert (household.commune, household.history.first().history_change_reason) == ("Xã Tân Đoàn", "Sáp nhập xã")


def test_initiative_add_and_edit(role_clients, unit_a):
    person = PersonFactory(unit=unit_a)
    client = role_clients["officer"]
    data = {"year": 2018, "title": "Sổ tay số", "scope": "base", "recognised_by": ""}
    response = client.post(reverse("awards:initiative_add", args=[person.pk]), data)
    assert response.url == person.get_absolute_url()
    initiative = person.initiatives.get()
    client.post(reverse("awards:initiative_edit", args=[initiative.pk]), {**data, "scope": "province"})
    assert Initiative.objects.get().scope == "province"


def test_initiative_add_refuses_a_future_year_in_vietnamese(role_clients, unit_a):
    person = PersonFactory(unit=unit_a)
    year = timezone.localdate().year
    data = {"year": year + 1, "title": "Sổ tay số", "scope": "base"}
    response = role_clients["officer"].post(reverse("awards:initiative_add", args=[person.pk]), data)
    assert response.context["form"].errors == {"year": [f"Năm phải từ 1945 đến {year}."]}


# --- Discipline -------------------------------------------------------------------------------------------------


def test_person_discipline_add_refuses_end_before_start_in_vietnamese(role_clients, unit_a):
    person = PersonFactory(unit=unit_a)
    url = reverse("awards:person_discipline_add", args=[person.pk])
    response = role_clients["officer"].post(url, discipline_post(ends_on="2018-12-31"))
    assert response.context["form"].errors == {"ends_on": ["Ngày kết thúc không được trước ngày bắt đầu."]}
    assert Discipline.objects.count() == 0


def test_unit_discipline_add_records_the_collective(role_clients, unit_a):
    response = role_clients["staff"].post(reverse("awards:unit_discipline_add", args=[unit_a.pk]), discipline_post())
    assert response.url == reverse("awards:roster_years", args=[unit_a.pk])
    assert Discipline.objects.get().unit == unit_a


def test_discipline_edit_ends_it(role_clients, unit_a, bob):
    person = PersonFactory(unit=unit_a)
    discipline = services.record_discipline(
        person=person, values={"kind": "Khiển trách", "starts_on": datetime.date(2019, 1, 1)}, by=bob
    )
    data = discipline_post(ends_on="2019-12-31", reason="Hết thời hạn")
    response = role_clients["officer"].post(reverse("awards:discipline_edit", args=[discipline.pk]), data)
    assert response.url == person.get_absolute_url()
    discipline.refresh_from_db()
    assert discipline.ends_on == datetime.date(2019, 12, 31)


def test_unit_discipline_edit_is_open_to_the_units_officer(role_clients, unit_a, alice):
    discipline = services.record_discipline(
        unit=unit_a, values={"kind": "Đang bị điều tra", "starts_on": datetime.date(2019, 1, 1)}, by=alice
    )
    url = reverse("awards:discipline_edit", args=[discipline.pk])
    answers = {role: role_clients[role].get(url).status_code for role in ["officer", "other_officer", "council"]}
    assert answers == {"officer": 200, "other_officer": 404, "council": 404}


# --- Detail pages -----------------------------------------------------------------------------------------------


def test_person_detail_marks_a_discipline_in_force(role_clients, unit_a, bob):
    person = PersonFactory(unit=unit_a)
    services.record_discipline(person=person, values={"kind": "Cảnh cáo", "starts_on": datetime.date(2019, 1, 1)},
                               by=bob)
    response = role_clients["officer"].get(person.get_absolute_url())
    assert [d.in_force for d in response.context["disciplines"]] == [True]
    assert "Đang có hiệu lực" in response.content.decode()


def test_person_detail_without_open_campaign_says_why_there_are_no_suggestions(role_clients, unit_a):
    person = PersonFactory(unit=unit_a)
    CampaignFactory(status="closed")
    response = role_clients["officer"].get(person.get_absolute_url())
    assert response.context["campaign"] is None
    assert "Chưa có phong trào nào đang nhận đề nghị khen thưởng" in response.content.decode()


def test_person_detail_asks_suggestions_of_the_latest_open_campaign(role_clients, unit_a):
    person = PersonFactory(unit=unit_a)
    CampaignFactory(start_date=datetime.date(2018, 1, 1))
    latest = CampaignFactory(start_date=datetime.date(2019, 3, 1), status="evaluating")
    response = role_clients["officer"].get(person.get_absolute_url())
    assert response.context["campaign"] == latest


def test_person_detail_shows_roster_by_year_newest_first(role_clients, unit_a, bob):
    person = PersonFactory(unit=unit_a)
    services.save_roster(unit_a, 2017, entries=[(person, Rating.GOOD)], by=bob)
    services.save_roster(unit_a, 2018, entries=[(person, Rating.EXCELLENT)], by=bob)
    response = role_clients["officer"].get(person.get_absolute_url())
    assert [(e.year, e.rating) for e in response.context["roster"]] == [(2018, "excellent"), (2017, "good")]


# --- Scoping ----------------------------------------------------------------------------------------------------


def test_an_officer_of_another_unit_gets_404_on_every_object(unit_a, unit_b, charlie, bob):
    person = PersonFactory(unit=unit_a)
    household = HouseholdFactory(unit=unit_a)
    initiative = Initiative.objects.create(person=person, year=2018, title="Sáng kiến", scope="base")
    discipline = Discipline.objects.create(person=person, kind="Khiển trách", starts_on=datetime.date(2019, 1, 1))
    RosterEntry.objects.create(unit=unit_a, year=2018, person=person, rating="good")
    urls = [
        reverse("awards:person_detail", args=[person.pk]),
        reverse("awards:person_edit", args=[person.pk]),
        reverse("awards:initiative_add", args=[person.pk]),
        reverse("awards:initiative_edit", args=[initiative.pk]),
        reverse("awards:person_discipline_add", args=[person.pk]),
        reverse("awards:household_detail", args=[household.pk]),
        reverse("awards:household_edit", args=[household.pk]),
        reverse("awards:roster_years", args=[unit_a.pk]),
        reverse("awards:roster_edit", args=[unit_a.pk, 2018]),
        reverse("awards:unit_discipline_add", args=[unit_a.pk]),
        reverse("awards:discipline_edit", args=[discipline.pk]),
    ]
    client = signed_in(charlie)
    answers = {url: (client.get(url).status_code, client.post(url, {}).status_code) for url in urls}
    assert answers == {url: (404, 404) for url in urls}


def test_the_council_may_not_start_a_roster_year(role_clients, unit_a):
    response = role_clients["council"].post(reverse("awards:roster_years", args=[unit_a.pk]), {"year": 2019})
    assert response.status_code == 403


# --- Rosters ----------------------------------------------------------------------------------------------------


def roster_post(rows, initial=0):
    data = {"members-TOTAL_FORMS": len(rows), "members-INITIAL_FORMS": initial, "members-MIN_NUM_FORMS": 0,
            "members-MAX_NUM_FORMS": 1000}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"members-{index}-{key}"] = value
    return data


def test_roster_edit_saves_members_with_their_ratings(role_clients, unit_a):
    an = PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    binh = PersonFactory(unit=unit_a, full_name="Lê Thị Bình")
    url = reverse("awards:roster_edit", args=[unit_a.pk, 2018])
    rows = [{"person": an.pk, "rating": "excellent"}, {"person": binh.pk, "rating": "good"}, {}]
    response = role_clients["officer"].post(url, roster_post(rows))
    assert response.url == reverse("awards:roster_years", args=[unit_a.pk])
    entries = RosterEntry.objects.filter(unit=unit_a, year=2018).order_by("person__name_sort")
    assert [(e.person, e.rating) for e in entries] == [(an, "excellent"), (binh, "good")]


def test_roster_edit_removes_a_ticked_member(role_clients, unit_a, bob):
    an = PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    binh = PersonFactory(unit=unit_a, full_name="Lê Thị Bình")
    services.save_roster(unit_a, 2018, entries=[(an, Rating.GOOD), (binh, Rating.GOOD)], by=bob)
    rows = [{"person": an.pk, "rating": "good"}, {"person": binh.pk, "rating": "good", "DELETE": "on"}]
    role_clients["officer"].post(reverse("awards:roster_edit", args=[unit_a.pk, 2018]), roster_post(rows, initial=2))
    assert list(RosterEntry.objects.values_list("person__full_name", flat=True)) == ["Nguyễn Văn An"]


def test_roster_edit_refuses_a_duplicate_beside_the_row(role_clients, unit_a):
    an = PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    rows = [{"person": an.pk, "rating": "excellent"}, {"person": an.pk, "rating": "good"}]
    response = role_clients["officer"].post(reverse("awards:roster_edit", args=[unit_a.pk, 2018]), roster_post(rows))
    formset = response.context["formset"]
    assert [form.errors for form in formset.forms] == [
        {}, {"person": ["Người này đã có ở dòng khác: mỗi người chỉ một dòng mỗi năm."]}
    ]
    assert formset.non_form_errors() == ["Danh sách có người bị trùng: hãy sửa các dòng được đánh dấu."]
    assert RosterEntry.objects.count() == 0


def test_roster_edit_offers_only_the_units_people(role_clients, unit_a, unit_b):
    PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    stranger = PersonFactory(unit=unit_b, full_name="Vi Thị Lan")
    url = reverse("awards:roster_edit", args=[unit_a.pk, 2018])
    response = role_clients["staff"].post(url, roster_post([{"person": stranger.pk, "rating": "good"}]))
    assert list(response.context["formset"].forms[0].errors) == ["person"]
    assert RosterEntry.objects.count() == 0


def test_roster_years_starts_a_year_copying_the_last(role_clients, unit_a, bob):
    an = PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    services.save_roster(unit_a, 2018, entries=[(an, Rating.EXCELLENT)], by=bob)
    url = reverse("awards:roster_years", args=[unit_a.pk])
    response = role_clients["officer"].post(url, {"year": 2019, "copy_from": 2018})
    assert response.url == reverse("awards:roster_edit", args=[unit_a.pk, 2019])
    assert list(RosterEntry.objects.filter(year=2019).values_list("person__full_name", "rating")) == [
        ("Nguyễn Văn An", "completed")
    ]


def test_roster_years_refuses_a_year_that_exists(role_clients, unit_a, bob):
    an = PersonFactory(unit=unit_a)
    services.save_roster(unit_a, 2018, entries=[(an, Rating.EXCELLENT)], by=bob)
    response = role_clients["officer"].post(reverse("awards:roster_years", args=[unit_a.pk]), {"year": 2018})
    assert response.context["form"].errors == {"year": ["Năm 2018 đã có danh sách thành viên."]}


def test_roster_edit_out_of_range_year_is_404(role_clients, unit_a):
    assert role_clients["officer"].get(reverse("awards:roster_edit", args=[unit_a.pk, 1800])).status_code == 404


def test_unit_page_links_people_households_and_roster(role_clients, unit_a):
    content = role_clients["officer"].get(reverse("units:unit_detail", args=[unit_a.pk])).content.decode()
    assert reverse("awards:roster_years", args=[unit_a.pk]) in content
    council = role_clients["council"].get(reverse("units:unit_detail", args=[unit_a.pk])).content.decode()
    assert reverse("awards:roster_years", args=[unit_a.pk]) not in council
