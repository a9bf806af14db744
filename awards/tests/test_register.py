"""The award register's services and selectors: decisions recorded in the portal, records by hand, cancellation,
the lookup's filters and scope, the export's content."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from awards.forms.register import RegisterFilter
from awards.models import AwardRecord, Decision
from awards.register_excel import register_workbook
from awards.selectors.register import export_rows, register_records, regime_on, unit_awards
from awards.services.register import add_record, cancel_decision, record_awards, record_unit_decision
from campaign.models import LegalRegime
from portal.tests.factories import (
    AwardFormFactory,
    AwardRecordFactory,
    DecisionFactory,
    HouseholdFactory,
    PersonFactory,
    UnitFactory,
)


@pytest.fixture
def giay_khen(db):
    """The unit's own Giấy khen under regimes A and B."""
    values = {"code": "giay_khen", "name": "Giấy khen", "level": "unit", "decided_by": "unit",
              "council_threshold": None}
    return {code: AwardFormFactory(regime=LegalRegime.objects.get(code=code), **values) for code in ("A", "B")}


def unit_values(**overrides):
    return {"number": "12/QĐ-UBND", "date": datetime.date(2024, 12, 20), "signer": "Hoàng Văn Ký",
            "signer_position": "Chủ tịch UBND huyện", "summary": "Khen thưởng năm 2024", **overrides}


def lookup(user, **params):
    data = {key: str(value) for key, value in params.items()}
    return list(RegisterFilter(data, queryset=register_records(user), user=user).qs)


# --- Services -----------------------------------------------------------------------------------------------------


def test_regime_on_is_the_latest_in_force(db):
    assert [regime_on(datetime.date(*day)).code for day in ((2019, 5, 1), (2024, 1, 1), (2025, 7, 2))] == \
        ["A", "B", "C"]


def test_record_unit_decision_creates_a_decision_and_a_record_per_awardee(unit_a, bob, giay_khen):
    child = UnitFactory(parent=unit_a, name="Phòng Nội vụ huyện Văn Quan")
    person = PersonFactory(unit=unit_a, full_name="Nông Thị Hoa")
    household = HouseholdFactory(unit=unit_a, head_name="Lương Văn Hải")
    decision = record_unit_decision(unit=unit_a, values=unit_values(), award_form=giay_khen["B"],
                                    awardees=[child, person, household], by=bob)
    assert (decision.kind, decision.issuer_unit, decision.created_by) == ("unit", unit_a, bob)
    records = AwardRecord.objects.filter(decision=decision).order_by("id")
    assert [(r.recipient, r.award_code, r.year, r.decision_number, r.issuer, r.source) for r in records] == [
        (child, "giay_khen", 2024, "12/QĐ-UBND", "Huyện Văn Quan", "decision"),
        (person, "giay_khen", 2024, "12/QĐ-UBND", "Huyện Văn Quan", "decision"),
        (household, "giay_khen", 2024, "12/QĐ-UBND", "Huyện Văn Quan", "decision"),
    ]
    assert [(h.history_user, h.history_change_reason) for h in decision.history.all()] == [
        (bob, "Đơn vị ghi quyết định khen thưởng")]


def test_record_unit_decision_refuses_a_form_of_another_regime(unit_a, bob, giay_khen):
    with pytest.raises(ValidationError) as error:
        record_unit_decision(unit=unit_a, values=unit_values(), award_form=giay_khen["A"], awardees=[unit_a], by=bob)
    assert list(error.value.message_dict) == ["award_code"]
    assert Decision.objects.count() == 0


def test_record_unit_decision_refuses_another_units_person(unit_a, unit_b, bob, giay_khen):
    stranger = PersonFactory(unit=unit_b, full_name="Vi Văn Lạ")
    with pytest.raises(ValidationError) as error:
        record_unit_decision(unit=unit_a, values=unit_values(), award_form=giay_khen["B"], awardees=[stranger],
                             by=bob)
    assert error.value.message_dict == {"awardees": ["Không thuộc đơn vị: Vi Văn Lạ."]}
    assert (Decision.objects.count(), AwardRecord.objects.count()) == (0, 0)


def test_record_unit_decision_refuses_a_number_used_that_year(unit_a, bob, giay_khen):
    record_unit_decision(unit=unit_a, values=unit_values(), award_form=giay_khen["B"], awardees=[unit_a], by=bob)
    with pytest.raises(ValidationError) as error:
        record_unit_decision(unit=unit_a, values=unit_values(), award_form=giay_khen["B"], awardees=[unit_a], by=bob)
    assert list(error.value.message_dict) == ["number"]
    assert Decision.objects.count() == 1


