"""The award catalogue's services, selectors and forms: edits with history and reasons, the checks of an award form,
documents and rules saved as rows, the typed rule parameters built into exactly the keys each kind uses."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from awards.forms.catalogue import AwardFormEditForm, RulesFormSet
from awards.models import AwardForm, EligibilityRule, RequiredDocument
from awards.selectors.catalogue import catalogue_regimes, form_history, regime_award_codes, rules_by_route
from awards.services.catalogue import FORM_FIELDS, save_documents, save_rules, update_form
from campaign.models import LegalRegime
from portal.tests.factories import AwardFormFactory, CampaignFactory

pytestmark = pytest.mark.django_db


def seeded(regime, code):
    return AwardForm.objects.get(regime__code=regime, code=code)


def values_of(form, **changes):
    return {**{name: getattr(form, name) for name in FORM_FIELDS}, **changes}


def refusal(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# --- The seed as the catalogue reads it -------------------------------------------------------------------------


def test_catalogue_regimes_hold_the_seeded_forms_active_first_by_order():
    seeded("A", "giay_khen").__class__.objects.filter(regime__code="A", code="giay_khen").update(is_active=False)
    regimes = {regime.code: [form.code for form in regime.catalogue_forms] for regime in catalogue_regimes()}
    assert regimes == {
        "A": ["co_thi_dua_tinh", "bang_khen_tinh", "tap_the_lao_dong_xuat_sac", "cstd_tinh", "bang_khen_thu_tuong",
              "co_thi_dua_chinh_phu", "cstd_co_so", "lao_dong_tien_tien", "giay_khen"],
        "B": ["co_thi_dua_tinh", "bang_khen_tinh", "giay_khen", "tap_the_lao_dong_xuat_sac", "cstd_tinh",
              "bang_khen_thu_tuong", "co_thi_dua_chinh_phu", "cstd_co_so", "lao_dong_tien_tien"],
        "C": ["co_thi_dua_tinh", "bang_khen_tinh", "giay_khen", "tap_the_lao_dong_xuat_sac", "cstd_tinh",
              "bang_khen_thu_tuong", "co_thi_dua_chinh_phu", "cstd_co_so", "lao_dong_tien_tien"],
    }


def test_catalogue_regimes_put_the_regime_of_the_newest_campaign_first():
    CampaignFactory(regime=LegalRegime.objects.get(code="A"))
    CampaignFactory(regime=LegalRegime.objects.get(code="B"), start_date=datetime.date(2024, 3, 1),
                    end_date=datetime.date(2024, 10, 1))
    CampaignFactory(regime=LegalRegime.objects.get(code="C"), start_date=datetime.date(2026, 3, 1),
                    end_date=datetime.date(2026, 10, 1), status="draft")
    assert [regime.code for regime in catalogue_regimes()] == ["B", "A", "C"]


def test_catalogue_regimes_without_campaigns_are_newest_first():
    assert [regime.code for regime in catalogue_regimes()] == ["C", "B", "A"]


def test_rules_by_route_describes_each_rule_in_vietnamese_with_award_names():
    routes = rules_by_route(seeded("B", "bang_khen_tinh"))
    assert [(route["route"], [item["rule"].kind for item in route["rules"]]) for route in routes] == [
        (1, ["campaign_results"]), (2, ["consecutive_ratings", "initiatives"]), (3, ["consecutive_awards"]),
    ]
    assert routes[2]["rules"][0]["text"] == (
        "Đạt Chiến sĩ thi đua cơ sở 2 năm liên tục, tính đến năm trước năm của phong trào. "
        "(Chỉ áp dụng cho: Cá nhân.)"
    )


def test_regime_award_codes_are_the_codes_of_the_regime():
    assert [code for code, __ in regime_award_codes(LegalRegime.objects.get(code="C"))][:3] == [
        "co_thi_dua_tinh", "bang_khen_tinh", "giay_khen"
    ]


# --- An award form ----------------------------------------------------------------------------------------------


def test_update_form_saves_the_change_with_who_and_why(alice):
    form = seeded("A", "bang_khen_tinh")
    changed = update_form(form, values={"council_threshold": Decimal("85"), "cash_coefficient": Decimal("1.5")},
                          by=alice, reason="Theo Nghị định sửa đổi")
    form.refresh_from_db()
    row = form.history.latest()
    assert (changed, form.council_threshold, form.cash_coefficient) == (
        ["council_threshold", "cash_coefficient"], Decimal("85.00"), Decimal("1.50"))
    assert (row.history_user, row.history_change_reason, row.history_type) == (alice, "Theo Nghị định sửa đổi", "~")


def test_update_form_without_a_change_writes_no_history(alice):
    form = seeded("A", "bang_khen_tinh")
    before = form.history.count()
    assert update_form(form, values=values_of(form), by=alice, reason="Không đổi") == []
    assert form.history.count() == before


@pytest.mark.parametrize("threshold", [Decimal("120"), Decimal("0"), Decimal("-5")])
def test_update_form_refuses_a_threshold_outside_0_to_100(alice, threshold):
    form = seeded("A", "bang_khen_tinh")
    errors = refusal(lambda: update_form(form, values={"council_threshold": threshold}, by=alice, reason="x"))
    assert errors == {"council_threshold": [
        "Ngưỡng đồng ý phải lớn hơn 0 và không quá 100 (% tổng số thành viên)."]}


def test_update_form_refuses_a_quota_without_value(alice):
    form = seeded("A", "bang_khen_tinh")
    errors = refusal(lambda: update_form(form, values={"quota_kind": "per_unit"}, by=alice, reason="x"))
    assert errors == {"quota_value": ["Hạn mức “Tối đa số đề nghị mỗi đơn vị trong phong trào” cần một giá trị lớn "
                                      "hơn 0."]}


def test_update_form_refuses_a_share_quota_without_a_base_of_the_same_regime(alice):
    form = seeded("A", "co_thi_dua_chinh_phu")
    other = seeded("B", "co_thi_dua_tinh")
    assert refusal(lambda: update_form(form, values={"quota_base": None}, by=alice, reason="x")) == {
        "quota_base": ["Hạn mức theo tỷ lệ cần chọn hình thức làm căn cứ."]}
    assert refusal(lambda: update_form(form, values={"quota_base": other}, by=alice, reason="x")) == {
        "quota_base": ["Hình thức làm căn cứ phải thuộc cùng chế độ pháp lý."]}


def test_update_form_refuses_a_lower_form_of_another_regime_or_itself(alice):
    form = seeded("A", "cstd_tinh")
    other = seeded("B", "bang_khen_tinh")
    assert refusal(lambda: update_form(form, values={"lower_form": other}, by=alice, reason="x")) == {
        "lower_form": ["Hình thức thấp hơn phải thuộc cùng chế độ pháp lý."]}
    assert refusal(lambda: update_form(form, values={"lower_form": form}, by=alice, reason="x")) == {
        "lower_form": ["Hình thức thấp hơn không thể là chính hình thức này."]}


def test_update_form_drops_the_value_and_base_of_a_quota_set_to_none(alice):
    form = seeded("A", "co_thi_dua_chinh_phu")
    update_form(form, values={"quota_kind": "none"}, by=alice, reason="Bỏ hạn mức")
    form.refresh_from_db()
    assert (form.quota_kind, form.quota_value, form.quota_base_id) == ("none", None, None)


def edit_form(form, **changes):
    data = {name: getattr(form, name) for name in FORM_FIELDS}
    data.update({"lower_form": form.lower_form_id, "quota_base": form.quota_base_id, "reason": "Lý do", **changes})
    data = {name: ("" if value is None else value) for name, value in data.items() if value is not False}
    return AwardFormEditForm(data, instance=AwardForm.objects.get(pk=form.pk))


def test_edit_form_shows_the_threshold_refusal_beside_the_field():
    bound = edit_form(seeded("A", "bang_khen_tinh"), council_threshold="120")
    assert (bound.is_valid(), bound.errors) == (False, {"council_threshold": [
        "Ngưỡng đồng ý phải lớn hơn 0 và không quá 100 (% tổng số thành viên)."]})


def test_edit_form_takes_numbers_written_with_a_comma():
    bound = edit_form(seeded("A", "bang_khen_tinh"), cash_coefficient="1,25")
    assert (bound.is_valid(), bound.form_values()["cash_coefficient"]) == (True, Decimal("1.25"))


def test_edit_form_offers_only_other_forms_of_the_regime_as_lower_form():
    form = seeded("A", "cstd_tinh")
    bound = edit_form(form, lower_form=seeded("B", "bang_khen_tinh").pk)
    assert bound.is_valid() is False
    assert bound.errors == {"lower_form": ["Hãy chọn một hình thức khác thuộc cùng chế độ pháp lý."]}
    assert set(bound.fields["lower_form"].queryset.values_list("regime__code", flat=True)) == {"A"}
    assert form.pk not in set(bound.fields["lower_form"].queryset.values_list("pk", flat=True))


# --- Documents ----------------------------------------------------------------------------------------------------


def test_save_documents_adds_changes_and_deletes_rows_with_the_reason(alice):
    form = AwardFormFactory()
    RequiredDocument.objects.filter(form=form).delete()
    kept = RequiredDocument.objects.create(form=form, name="Báo cáo thành tích", order=1)
    gone = RequiredDocument.objects.create(form=form, name="Bản sao quyết định", order=2)
    counts = save_documents(form, rows=[
        {"id": kept.pk, "delete": False, "name": "Báo cáo thành tích (có xác nhận)", "applies_to": "all",
         "is_required": True, "order": 1},
        {"id": gone.pk, "delete": True},
        {"id": None, "delete": False, "name": "Xác nhận của UBND xã", "applies_to": "household",
         "is_required": False, "order": 3},
    ], by=alice, reason="Theo hướng dẫn mới")
    assert counts == {"added": 1, "changed": 1, "deleted": 1}
    assert list(RequiredDocument.objects.filter(form=form).values_list("name", "applies_to", "is_required")) == [
        ("Báo cáo thành tích (có xác nhận)", "all", True), ("Xác nhận của UBND xã", "household", False)]
    reasons = set(RequiredDocument.history.filter(form_id=form.pk, history_user=alice).values_list(
        "history_type", "history_change_reason"))
    assert reasons == {("+", "Theo hướng dẫn mới"), ("~", "Theo hướng dẫn mới"), ("-", "Theo hướng dẫn mới")}


def test_save_documents_refuses_a_row_of_another_form(alice):
    other = RequiredDocument.objects.filter(form=seeded("B", "bang_khen_tinh")).first()
    with pytest.raises(ValidationError):
        save_documents(seeded("A", "bang_khen_tinh"), rows=[{"id": other.pk, "delete": True}], by=alice, reason="x")
    assert RequiredDocument.objects.filter(pk=other.pk).exists()


# --- Rules --------------------------------------------------------------------------------------------------------


PARAMS = {
    "consecutive_awards": ({"awards": ["cstd_co_so", "lao_dong_tien_tien"], "years": "3", "until": "previous",
                            "rank": "2", "count": "4"},
                           {"awards": ["cstd_co_so", "lao_dong_tien_tien"], "years": 3, "until": "previous"}),
    "consecutive_ratings": ({"rating": "good", "years": "5", "until": "current", "scope": "national"},
                            {"rating": "good", "years": 5, "until": "current"}),
    "initiatives": ({"count": "2", "years": "2", "scope": "province", "until": "previous", "rating": "excellent"},
                    {"count": 2, "years": 2, "scope": "province", "until": "previous"}),
    "holds_award": ({"awards": ["bang_khen_tinh"], "years": "5"}, {"awards": ["bang_khen_tinh"]}),
    "cluster_rank": ({"rank": "1", "until": "current"}, {"rank": 1}),
    "roster_shares": ({"completed_pct": "100", "advanced_pct": "70", "cstd_count": "1", "until": "previous"},
                      {"completed_pct": 100, "advanced_pct": 70, "advanced_award": "lao_dong_tien_tien",
                       "cstd_count": 1, "cstd_award": "cstd_co_so", "until": "previous"}),
    "campaign_results": ({"min_items": "2", "count": "7"}, {"min_items": 2}),
}


def rules_data(rows, initial=0):
    data = {"rules-TOTAL_FORMS": str(len(rows)), "rules-INITIAL_FORMS": str(initial), "rules-MIN_NUM_FORMS": "0",
            "rules-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"rules-{index}-{key}"] = value
    return data


def rules_formset(form, rows, initial=0):
    return RulesFormSet(rules_data(rows, initial), instance=form, prefix="rules",
                        form_kwargs={"award_codes": regime_award_codes(form.regime)})


def new_rule(kind, **params):
    return {"route": "1", "kind": kind, "applies_to": "all", "citation": "Điều 1 Luật TĐKT", "order": "", **params}


@pytest.mark.parametrize("kind", list(PARAMS))
def test_rules_formset_builds_exactly_the_params_of_each_kind(kind):
    typed, expected = PARAMS[kind]
    formset = rules_formset(AwardFormFactory(), [new_rule(kind, **typed)])
    assert formset.is_valid(), formset.errors
    assert formset.rows() == [{"id": None, "delete": False, "route": 1, "kind": kind, "applies_to": "all",
                               "citation": "Điều 1 Luật TĐKT", "order": 1, "params": expected}]


@pytest.mark.parametrize(("kind", "missing"), [
    ("consecutive_awards", {"awards", "years", "until"}), ("consecutive_ratings", {"rating", "years", "until"}),
    ("initiatives", {"count", "years", "scope", "until"}), ("holds_award", {"awards"}), ("cluster_rank", {"rank"}),
    ("roster_shares", {"completed_pct", "advanced_pct", "cstd_count", "until"}), ("campaign_results", {"min_items"}),
])
def test_rules_formset_names_each_missing_parameter_beside_its_field(kind, missing):
    formset = rules_formset(AwardFormFactory(), [new_rule(kind)])
    assert formset.is_valid() is False
    assert formset.errors == [{key: ["Loại điều kiện này cần giá trị này."] for key in missing}]


def test_rules_formset_keeps_an_after_award_typed_for_consecutive_ratings():
    form = seeded("B", "bang_khen_thu_tuong")
    formset = rules_formset(form, [new_rule("consecutive_ratings", rating="good", years="5", until="previous",
                                            after_award="bang_khen_tinh")])
    assert formset.is_valid(), formset.errors
    assert formset.rows()[0]["params"] == {"rating": "good", "years": 5, "until": "previous",
                                           "after_award": "bang_khen_tinh"}


def test_rules_formset_offers_after_award_among_the_codes_of_the_regime():
    formset = rules_formset(seeded("B", "bang_khen_thu_tuong"), [
        new_rule("consecutive_ratings", rating="good", years="5", until="previous", after_award="khong_co")])
    assert formset.is_valid() is False
    assert list(formset.errors[0]) == ["after_award"]
    assert formset.forms[0].fields["after_award"].choices[:2] == [
        ("", "— Không —"), ("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh (co_thi_dua_tinh)")]


def test_rules_formset_refuses_route_0_beside_the_field():
    formset = rules_formset(AwardFormFactory(), [new_rule("cluster_rank", route="0", rank="1")])
    assert formset.is_valid() is False
    assert list(formset.errors[0]) == ["route"]


def test_rules_formset_offers_only_the_codes_of_the_regime():
    formset = rules_formset(seeded("A", "cstd_tinh"), [new_rule("holds_award", awards=["khong_co"])])
    assert formset.is_valid() is False
    assert list(formset.errors[0]) == ["awards"]


def test_rules_formset_keeps_the_roster_award_codes_a_rule_had(alice):
    form = AwardFormFactory()
    rule = EligibilityRule.objects.create(
        form=form, kind="roster_shares", citation="Điều 27",
        params={"completed_pct": 100, "advanced_pct": 70, "advanced_award": "ldtt_khac", "cstd_count": 1,
                "cstd_award": "cstd_khac", "until": "previous"})
    row = {"id": str(rule.pk), "form": str(form.pk), **new_rule("roster_shares", completed_pct="100",
                                                                 advanced_pct="80", cstd_count="2",
                                                                 until="previous")}
    formset = rules_formset(form, [row], initial=1)
    assert formset.is_valid(), formset.errors
    assert formset.rows()[0]["params"] == {"completed_pct": 100, "advanced_pct": 80, "advanced_award": "ldtt_khac",
                                           "cstd_count": 2, "cstd_award": "cstd_khac", "until": "previous"}


def test_save_rules_adds_and_deletes_with_the_reason(alice):
    form = seeded("A", "cstd_tinh")
    first, second = EligibilityRule.objects.filter(form=form).order_by("order")
    counts = save_rules(form, rows=[
        {"id": first.pk, "delete": True},
        {"id": second.pk, "delete": False, "route": 1, "kind": "initiatives", "applies_to": "all",
         "citation": second.citation, "order": 1,
         "params": {"count": 2, "years": 3, "scope": "province", "until": "previous"}},
        {"id": None, "delete": False, "route": 2, "kind": "holds_award", "applies_to": "individual",
         "citation": "Điều 22", "order": 1, "params": {"awards": ["bang_khen_tinh"]}},
    ], by=alice, reason="Sửa theo Luật mới")
    assert counts == {"added": 1, "changed": 1, "deleted": 1}
    assert list(EligibilityRule.objects.filter(form=form).values_list("route", "kind", "params")) == [
        (1, "initiatives", {"count": 2, "years": 3, "scope": "province", "until": "previous"}),
        (2, "holds_award", {"awards": ["bang_khen_tinh"]}),
    ]
    deleted = EligibilityRule.history.get(id=first.pk, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (alice, "Sửa theo Luật mới")


def test_save_rules_refuses_params_that_do_not_fit_the_kind(alice):
    form = seeded("A", "cstd_tinh")
    rows = [{"id": None, "delete": False, "route": 1, "kind": "cluster_rank", "applies_to": "all",
             "citation": "Điều 26", "order": 1, "params": {"rank": 1, "years": 2}}]
    with pytest.raises(ValidationError) as caught:
        save_rules(form, rows=rows, by=alice, reason="x")
    assert caught.value.messages == ["Điều kiện thứ 1: Tham số không đúng với loại điều kiện."]


def test_save_rules_refuses_an_after_award_outside_the_regime(alice):
    form = seeded("A", "bang_khen_thu_tuong")
    rows = [{"id": None, "delete": False, "route": 2, "kind": "consecutive_ratings", "applies_to": "individual",
             "citation": "Điều 71", "order": 1,
             "params": {"rating": "good", "years": 5, "until": "previous", "after_award": "huan_chuong"}}]
    with pytest.raises(ValidationError) as caught:
        save_rules(form, rows=rows, by=alice, reason="x")
    assert caught.value.messages == ["Điều kiện thứ 1: Không có trong danh mục của chế độ này: huan_chuong."]


def test_save_rules_refuses_a_rule_without_a_required_param(alice):
    form = seeded("A", "bang_khen_thu_tuong")
    rows = [{"id": None, "delete": False, "route": 2, "kind": "consecutive_ratings", "applies_to": "individual",
             "citation": "Điều 71", "order": 1, "params": {"rating": "good", "years": 5}}]
    with pytest.raises(ValidationError) as caught:
        save_rules(form, rows=rows, by=alice, reason="x")
    assert caught.value.messages == ["Điều kiện thứ 1: Tham số không đúng với loại điều kiện."]


def test_save_rules_refuses_awards_outside_the_regime(alice):
    form = seeded("A", "cstd_tinh")
    rows = [{"id": None, "delete": False, "route": 1, "kind": "holds_award", "applies_to": "all",
             "citation": "Điều 22", "order": 1, "params": {"awards": ["huan_chuong"]}}]
    with pytest.raises(ValidationError) as caught:
        save_rules(form, rows=rows, by=alice, reason="x")
    assert caught.value.messages == ["Điều kiện thứ 1: Không có trong danh mục của chế độ này: huan_chuong."]


# --- History ------------------------------------------------------------------------------------------------------


def test_form_history_merges_the_form_its_documents_and_rules(alice):
    form = seeded("A", "giay_khen")
    update_form(form, values={"order": 31}, by=alice, reason="Đổi thứ tự")
    save_documents(form, rows=[{"id": None, "delete": False, "name": "Biên bản họp xét", "applies_to": "all",
                                "is_required": True, "order": 5}], by=alice, reason="Thêm biên bản")
    page = form_history(form, 1)
    newest = [(row.subject, row.history_change_reason) for row in page.object_list[:2]]
    assert newest == [("Tài liệu: Biên bản họp xét", "Thêm biên bản"),
                      ("Hình thức: Giấy khen của Thủ trưởng cơ quan, Chủ tịch UBND cấp huyện", "Đổi thứ tự")]
    assert [(change.field, change.before, change.after) for change in page.object_list[1].changes] == [
        ("Thứ tự", "30", "31")]
