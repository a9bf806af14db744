"""The province's decisions after a council session: recording one grows the register, cancelling it (with a reason)
leaves the register as before, cash totals from the catalogue's coefficients and the base salary; their screens."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import AgendaItem, AwardForm, BaseSalary, Decision
from awards.selectors.register import register_records
from awards.services.decisions import (
    cancel_decision_with_items,
    cash_amount,
    cash_total,
    record_decision,
    undecided_items,
)
from awards.services.register import record_awards
from portal.tests.factories import (
    AgendaItemFactory,
    AwardFormFactory,
    BatchFactory,
    CampaignFactory,
    DecisionFactory,
    NominationFactory,
    PersonFactory,
    SessionFactory,
    UnitFactory,
)

SUBMITTED = datetime.datetime(2019, 10, 20, tzinfo=datetime.timezone.utc)
TALLY = {"agree": 5, "disagree": 0, "lower": 0, "invalid": 0, "not_voted": 0}


def form(code):
    return AwardForm.objects.get(regime__code="A", code=code)


def agenda_item(session, award_code, outcome, *, awarded_code=None, unit=None, person=None, name=None):
    """A nominee of ``session`` for the form ``award_code`` with a fixed tally: ``outcome`` ("passed",
    "passed_lower", "failed"), awarded ``awarded_code`` (the proposed form by default; none when failed)."""
    batch_unit = unit or UnitFactory()
    batch = BatchFactory(campaign=session.campaign, unit=batch_unit, status="forwarded", submitted_at=SUBMITTED)
    if unit is not None:
        nomination = NominationFactory(batch=batch, award_form=form(award_code), recipient_kind="collective",
                                       unit=unit, person=None, status="forwarded")
    else:
        person = person or PersonFactory(unit=batch_unit, **({"full_name": name} if name else {}))
        nomination = NominationFactory(batch=batch, award_form=form(award_code), person=person, status="forwarded")
    awarded = None if outcome == "failed" else form(awarded_code or award_code)
    return AgendaItemFactory(session=session, nomination=nomination, outcome=outcome, awarded_form=awarded, **TALLY)


@pytest.fixture
def province(db):
    return UnitFactory(code="TINH-LS", name="UBND tỉnh Lạng Sơn", kind="province")


@pytest.fixture
def session(province):
    return SessionFactory(campaign=CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019"), status="closed",
                          member_count=5)


@pytest.fixture
def items(session):
    """A CSTĐ passed, a CSTĐ passed at the lower Bằng khen, a collective passed for Bằng khen, a CSTĐ failed."""
    return {
        "cstd": agenda_item(session, "cstd_tinh", "passed", name="Hoàng Văn Đức"),
        "lower": agenda_item(session, "cstd_tinh", "passed_lower", awarded_code="bang_khen_tinh",
                             name="Nông Thị Lan"),
        "collective": agenda_item(session, "bang_khen_tinh", "passed",
                                  unit=UnitFactory(name="Xã Tân Đoàn", kind="commune")),
        "failed": agenda_item(session, "cstd_tinh", "failed", name="Vi Văn Bảo"),
    }


def decision_values(**overrides):
    return {"number": "2345/QĐ-UBND", "date": datetime.date(2019, 12, 20), "signer": "Phạm Ngọc Thưởng",
            "signer_position": "Chủ tịch UBND tỉnh", "summary": "Khen thưởng phong trào thi đua đặc biệt",
            **overrides}


def register_rows(user):
    return [(str(r.recipient), r.award_code, r.year, r.decision_number) for r in register_records(user)]


def decide(session, items, by, **overrides):
    return record_decision(session, items=items, values=decision_values(**overrides), by=by)


# --- Recording ----------------------------------------------------------------------------------------------------


def test_record_decision_grows_the_register_with_the_awarded_forms(session, items, alice, province):
    decision = decide(session, [items["cstd"], items["lower"], items["collective"]], alice)

    assert (decision.kind, decision.campaign, decision.issuer_unit, decision.created_by) == (
        "province", session.campaign, province, alice)
    assert sorted(register_rows(alice)) == [
        ("Hoàng Văn Đức", "cstd_tinh", 2019, "2345/QĐ-UBND"),
        ("Nông Thị Lan", "bang_khen_tinh", 2019, "2345/QĐ-UBND"),
        ("Xã Tân Đoàn", "bang_khen_tinh", 2019, "2345/QĐ-UBND"),
    ]
    assert {record.nomination_id for record in decision.records.all()} == {
        items[key].nomination_id for key in ("cstd", "lower", "collective")}


def test_record_decision_marks_each_item_with_the_decision(session, items, alice):
    decision = decide(session, [items["cstd"], items["lower"]], alice)

    decided = {item.pk: item.decision.number for item in AgendaItem.objects.filter(decision__isnull=False)}
    assert decided == {items["cstd"].pk: "2345/QĐ-UBND", items["lower"].pk: "2345/QĐ-UBND"}
    assert AgendaItem.history.filter(id=items["cstd"].pk).first().history_change_reason == (
        f"Được khen theo {decision}")


def test_record_decision_may_be_made_twice_for_one_session(session, items, alice):
    decide(session, [items["cstd"]], alice, number="1/QĐ-UBND")
    decide(session, [items["lower"], items["collective"]], alice, number="2/QĐ-UBND")

    numbers = sorted(AgendaItem.objects.filter(decision__isnull=False).values_list("decision__number", flat=True))
    assert numbers == ["1/QĐ-UBND", "2/QĐ-UBND", "2/QĐ-UBND"]


def test_record_decision_refuses_a_failed_item(session, items, alice):
    with pytest.raises(ValidationError) as error:
        decide(session, [items["cstd"], items["failed"]], alice)

    assert error.value.message_dict == {"items": ["“Vi Văn Bảo” không đạt: không ghi quyết định được."]}
    assert (Decision.objects.count(), register_rows(alice)) == (0, [])


def test_record_decision_refuses_a_form_decided_above_the_province(session, items, alice):
    upward = agenda_item(session, "bang_khen_thu_tuong", "passed", name="Hoàng Thị Phương")

    with pytest.raises(ValidationError) as error:
        decide(session, [items["cstd"], upward], alice)

    assert error.value.message_dict == {"items": [
        "“Bằng khen của Thủ tướng Chính phủ” do cấp trên quyết định: tỉnh trình lên, không ghi quyết định của Chủ "
        "tịch UBND tỉnh."]}
    assert list(undecided_items(session)) == [items["cstd"], items["lower"], items["collective"]]


def test_record_decision_refuses_an_item_already_decided(session, items, alice):
    first = decide(session, [items["cstd"]], alice, number="1/QĐ-UBND")

    with pytest.raises(ValidationError) as error:
        decide(session, [items["cstd"], items["lower"]], alice, number="2/QĐ-UBND")

    assert error.value.message_dict == {"items": [f"“Hoàng Văn Đức” đã có {first}."]}
    assert list(Decision.objects.all()) == [first]


def test_record_decision_refuses_an_open_session(session, items, alice):
    session.status = "open"
    session.save()

    with pytest.raises(ValidationError) as error:
        decide(session, [items["cstd"]], alice)

    assert error.value.messages == ["Phiên họp chưa kết thúc bỏ phiếu: chưa ghi quyết định được."]


def test_record_decision_refuses_a_number_used_that_year(session, items, alice):
    decide(session, [items["cstd"]], alice)

    with pytest.raises(ValidationError) as error:
        decide(session, [items["lower"]], alice)

    assert error.value.message_dict == {
        "number": ["UBND tỉnh Lạng Sơn đã có quyết định số 2345/QĐ-UBND trong năm 2019."]}
    assert Decision.objects.count() == 1


def test_record_decision_refuses_an_item_of_another_session(session, items, alice):
    other = agenda_item(SessionFactory(campaign=session.campaign, status="closed", member_count=5), "cstd_tinh",
                        "passed")

    with pytest.raises(ValidationError) as error:
        decide(session, [items["cstd"], other], alice)

    assert error.value.message_dict == {"items": ["Có đề nghị không thuộc phiên họp này."]}


def test_record_decision_refuses_a_date_before_the_session(session, items, alice):
    with pytest.raises(ValidationError) as error:
        decide(session, [items["cstd"]], alice, date=datetime.date(2019, 11, 19))

    assert error.value.message_dict == {"date": ["Ngày ký ở trước ngày họp Hội đồng (20/11/2019)."]}


def test_record_decision_refuses_without_the_issuing_unit(session, items, alice, settings):
    settings.PORTAL_DECISION_ISSUER_CODE = "KHONG-CO"

    with pytest.raises(ValidationError) as error:
        decide(session, [items["cstd"]], alice)

    assert error.value.messages == [
        "Chưa có đơn vị mã “KHONG-CO” (UBND tỉnh) để ghi là cơ quan ban hành quyết định."]


# --- Cancelling ---------------------------------------------------------------------------------------------------


def test_cancel_decision_with_items_needs_a_reason(session, items, alice):
    decision = decide(session, [items["cstd"]], alice)

    with pytest.raises(ValidationError) as error:
        cancel_decision_with_items(decision, reason="  ", by=alice)

    assert error.value.message_dict == {"reason": ["Hãy ghi lý do hủy quyết định."]}
    decision.refresh_from_db()
    items["cstd"].refresh_from_db()
    assert (decision.cancelled_at, items["cstd"].decision) == (None, decision)


def test_cancel_decision_leaves_the_register_as_before(session, items, alice):
    earlier = DecisionFactory(issuer_unit=UnitFactory(), date=datetime.date(2018, 12, 20))
    record_awards(earlier, awardees=[items["cstd"].nomination.person], award_form=form("bang_khen_tinh"),
                  year=2018, by=alice)
    before = list(register_records(alice))
    decision = decide(session, [items["cstd"], items["lower"], items["collective"]], alice)
    assert len(register_records(alice)) == 4

    cancel_decision_with_items(decision, reason="Ghi nhầm danh sách", by=alice)

    assert list(register_records(alice)) == before
    decision.refresh_from_db()
    assert (decision.cancel_reason, decision.cancelled_by) == ("Ghi nhầm danh sách", alice)


def test_cancel_decision_lets_the_items_be_decided_again(session, items, alice):
    decision = decide(session, [items["cstd"], items["lower"]], alice)
    cancel_decision_with_items(decision, reason="Ghi nhầm số", by=alice)

    assert AgendaItem.objects.filter(decision__isnull=False).count() == 0
    again = decide(session, [items["cstd"], items["lower"]], alice, number="2346/QĐ-UBND")

    assert sorted(register_rows(alice)) == [("Hoàng Văn Đức", "cstd_tinh", 2019, "2346/QĐ-UBND"),
                                            ("Nông Thị Lan", "bang_khen_tinh", 2019, "2346/QĐ-UBND")]
    assert set(AgendaItem.objects.filter(decision=again)) == {items["cstd"], items["lower"]}


# --- Cash ---------------------------------------------------------------------------------------------------------


def test_base_salary_is_seeded(db):
    rows = list(BaseSalary.objects.order_by("effective_from").values_list("effective_from", "amount"))
    assert rows == [(datetime.date(2017, 7, 1), 1_300_000), (datetime.date(2018, 7, 1), 1_390_000),
                    (datetime.date(2019, 7, 1), 1_490_000), (datetime.date(2023, 7, 1), 1_800_000),
                    (datetime.date(2024, 7, 1), 2_340_000)]


def test_cash_total_uses_coefficients_and_the_base_salary_of_the_date(session, items, alice):
    decision = decide(session, [items["cstd"], items["lower"], items["collective"]], alice)

    rows, total = cash_total(decision)

    assert [(str(r.record.recipient), r.coefficient, r.base_salary, r.amount) for r in rows] == [
        ("Nông Thị Lan", Decimal("1.00"), 1_490_000, 1_490_000),
        ("Xã Tân Đoàn", Decimal("1.00"), 1_490_000, 1_490_000),
        ("Hoàng Văn Đức", Decimal("3.00"), 1_490_000, 4_470_000),
    ]
    assert total == 7_450_000


def test_cash_total_takes_the_base_salary_in_force_in_2018(alice):
    decision = DecisionFactory(kind="province", date=datetime.date(2018, 12, 20))
    record_awards(decision, awardees=[PersonFactory()], award_form=form("cstd_tinh"), year=2018, by=alice)

    rows, total = cash_total(decision)

    assert [(r.base_salary, r.amount) for r in rows] == [(1_390_000, 4_170_000)]
    assert total == 4_170_000


def test_cash_total_counts_a_form_without_coefficient_as_nothing(alice):
    no_cash = AwardFormFactory(code="danh_hieu_khong_tien", name="Danh hiệu không có tiền thưởng",
                               cash_coefficient=None)
    decision = DecisionFactory(kind="province", date=datetime.date(2019, 12, 20))
    record_awards(decision, awardees=[PersonFactory()], award_form=no_cash, year=2019, by=alice)
    record_awards(decision, awardees=[PersonFactory()], award_form=form("cstd_tinh"), year=2019, by=alice)

    rows, total = cash_total(decision)

    assert sorted((r.coefficient is None, r.amount) for r in rows) == [(False, 4_470_000), (True, 0)]
    assert total == 4_470_000


def test_cash_amount_rounds_half_up_to_whole_dong():
    assert (cash_amount(Decimal("0.25"), 1_490_002), cash_amount(Decimal("0.25"), 1_490_001),
            cash_amount(None, 1_490_000), cash_amount(Decimal("3.0"), None)) == (372_501, 372_500, 0, 0)


# --- Screens ------------------------------------------------------------------------------------------------------


def test_decision_create_lists_the_passed_undecided_items_all_ticked(session, items, role_clients, alice):
    decide(session, [items["collective"]], alice)

    response = role_clients["staff"].get(reverse("awards:decision_create", args=[session.pk]))

    field = response.context["form"]["items"]
    assert [choice.data["value"].value for choice in field] == [items["cstd"].pk, items["lower"].pk]
    assert field.value() == [items["cstd"].pk, items["lower"].pk]
    assert "(hình thức thấp hơn đề nghị: Chiến sĩ thi đua cấp tỉnh)" in response.content.decode()


def test_decision_create_records_and_shows_the_cash_total(session, items, role_clients):
    data = {**decision_values(date="2019-12-20"), "items": [items["cstd"].pk, items["lower"].pk]}

    response = role_clients["staff"].post(reverse("awards:decision_create", args=[session.pk]), data)

    decision = Decision.objects.get()
    assert response.url == reverse("awards:decision_detail", args=[decision.pk])
    page = role_clients["staff"].get(response.url).content.decode()
    assert ("Tiền thưởng" in page, "4.470.000 đồng" in page, "5.960.000 đồng" in page,
            "Hủy quyết định" in page) == (True, True, True, True)


def test_decision_create_shows_a_refusal_beside_the_field(session, items, role_clients, alice):
    decide(session, [items["cstd"]], alice)
    data = {**decision_values(date="2019-12-20"), "items": [items["lower"].pk]}

    response = role_clients["staff"].post(reverse("awards:decision_create", args=[session.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "number": ["UBND tỉnh Lạng Sơn đã có quyết định số 2345/QĐ-UBND trong năm 2019."]}


def test_decision_cancel_requires_a_reason_then_cancels(session, items, role_clients, alice):
    decision = decide(session, [items["cstd"]], alice)
    url = reverse("awards:decision_cancel", args=[decision.pk])

    refused = role_clients["staff"].post(url, {"reason": ""})
    done = role_clients["staff"].post(url, {"reason": "Ghi nhầm danh sách"})

    assert (refused.status_code, done.url) == (200, decision.get_absolute_url())
    decision.refresh_from_db()
    assert decision.cancel_reason == "Ghi nhầm danh sách"
    page = role_clients["staff"].get(done.url).content.decode()
    assert ("Ghi nhầm danh sách" in page, f'href="{url}"' in page) == (True, False)