def test_record_awards_writes_nothing_twice(unit_a, alice):
    form = AwardFormFactory()
    decision = DecisionFactory(kind="province", issuer_unit=UnitFactory(name="UBND tỉnh Lạng Sơn"))
    person = PersonFactory(unit=unit_a)
    first = record_awards(decision, awardees=[unit_a, person], award_form=form, year=2018, by=alice)
    again = record_awards(decision, awardees=[person], award_form=form, year=2018, by=alice)
    assert again == [first[1]]
    assert AwardRecord.objects.count() == 2
    assert first[0].issuer == "UBND tỉnh Lạng Sơn"


def test_record_awards_refuses_a_kind_the_form_does_not_admit(unit_a, alice):
    form = AwardFormFactory(code="tap_the_ldxs", name="Tập thể lao động xuất sắc", for_individual=False,
                            for_household=False)
    with pytest.raises(ValidationError):
        record_awards(DecisionFactory(), awardees=[PersonFactory(unit=unit_a)], award_form=form, year=2018, by=alice)
    assert AwardRecord.objects.count() == 0


def test_add_record_copies_the_form_and_refuses_a_duplicate(unit_a, alice):
    form = AwardFormFactory()
    values = {"recipient_kind": "collective", "unit": unit_a, "person": None, "household": None,
              "award_form": form, "year": 2019, "decision_number": "2410/QĐ-UBND",
              "decision_date": datetime.date(2019, 11, 15), "issuer": "Chủ tịch UBND tỉnh"}
    record = add_record(values=values, by=alice)
    assert (record.award_code, record.award_name, record.source, record.created_by) == (
        "bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh", "manual", alice)
    assert [h.history_user for h in record.history.all()] == [alice]
    with pytest.raises(ValidationError):
        add_record(values=values, by=alice)
    assert AwardRecord.objects.count() == 1


def test_cancel_decision_takes_its_records_out_of_the_register(unit_a, alice, bob, giay_khen):
    decision = record_unit_decision(unit=unit_a, values=unit_values(), award_form=giay_khen["B"], awardees=[unit_a],
                                    by=bob)
    kept = AwardRecordFactory(person=PersonFactory(unit=unit_a))
    cancel_decision(decision, reason="Ghi nhầm số quyết định", by=alice)
    decision.refresh_from_db()
    assert (decision.cancel_reason, decision.cancelled_by) == ("Ghi nhầm số quyết định", alice)
    assert lookup(alice) == [kept]
    assert decision.history.first().history_change_reason == "Ghi nhầm số quyết định"


def test_cancel_decision_needs_a_reason_and_happens_once(alice):
    decision = DecisionFactory()
    with pytest.raises(ValidationError):
        cancel_decision(decision, reason=" ", by=alice)
    cancel_decision(decision, reason="Sai thẩm quyền", by=alice)
    with pytest.raises(ValidationError):
        cancel_decision(decision, reason="Lần nữa", by=alice)


# --- Lookup -------------------------------------------------------------------------------------------------------


@pytest.fixture
def register(unit_a, unit_b):
    """unit_a with a unit merged into it; records of people, households and collectives of both units."""
    old = UnitFactory(name="Xã Tân Đoàn cũ", is_active=False, merged_into=unit_a, merged_on=datetime.date(2020, 1, 1))
    hoa = PersonFactory(unit=unit_a, full_name="Nông Thị Hoa")
    an = PersonFactory(unit=unit_b, full_name="Đinh Văn An")
    return {
        "hoa": AwardRecordFactory(person=hoa, year=2019, decision_number="125/QĐ-UBND"),
        "old": AwardRecordFactory(recipient_kind="collective", person=None, unit=old, award_code="giay_khen",
                                  award_name="Giấy khen", year=2017, decision_number="77/QĐ-UBND",
                                  decision_date=datetime.date(2017, 12, 1)),
        "an": AwardRecordFactory(person=an, year=2018, award_code="bang_khen_tinh",
                                 award_name="Bằng khen của Chủ tịch UBND tỉnh", decision_number="2410/QĐ-UBND",
                                 source="manual"),
        "household": AwardRecordFactory(recipient_kind="household", person=None,
                                        household=HouseholdFactory(unit=unit_b, head_name="Hoàng Thị Đào"),
                                        year=2020, decision_number="9/QĐ-UBND"),
    }


def test_lookup_searches_names_without_marks(alice, register):
    assert lookup(alice, q="dinh van an") == [register["an"]]
    assert lookup(alice, q="THI HOA") == [register["hoa"]]


def test_lookup_by_unit_includes_units_merged_into_it(alice, unit_a, register):
    assert lookup(alice, unit=unit_a.code) == [register["hoa"], register["old"]]


