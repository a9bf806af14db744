"""Services and selectors of people, households, initiatives, discipline and rosters."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from awards.models import Discipline, Household, Person, Rating, RosterEntry
from awards.selectors import people as selectors
from awards.services import people as services
from portal.tests.factories import HouseholdFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def person_values(unit, **overrides):
    return {"unit": unit, "full_name": "Hoàng Văn Thụ", "gender": "male", "birth_year": 1980, "ethnicity": "Tày",
            "position": "Chuyên viên", "department": "", "category": "worker", "is_active": True, **overrides}


def names(queryset):
    return [person.full_name for person in queryset]


def test_people_list_sorts_by_given_name_then_family_name(unit_a, alice):
    for name in ["Lê Thị Bình", "Đỗ Văn Đức", "Nguyễn Văn An", "Hoàng Văn Dũng"]:
        PersonFactory(unit=unit_a, full_name=name)
    assert names(selectors.people_list(alice)) == ["Nguyễn Văn An", "Lê Thị Bình", "Hoàng Văn Dũng", "Đỗ Văn Đức"]


def test_households_list_sorts_by_head_name_in_vietnamese_order(unit_a, alice):
    for name in ["Lê Thị Bình", "Nguyễn Văn An"]:
        HouseholdFactory(unit=unit_a, head_name=name)
    assert [h.head_name for h in selectors.households_list(alice)] == ["Nguyễn Văn An", "Lê Thị Bình"]


def test_create_person_stores_nfd_input_in_nfc(unit_a, bob):
    typed = unicodedata.normalize("NFD", "Nguyễn  Thị Hồng")
    person = services.create_person(values=person_values(unit_a, full_name=typed), by=bob)
    person.refresh_from_db()
    assert person.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hồng")
    assert person.created_by == bob
    assert person.history.get().history_user == bob


def test_create_household_stores_nfd_input_in_nfc(unit_a, bob):
    typed = unicodedata.normalize("NFD", "Nông Văn Đức")
    household = services.create_household(
        values={"unit": unit_a, "head_name": typed, "address": "Thôn Nà Pàn", "commune": "Xã Yên Phúc"}, by=bob
    )
    assert Household.objects.get(pk=household.pk).head_name == unicodedata.normalize("NFC", "Nông Văn Đức")


def test_create_person_refuses_birth_year_before_1900(unit_a, bob):
    with pytest.raises(ValidationError) as caught:
        services.create_person(values=person_values(unit_a, birth_year=1899), by=bob)
    year = timezone.localdate().year
    assert caught.value.message_dict == {"birth_year": [f"Năm sinh phải từ 1900 đến {year}."]}
    assert Person.objects.count() == 0


def test_create_person_refuses_an_inactive_unit(bob):
    unit = UnitFactory(is_active=False)
    with pytest.raises(ValidationError) as caught:
        services.create_person(values=person_values(unit), by=bob)
    assert caught.value.message_dict == {"unit": ["Đơn vị này đã ngừng hoạt động: không thêm người mới vào được."]}


def test_update_person_records_who_and_why(unit_a, bob):
    person = PersonFactory(unit=unit_a, position="Chuyên viên")
    services.update_person(person, values={"position": "Trưởng phòng"}, by=bob, reason="Bổ nhiệm mới")
    latest = person.history.first()
    assert (latest.position, latest.history_user, latest.history_change_reason) == ("Trưởng phòng", bob,
                                                                                   "Bổ nhiệm mới")


def test_update_person_without_change_writes_no_history(unit_a, bob):
    person = PersonFactory(unit=unit_a, position="Chuyên viên")
    services.update_person(person, values={"position": "Chuyên viên"}, by=bob)
    assert person.history.count() == 1


def test_update_person_reads_the_stored_values_not_the_edited_copy(unit_a, bob):
    person = PersonFactory(unit=unit_a, position="Chuyên viên")
    person.position = "Trưởng phòng"  # what a bound form does to its instance before the service runs
    services.update_person(person, values={"position": "Trưởng phòng"}, by=bob)
    assert Person.objects.get(pk=person.pk).position == "Trưởng phòng"
    assert person.history.count() == 2


def test_add_and_update_initiative_keep_history(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    initiative = services.add_initiative(
        person, values={"year": 2018, "title": "Sổ tay số", "scope": "base", "recognised_by": ""}, by=bob
    )
    services.update_initiative(initiative, values={"scope": "province"}, by=bob, reason="Công nhận toàn tỉnh")
    assert [(row.scope, row.history_change_reason) for row in initiative.history.all()] == [
        ("province", "Công nhận toàn tỉnh"), ("base", "")
    ]


def test_add_initiative_refuses_a_future_year(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    year = timezone.localdate().year
    with pytest.raises(ValidationError) as caught:
        services.add_initiative(person, values={"year": year + 1, "title": "X", "scope": "base"}, by=bob)
    assert caught.value.message_dict == {"year": [f"Năm phải từ 1945 đến {year}."]}


# --- Discipline -------------------------------------------------------------------------------------------------


def discipline_values(**overrides):
    return {"kind": "Khiển trách", "decision": "12/QĐ-UBND", "starts_on": datetime.date(2019, 1, 1),
            "ends_on": None, "note": "", **overrides}


def test_record_discipline_of_a_person(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    discipline = services.record_discipline(person=person, values=discipline_values(), by=bob)
    assert (discipline.person, discipline.unit, discipline.history.get().history_user) == (person, None, bob)


def test_record_discipline_of_a_collective(unit_a, alice):
    discipline = services.record_discipline(unit=unit_a, values=discipline_values(), by=alice)
    assert (discipline.person, discipline.unit) == (None, unit_a)


def test_record_discipline_refuses_both_subjects(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    with pytest.raises(ValidationError) as caught:
        services.record_discipline(person=person, unit=unit_a, values=discipline_values(), by=bob)
    assert caught.value.messages == ["Kỷ luật phải ghi cho đúng một cá nhân hoặc một tập thể."]


def test_record_discipline_refuses_no_subject(bob):
    with pytest.raises(ValidationError) as caught:
        services.record_discipline(values=discipline_values(), by=bob)
    assert caught.value.messages == ["Kỷ luật phải ghi cho đúng một cá nhân hoặc một tập thể."]


def test_record_discipline_refuses_end_before_start(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    with pytest.raises(ValidationError) as caught:
        services.record_discipline(person=person, values=discipline_values(ends_on=datetime.date(2018, 1, 1)),
                                   by=bob)
    assert caught.value.message_dict == {"ends_on": ["Ngày kết thúc không được trước ngày bắt đầu."]}


def test_database_refuses_discipline_of_both_a_person_and_a_unit(unit_a):
    person = PersonFactory(unit=unit_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Discipline.objects.create(person=person, unit=unit_a, kind="Cảnh cáo", starts_on=datetime.date(2019, 1, 1))


def test_database_refuses_discipline_ending_before_it_starts(unit_a):
    person = PersonFactory(unit=unit_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Discipline.objects.create(person=person, kind="Cảnh cáo", starts_on=datetime.date(2019, 1, 1),
                                  ends_on=datetime.date(2018, 1, 1))


def test_update_discipline_ends_it_with_a_reason(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    discipline = services.record_discipline(person=person, values=discipline_values(), by=bob)
    services.update_discipline(discipline, values={"ends_on": datetime.date(2019, 12, 31)}, by=bob,
                               reason="Hết thời hạn")
    discipline.refresh_from_db()
    assert discipline.in_force_on(datetime.date(2020, 1, 1)) is False
    assert discipline.history.first().history_change_reason == "Hết thời hạn"


def test_update_discipline_refuses_end_before_stored_start(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    discipline = services.record_discipline(person=person, values=discipline_values(), by=bob)
    with pytest.raises(ValidationError) as caught:
        services.update_discipline(discipline, values={"ends_on": datetime.date(2018, 12, 31)}, by=bob)
    assert caught.value.message_dict == {"ends_on": ["Ngày kết thúc không được trước ngày bắt đầu."]}


def test_disciplines_visible_to_an_officer_are_their_units(unit_a, unit_b, bob, charlie):
    mine = services.record_discipline(person=PersonFactory(unit=unit_a), values=discipline_values(), by=bob)
    collective = services.record_discipline(unit=unit_a, values=discipline_values(), by=bob)
    services.record_discipline(person=PersonFactory(unit=unit_b), values=discipline_values(), by=charlie)
    assert set(selectors.disciplines_visible_to(bob)) == {mine, collective}


# --- Rosters ----------------------------------------------------------------------------------------------------


def roster(unit, year):
    return [(entry.person.full_name, entry.rating) for entry in selectors.roster_of(unit, year)]


def test_save_roster_adds_rates_and_removes_members(unit_a, bob):
    an = PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    binh = PersonFactory(unit=unit_a, full_name="Lê Thị Bình")
    cuong = PersonFactory(unit=unit_a, full_name="Trần Văn Cường")
    services.save_roster(unit_a, 2018, entries=[(an, Rating.GOOD), (binh, Rating.COMPLETED)], by=bob)
    services.save_roster(unit_a, 2018, entries=[(an, Rating.EXCELLENT), (cuong, Rating.FAILED)], by=bob)
    assert roster(unit_a, 2018) == [("Nguyễn Văn An", "excellent"), ("Trần Văn Cường", "failed")]
    removed = RosterEntry.history.filter(person_id=binh.pk, history_type="-").get()
    assert removed.history_user == bob


def test_save_roster_refuses_a_person_twice(unit_a, bob):
    an = PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    with pytest.raises(ValidationError) as caught:
        services.save_roster(unit_a, 2018, entries=[(an, Rating.GOOD), (an, Rating.EXCELLENT)], by=bob)
    assert caught.value.messages == ["Nguyễn Văn An có hai lần trong danh sách: mỗi người chỉ một dòng mỗi năm."]
    assert RosterEntry.objects.count() == 0


def test_save_roster_refuses_a_person_of_another_unit(unit_a, unit_b, bob):
    stranger = PersonFactory(unit=unit_b, full_name="Vi Thị Lan")
    with pytest.raises(ValidationError) as caught:
        services.save_roster(unit_a, 2018, entries=[(stranger, Rating.GOOD)], by=bob)
    assert caught.value.messages == ["Vi Thị Lan không thuộc Huyện Văn Quan: không đưa vào danh sách được."]


def test_save_roster_keeps_a_member_who_has_moved_since(unit_a, unit_b, bob):
    lan = PersonFactory(unit=unit_a, full_name="Vi Thị Lan")
    services.save_roster(unit_a, 2018, entries=[(lan, Rating.GOOD)], by=bob)
    services.update_person(lan, values={"unit": unit_b}, by=bob, reason="Chuyển công tác")
    services.save_roster(unit_a, 2018, entries=[(lan, Rating.EXCELLENT)], by=bob)
    assert roster(unit_a, 2018) == [("Vi Thị Lan", "excellent")]


def test_database_refuses_a_second_row_for_a_person_in_a_year(unit_a):
    person = PersonFactory(unit=unit_a)
    RosterEntry.objects.create(unit=unit_a, year=2018, person=person, rating="good")
    with pytest.raises(IntegrityError), transaction.atomic():
        RosterEntry.objects.create(unit=unit_a, year=2018, person=person, rating="excellent")


def test_copy_roster_copies_active_members_rated_completed(unit_a, bob):
    an = PersonFactory(unit=unit_a, full_name="Nguyễn Văn An")
    binh = PersonFactory(unit=unit_a, full_name="Lê Thị Bình", is_active=False)
    services.save_roster(unit_a, 2018, entries=[(an, Rating.EXCELLENT), (binh, Rating.GOOD)], by=bob)
    copied = services.copy_roster(unit_a, from_year=2018, to_year=2019, by=bob)
    assert len(copied) == 1
    assert roster(unit_a, 2019) == [("Nguyễn Văn An", "completed")]
    assert roster(unit_a, 2018) == [("Nguyễn Văn An", "excellent"), ("Lê Thị Bình", "good")]


def test_copy_roster_refuses_a_year_that_has_a_roster(unit_a, bob):
    an = PersonFactory(unit=unit_a)
    services.save_roster(unit_a, 2018, entries=[(an, Rating.GOOD)], by=bob)
    services.save_roster(unit_a, 2019, entries=[(an, Rating.GOOD)], by=bob)
    with pytest.raises(ValidationError) as caught:
        services.copy_roster(unit_a, from_year=2018, to_year=2019, by=bob)
    assert caught.value.message_dict == {"year": ["Năm 2019 đã có danh sách thành viên."]}


def test_roster_years_counts_ratings_and_completing_share(unit_a, bob):
    people = [PersonFactory(unit=unit_a) for _ in range(4)]
    ratings = [Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.FAILED]
    services.save_roster(unit_a, 2018, entries=list(zip(people, ratings, strict=True)), by=bob)
    services.save_roster(unit_a, 2019, entries=[(people[0], Rating.EXCELLENT)], by=bob)
    assert selectors.roster_years(unit_a) == [
        {"year": 2019, "total": 1, "excellent": 1, "good": 0, "completed": 0, "failed": 0, "completing": 1,
         "completing_percent": 100},
        {"year": 2018, "total": 4, "excellent": 1, "good": 1, "completed": 1, "failed": 1, "completing": 3,
         "completing_percent": 75},
    ]


def test_person_history_merges_initiatives_and_disciplines(unit_a, bob):
    person = PersonFactory(unit=unit_a)
    services.add_initiative(person, values={"year": 2018, "title": "Sổ tay số", "scope": "base"}, by=bob)
    services.record_discipline(person=person, values=discipline_values(), by=bob)
    page = selectors.person_history_page(person, 1)
    assert [row.subject for row in page.object_list] == [
        "Kỷ luật: Khiển trách", "Sáng kiến: Sổ tay số", person.full_name
    ]
