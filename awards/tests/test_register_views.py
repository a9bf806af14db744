"""The register's screens: lookup (scope, query counts), export, records, a unit's own decision, decisions."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards.models import AwardRecord, Decision
from awards.services.register import cancel_decision, record_unit_decision
from campaign.models import LegalRegime
from portal.tests.factories import (
    AwardFormFactory,
    AwardRecordFactory,
    DecisionFactory,
    HouseholdFactory,
    PersonFactory,
    UnitFactory,
)
from portal.tests.helpers import query_count, signed_in

LOOKUP = reverse("awards:register_lookup")


@pytest.fixture
def giay_khen(db):
    return AwardFormFactory(regime=LegalRegime.objects.get(code="B"), code="giay_khen", name="Giấy khen",
                            level="unit", decided_by="unit", council_threshold=None)


def rows_of(response):
    return [record.pk for record in response.context["records"]]


def test_lookup_query_count_does_not_grow_with_rows(alice, unit_a):
    client = signed_in(alice)
    # The unit filter reads the merges step by step: one merged unit in both cases, so only the rows differ.
    merged = {"merged_into": unit_a, "is_active": False, "merged_on": datetime.date(2020, 1, 1)}
    AwardRecordFactory(recipient_kind="collective", person=None, unit=UnitFactory(**merged))
    one = query_count(client, LOOKUP + "?unit=%s" % unit_a.code)
    for index in range(12):
        AwardRecordFactory(person=PersonFactory(unit=unit_a), year=2000 + index)
        AwardRecordFactory(recipient_kind="household", person=None, household=HouseholdFactory(unit=unit_a))
        AwardRecordFactory(recipient_kind="collective", person=None, unit=UnitFactory(**merged))
    assert query_count(client, LOOKUP + "?unit=%s" % unit_a.code) == one


def test_lookup_query_count_of_an_officer_does_not_grow_with_rows(bob, unit_a):
    client = signed_in(bob)
    AwardRecordFactory(person=PersonFactory(unit=unit_a))
    one = query_count(client, LOOKUP)
    for _index in range(15):
        AwardRecordFactory(person=PersonFactory(unit=unit_a))
    assert query_count(client, LOOKUP) == one


def test_lookup_pages_by_fifty(alice, unit_a):
    person = PersonFactory(unit=unit_a)
    for year in range(1960, 2015):
        AwardRecordFactory(person=person, year=year)
    response = signed_in(alice).get(LOOKUP, {"page": 2})
    assert (response.context["page_obj"].paginator.count, len(response.context["records"])) == (55, 5)


def test_lookup_of_an_officer_leaves_other_units_out(bob, unit_a, unit_b):
    own = AwardRecordFactory(person=PersonFactory(unit=unit_a))
    AwardRecordFactory(person=PersonFactory(unit=unit_b))
    assert rows_of(signed_in(bob).get(LOOKUP)) == [own.pk]


def test_record_of_another_unit_is_404_for_an_officer(bob, charlie, dora, unit_b):
    record = AwardRecordFactory(person=PersonFactory(unit=unit_b))
    url = reverse("awards:record_detail", kwargs={"pk": record.pk})
    answers = [client.get(url).status_code for client in (signed_in(bob), signed_in(charlie), signed_in(dora))]
    assert answers == [404, 200, 200]


def test_lookup_leaves_out_a_cancelled_decision(alice, bob, unit_a, giay_khen):
    decision = record_unit_decision(
        unit=unit_a, awardees=[unit_a], award_form=giay_khen, by=bob,
        values={"number": "5/QĐ-UBND", "date": datetime.date(2024, 12, 1), "signer": "A", "signer_position": "B",
                "summary": ""},
    )
    client = signed_in(alice)
    assert rows_of(client.get(LOOKUP)) == [decision.records.get().pk]
    cancel_decision(decision, reason="Ghi nhầm", by=alice)
    assert rows_of(client.get(LOOKUP)) == []


def test_export_holds_the_filtered_set(alice, unit_a, unit_b):
    kept = AwardRecordFactory(person=PersonFactory(unit=unit_a, full_name="Nông Thị Hoa"), decision_number="7/QĐ")
    AwardRecordFactory(person=PersonFactory(unit=unit_b), decision_number="8/QĐ")
    response = signed_in(alice).get(reverse("awards:register_export"), {"decision": "7/QĐ"})
    assert response["Content-Disposition"].startswith('attachment; filename="so-khen-thuong-')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[2][0] == "Lọc theo: Số quyết định: 7/QĐ"
    assert rows[4:] == [[1, "Nông Thị Hoa", "Cá nhân", "Huyện Văn Quan", "A01", kept.award_name, 2018, "7/QĐ",
                         datetime.datetime(2018, 12, 20), "UBND huyện", "Nhập từ Excel"]]


def test_export_of_an_officer_holds_only_their_units(bob, unit_a, unit_b):
    AwardRecordFactory(person=PersonFactory(unit=unit_b))
    response = signed_in(bob).get(reverse("awards:register_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 4


def test_record_create_writes_a_manual_record(alice, unit_a):
    form = AwardFormFactory()
    response = signed_in(alice).post(reverse("awards:record_create"), {
        "recipient_kind": "collective", "unit": unit_a.pk, "award_form": form.pk, "year": 2019,
        "decision_number": "2410/QĐ-UBND", "decision_date": "15/11/2019", "issuer": "Chủ tịch UBND tỉnh",
    })
    record = AwardRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:record_detail", kwargs={"pk": record.pk})
    assert (record.unit, record.award_code, record.decision_date, record.source) == (
        unit_a, "bang_khen_tinh", datetime.date(2019, 11, 15), "manual")


def test_record_create_takes_the_date_pickers_iso_date(alice, unit_a):
    form = AwardFormFactory()
    page = signed_in(alice).get(reverse("awards:record_create")).content.decode()
    assert 'type="date" name="decision_date"' in page
    signed_in(alice).post(reverse("awards:record_create"), {
        "recipient_kind": "collective", "unit": unit_a.pk, "award_form": form.pk, "year": 2019,
        "decision_number": "2410/QĐ-UBND", "decision_date": "2019-11-15", "issuer": "Chủ tịch UBND tỉnh",
    })
    assert AwardRecord.objects.get().decision_date == datetime.date(2019, 11, 15)


def test_record_page_pages_its_history_with_page(alice, unit_a):
    record = AwardRecordFactory(recipient_kind="collective", person=None, unit=unit_a)
    for number in range(60):
        record.issuer = f"Chủ tịch UBND tỉnh {number}"
        record.save()
    url = reverse("awards:record_detail", kwargs={"pk": record.pk})
    response = signed_in(alice).get(url, {"page": 2})
    assert response.context["history"].number == 2
    assert "?page=2" in signed_in(alice).get(url).content.decode()


def test_record_create_needs_the_recipient_of_the_kind(alice, unit_a):
    form = AwardFormFactory()
    response = signed_in(alice).post(reverse("awards:record_create"), {
        "recipient_kind": "individual", "unit": unit_a.pk, "award_form": form.pk, "year": 2019,
        "decision_number": "1", "decision_date": "15/11/2019", "issuer": "X",
    })
    assert response.status_code == 200
    assert response.context["form"].errors == {"person": ["Hãy chọn người, hộ hoặc tập thể được khen."]}
    assert AwardRecord.objects.count() == 0


def test_unit_decision_creates_the_records(bob, unit_a, giay_khen):
    person = PersonFactory(unit=unit_a, full_name="Nông Thị Hoa")
    household = HouseholdFactory(unit=unit_a)
    url = reverse("awards:unit_decision_create", kwargs={"unit_pk": unit_a.pk})
    response = signed_in(bob).post(url, {
        "number": "33/QĐ-UBND", "date": "20/12/2024", "signer": "Hoàng Văn Ký", "signer_position": "Chủ tịch",
        "summary": "Khen thưởng", "award_code": "giay_khen", "year": "",
        "awardees": [f"person:{person.pk}", f"household:{household.pk}", f"unit:{unit_a.pk}"],
    })
    decision = Decision.objects.get()
    assert response["Location"] == reverse("awards:decision_detail", kwargs={"pk": decision.pk})
    assert sorted((r.recipient_kind, r.year, r.issuer) for r in decision.records.all()) == [
        ("collective", 2024, "Huyện Văn Quan"), ("household", 2024, "Huyện Văn Quan"),
        ("individual", 2024, "Huyện Văn Quan")]


def test_unit_decision_refuses_a_date_after_today(bob, unit_a, giay_khen):
    url = reverse("awards:unit_decision_create", kwargs={"unit_pk": unit_a.pk})
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = signed_in(bob).get(url).content.decode()
    assert 'type="date" name="date"' in page
    response = signed_in(bob).post(url, {
        "number": "33/QĐ-UBND", "date": tomorrow.isoformat(), "signer": "K", "signer_position": "C",
        "award_code": "giay_khen", "awardees": [f"unit:{unit_a.pk}"],
    })
    assert response.context["form"].errors["date"] == ["Ngày ký ở sau hôm nay."]


def test_unit_decision_refuses_a_date_without_a_unit_form(bob, unit_a, giay_khen):
    url = reverse("awards:unit_decision_create", kwargs={"unit_pk": unit_a.pk})
    response = signed_in(bob).post(url, {
        "number": "33/QĐ-UBND", "date": "20/12/2016", "signer": "K", "signer_position": "C",
        "award_code": "giay_khen", "awardees": [f"unit:{unit_a.pk}"],
    })
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["award_code"]
    assert Decision.objects.count() == 0


def test_unit_decision_offers_only_the_units_own_people(bob, unit_a, unit_b, giay_khen):
    child = UnitFactory(parent=unit_a, name="Phòng Nội vụ")
    mine = PersonFactory(unit=unit_a, full_name="Nông Thị Hoa", position="")
    PersonFactory(unit=unit_b)
    response = signed_in(bob).get(reverse("awards:unit_decision_create", kwargs={"unit_pk": unit_a.pk}))
    choices = response.context["form"].fields["awardees"].choices
    assert [(str(group), items) for group, items in choices] == [
        ("Tập thể", [(f"unit:{unit_a.pk}", "Huyện Văn Quan"), (f"unit:{child.pk}", "Phòng Nội vụ")]),
        ("Cá nhân", [(f"person:{mine.pk}", "Nông Thị Hoa (1980)")]),
    ]


def test_decision_detail_shows_a_cancellation_reason(alice, dora, unit_a):
    decision = DecisionFactory(issuer_unit=unit_a)
    cancel_decision(decision, reason="Sai thẩm quyền ký", by=alice)
    response = signed_in(dora).get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    assert "Sai thẩm quyền ký" in response.content.decode()


def test_unit_page_shows_the_awards_of_merged_units(alice, unit_a):
    old = UnitFactory(name="Xã Tân Đoàn cũ", is_active=False, merged_into=unit_a, merged_on=datetime.date(2020, 1, 1))
    record = AwardRecordFactory(recipient_kind="collective", person=None, unit=old, award_name="Giấy khen năm 2017")
    response = signed_in(alice).get(reverse("units:unit_detail", kwargs={"pk": unit_a.pk}))
    page = response.content.decode()
    assert "Khen thưởng đã nhận" in page
    assert reverse("awards:record_detail", kwargs={"pk": record.pk}) in page
    assert f"{LOOKUP}?unit={unit_a.code}&amp;kind=collective" in page