def test_lookup_by_award_year_range_decision_kind_and_source(alice, register):
    assert lookup(alice, award="bang_khen_tinh") == [register["an"]]
    assert lookup(alice, year_from=2018, year_to=2019) == [register["hoa"], register["an"]]
    assert lookup(alice, decision="2410") == [register["an"]]
    assert lookup(alice, kind="household") == [register["household"]]
    assert lookup(alice, source="manual") == [register["an"]]


def test_lookup_orders_years_down_then_names_in_vietnamese_order(alice, unit_a):
    names = ["Vi Văn Bình", "Lý Thị Ánh", "Hoàng Văn Đức", "Nông Văn Dũng"]
    records = {name: AwardRecordFactory(person=PersonFactory(unit=unit_a, full_name=name)) for name in names}
    later = AwardRecordFactory(person=PersonFactory(unit=unit_a, full_name="Trần Văn Yên"), year=2020)
    assert lookup(alice) == [later, records["Lý Thị Ánh"], records["Vi Văn Bình"], records["Nông Văn Dũng"],
                             records["Hoàng Văn Đức"]]


def test_lookup_finds_a_renamed_person_household_or_unit_by_the_new_name(alice, unit_a):
    from awards.services.people import update_household, update_person
    from units.services import save_unit

    person = PersonFactory(unit=unit_a, full_name="Nông Thị Hoa")
    household = HouseholdFactory(unit=unit_a, head_name="Lương Văn Hải")
    records = [AwardRecordFactory(person=person), AwardRecordFactory(household=household, person=None,
                                                                     recipient_kind="household"),
               AwardRecordFactory(unit=unit_a, person=None, recipient_kind="collective")]

    update_person(person, values={"full_name": "Nông Thị Hòa"}, by=alice)
    update_household(household, values={"head_name": "Lương Văn Hài"}, by=alice)
    unit_a.name = "Huyện Văn Quan mới"
    save_unit(unit_a, by=alice)

    assert [lookup(alice, q=name) for name in ("nong thi hoa", "luong van hai", "van quan moi")] == [
        [records[0]], [records[1]], [records[2]]]
    assert AwardRecord.objects.get(pk=records[0].pk).recipient_sort == PersonFactory._meta.model.objects.get(
        pk=person.pk).name_sort


def test_lookup_of_an_officer_holds_only_their_units(bob, charlie, dora, register):
    assert lookup(bob) == [register["hoa"], register["old"]]
    assert lookup(charlie) == [register["household"], register["an"]]
    assert len(lookup(dora)) == 4


def test_unit_awards_show_the_merged_units_collective_awards(alice, bob, charlie, unit_a, register):
    own = AwardRecordFactory(recipient_kind="collective", person=None, unit=unit_a, year=2021)
    assert unit_awards(alice, unit_a) == [own, register["old"]]
    assert unit_awards(bob, unit_a) == [own, register["old"]]
    assert unit_awards(charlie, unit_a) is None


# --- Export -------------------------------------------------------------------------------------------------------


def test_register_workbook_has_title_filters_header_and_real_dates(alice, register):
    records = lookup(alice, year_from=2018, year_to=2019)
    data = register_workbook(export_rows(records), exported_at=datetime.datetime(2026, 1, 5, 3, 0,
                                                                                 tzinfo=datetime.UTC),
                             filters="Từ năm: 2018; Đến năm: 2019")
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Sổ khen thưởng – tra cứu khen thưởng đã nhận"
    assert rows[1][0] == "Xuất lúc 05/01/2026 10:00 · 2 dòng"
    assert rows[2][0] == "Lọc theo: Từ năm: 2018; Đến năm: 2019"
    assert rows[3] == ["STT", "Tập thể, cá nhân, hộ gia đình", "Đối tượng", "Đơn vị", "Mã đơn vị",
                       "Hình thức, danh hiệu", "Năm", "Số quyết định", "Ngày quyết định", "Cấp quyết định", "Nguồn"]
    assert rows[4:] == [
        [1, "Nông Thị Hoa", "Cá nhân", "Huyện Văn Quan", "A01", "Chiến sĩ thi đua cơ sở", 2019, "125/QĐ-UBND",
         datetime.datetime(2018, 12, 20), "UBND huyện", "Nhập từ Excel"],
        [2, "Đinh Văn An", "Cá nhân", "Huyện Bình Gia", "B01", "Bằng khen của Chủ tịch UBND tỉnh", 2018,
         "2410/QĐ-UBND", datetime.datetime(2018, 12, 20), "UBND huyện", "Ghi trực tiếp"],
    ]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A5", "A4:K6")
    assert sheet["I5"].number_format == "dd/mm/yyyy"
    assert sheet["A4"].font.bold is True

