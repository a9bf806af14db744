"""The catalogue screens: the list by regime for everyone signed in, a form's page, and the staff edits (settings,
documents, rules) with their refusals beside the fields, the confirmation of deletions and the history."""

import pytest
from django.urls import reverse

from awards.models import AwardForm, EligibilityRule, RequiredDocument
from awards.services.catalogue import FORM_FIELDS
from campaign.models import LegalRegime
from portal.tests.factories import AwardFormFactory
from portal.tests.helpers import query_count

pytestmark = pytest.mark.django_db


def seeded(regime, code):
    return AwardForm.objects.get(regime__code=regime, code=code)


def test_catalogue_lists_the_seeded_forms_of_the_three_regimes(role_clients):
    response = role_clients["officer"].get(reverse("awards:catalogue"))
    listed = {regime.code: len(regime.catalogue_forms) for regime in response.context["regimes"]}
    assert (response.status_code, listed) == (200, {"A": 9, "B": 9, "C": 9})
    assert response.content.decode().count("Chiến sĩ thi đua cấp tỉnh") == 6  # table and card, three regimes
    assert response.context["manages"] is False


def test_catalogue_shows_threshold_quota_and_cash_as_people_write_them(role_clients):
    page = role_clients["council"].get(reverse("awards:catalogue")).content.decode()
    assert "≥ 90%" in page
    assert ("Tối đa tỷ lệ % số đề nghị của hình thức làm căn cứ: <strong>20%</strong> "
            "(căn cứ: Cờ thi đua của UBND tỉnh)") in page
    assert "1,5 × lương cơ sở" in page


def test_catalogue_query_count_does_not_grow_with_the_forms(role_clients):
    client, url = role_clients["staff"], reverse("awards:catalogue")
    AwardForm.objects.update(quota_base=None, quota_kind="none", quota_value=None)
    AwardForm.objects.all().delete()
    regime = LegalRegime.objects.get(code="C")
    base = AwardFormFactory(regime=regime, code="co_thi_dua_tinh", name="Cờ thi đua của UBND tỉnh")
    one = query_count(client, url)
    for number in range(30):
        AwardFormFactory(regime=LegalRegime.objects.get(code="ABC"[number % 3]), code=f"them_{number}",
                         name=f"Hình thức thêm {number}", quota_kind="share_of_base", quota_value=10,
                         quota_base=base, lower_form=base, is_active=number % 2 == 0)
    assert query_count(client, url) == one


def test_form_detail_shows_routes_documents_and_staff_links(role_clients):
    form = seeded("B", "bang_khen_tinh")
    url = reverse("awards:form_detail", args=[form.pk])
    response = role_clients["staff"].get(url)
    assert [route["route"] for route in response.context["routes"]] == [1, 2, 3]
    assert [document.applies_to for document in response.context["documents"]] == ["all", "household"]
    page = response.content.decode()
    assert "Phương án 3" in page
    assert reverse("awards:form_rules", args=[form.pk]) in page
    assert reverse("awards:form_rules", args=[form.pk]) not in role_clients["officer"].get(url).content.decode()


# --- Settings ---------------------------------------------------------------------------------------------------


def edit_data(form, **changes):
    data = {name: getattr(form, name) for name in FORM_FIELDS}
    data.update({"lower_form": form.lower_form_id, "quota_base": form.quota_base_id, "reason": "Theo văn bản mới",
                 **changes})
    return {name: ("" if value is None else value) for name, value in data.items() if value is not False}


def test_staff_edit_a_form_and_the_history_keeps_the_reason(role_clients, alice):
    form = seeded("A", "bang_khen_tinh")
    response = role_clients["staff"].post(reverse("awards:form_edit", args=[form.pk]),
                                          edit_data(form, council_threshold="85", cash_coefficient="1,5"))
    form.refresh_from_db()
    assert (response.status_code, response.url) == (302, form.get_absolute_url())
    assert (form.council_threshold, str(form.cash_coefficient)) == (85, "1.50")
    history = role_clients["staff"].get(reverse("awards:form_history", args=[form.pk])).context["records"]
    assert [(row.history_user, row.history_change_reason) for row in history[:1]] == [(alice, "Theo văn bản mới")]
    assert [(change.field, change.before, change.after) for change in history[0].changes] == [
        ("Ngưỡng đồng ý của Hội đồng (% tổng số thành viên)", "80,00", "85,00"),
        ("Tiền thưởng (hệ số lương cơ sở)", "1,00", "1,50"),
    ]


def test_edit_refuses_a_threshold_of_120_beside_the_field(role_clients):
    form = seeded("A", "bang_khen_tinh")
    response = role_clients["staff"].post(reverse("awards:form_edit", args=[form.pk]),
                                          edit_data(form, council_threshold="120"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"council_threshold": [
        "Ngưỡng đồng ý phải lớn hơn 0 và không quá 100 (% tổng số thành viên)."]}
    assert AwardForm.objects.get(pk=form.pk).council_threshold == 80


def test_edit_refuses_a_quota_without_value_beside_the_field(role_clients):
    form = seeded("A", "bang_khen_tinh")
    response = role_clients["staff"].post(reverse("awards:form_edit", args=[form.pk]),
                                          edit_data(form, quota_kind="per_cluster"))
    assert response.context["form"].errors == {"quota_value": [
        "Hạn mức “Tối đa số đề nghị mỗi cụm, khối trong phong trào” cần một giá trị lớn hơn 0."]}


def test_edit_refuses_a_lower_form_of_another_regime_beside_the_field(role_clients):
    form = seeded("A", "cstd_tinh")
    response = role_clients["staff"].post(reverse("awards:form_edit", args=[form.pk]),
                                          edit_data(form, lower_form=seeded("C", "bang_khen_tinh").pk))
    assert response.context["form"].errors == {"lower_form": ["Hãy chọn một hình thức khác thuộc cùng chế độ pháp lý."]}
    assert AwardForm.objects.get(pk=form.pk).lower_form == seeded("A", "bang_khen_tinh")


def test_edit_requires_a_reason(role_clients):
    form = seeded("A", "bang_khen_tinh")
    response = role_clients["staff"].post(reverse("awards:form_edit", args=[form.pk]), edit_data(form, reason=""))
    assert list(response.context["form"].errors) == ["reason"]


def test_edit_keeps_regime_and_code(role_clients):
    form = seeded("A", "bang_khen_tinh")
    role_clients["staff"].post(reverse("awards:form_edit", args=[form.pk]),
                               edit_data(form, code="khac", regime=LegalRegime.objects.get(code="B").pk))
    form.refresh_from_db()
    assert (form.code, form.regime.code) == ("bang_khen_tinh", "A")


# --- Documents and rules ------------------------------------------------------------------------------------------


def rows_data(prefix, rows, initial, reason="Cập nhật theo hướng dẫn", confirm=False):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000", "reason": reason}
    if confirm:
        data["confirm_delete"] = "on"
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items() if value is not False})
    return data


def document_rows(form):
    return [{"id": document.pk, "form": form.pk, "name": document.name, "applies_to": document.applies_to,
             "is_required": document.is_required, "order": document.order}
            for document in RequiredDocument.objects.filter(form=form)]


def test_staff_add_a_document(role_clients):
    form = seeded("A", "bang_khen_tinh")
    rows = [*document_rows(form), {"name": "Biên bản họp xét của đơn vị", "applies_to": "collective",
                                   "is_required": "on", "order": ""}]
    response = role_clients["staff"].post(reverse("awards:form_documents", args=[form.pk]),
                                          rows_data("documents", rows, initial=2))
    assert response.status_code == 302
    assert list(RequiredDocument.objects.filter(form=form).values_list("name", "applies_to", "order"))[-1] == (
        "Biên bản họp xét của đơn vị", "collective", 3)


def test_deleting_a_document_needs_the_confirmation_box(role_clients):
    form = seeded("A", "bang_khen_tinh")
    rows = document_rows(form)
    rows[1]["DELETE"] = "on"
    url = reverse("awards:form_documents", args=[form.pk])
    refused = role_clients["staff"].post(url, rows_data("documents", rows, initial=2))
    assert refused.context["header"].errors == {"confirm_delete": [
        "Bạn đánh dấu xóa 1 dòng: hãy tick ô này để xác nhận."]}
    assert RequiredDocument.objects.filter(form=form).count() == 2
    done = role_clients["staff"].post(url, rows_data("documents", rows, initial=2, confirm=True))
    assert (done.status_code, RequiredDocument.objects.filter(form=form).count()) == (302, 1)


def rule_rows(form):
    rows = []
    for rule in EligibilityRule.objects.filter(form=form):
        row = {"id": rule.pk, "form": form.pk, "route": rule.route, "kind": rule.kind, "applies_to": rule.applies_to,
               "citation": rule.citation, "order": rule.order}
        for key, value in rule.params.items():
            if key not in ("advanced_award", "cstd_award"):
                row[key] = value
        rows.append(row)
    return rows


def test_staff_add_a_rule_with_typed_parameters(role_clients, alice):
    form = seeded("A", "cstd_tinh")
    new = {"route": "2", "kind": "consecutive_ratings", "applies_to": "individual", "citation": "Điều 22",
           "order": "", "rating": "excellent", "years": "3", "until": "previous"}
    response = role_clients["staff"].post(reverse("awards:form_rules", args=[form.pk]),
                                          rows_data("rules", [*rule_rows(form), new], initial=2))
    assert response.status_code == 302
    added = EligibilityRule.objects.get(form=form, route=2)
    assert (added.kind, added.params) == (
        "consecutive_ratings", {"rating": "excellent", "years": 3, "until": "previous"})
    assert (added.history.get().history_user, added.history.get().history_change_reason) == (
        alice, "Cập nhật theo hướng dẫn")


def test_rule_missing_a_parameter_is_refused_beside_the_field(role_clients):
    form = seeded("A", "cstd_tinh")
    new = {"route": "1", "kind": "initiatives", "applies_to": "all", "citation": "Điều 22", "count": "1",
           "years": "3", "until": "previous"}
    response = role_clients["staff"].post(reverse("awards:form_rules", args=[form.pk]),
                                          rows_data("rules", [*rule_rows(form), new], initial=2))
    assert response.context["formset"].errors == [{}, {}, {"scope": ["Loại điều kiện này cần giá trị này."]}]
    assert EligibilityRule.objects.filter(form=form).count() == 2


def test_deleting_a_rule_is_confirmed_and_recorded(role_clients, alice):
    form = seeded("A", "cstd_tinh")
    rows = rule_rows(form)
    rows[1]["DELETE"] = "on"
    gone = rows[1]["id"]
    url = reverse("awards:form_rules", args=[form.pk])
    refused = role_clients["staff"].post(url, rows_data("rules", rows, initial=2))
    assert list(refused.context["header"].errors) == ["confirm_delete"]
    role_clients["staff"].post(url, rows_data("rules", rows, initial=2, reason="Bỏ điều kiện sáng kiến",
                                              confirm=True))
    assert list(EligibilityRule.objects.filter(form=form).values_list("kind", flat=True)) == ["consecutive_awards"]
    deleted = EligibilityRule.history.get(id=gone, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (alice, "Bỏ điều kiện sáng kiến")
    records = role_clients["staff"].get(reverse("awards:form_history", args=[form.pk])).context["records"]
    assert (records[0].action, records[0].subject) == ("Xóa", "Điều kiện (phương án 1): Có sáng kiến")


def test_rules_page_shows_the_existing_params_in_their_fields(role_clients):
    form = seeded("A", "tap_the_lao_dong_xuat_sac")
    formset = role_clients["staff"].get(reverse("awards:form_rules", args=[form.pk])).context["formset"]
    assert {key: formset.forms[0].initial.get(key) for key in ("completed_pct", "advanced_pct", "cstd_count",
                                                                "until")} == {
        "completed_pct": 100, "advanced_pct": 70, "cstd_count": 1, "until": "previous"}


def test_rules_page_shows_the_award_a_run_follows_only_for_consecutive_ratings(role_clients):
    form = seeded("C", "bang_khen_thu_tuong")
    response = role_clients["staff"].get(reverse("awards:form_rules", args=[form.pk]))
    ratings = next(row for row in response.context["formset"].forms if row.instance.kind == "consecutive_ratings")
    assert ratings.initial["after_award"] == "bang_khen_tinh"
    assert {kind: keys for kind, keys in response.context["param_keys"].items() if "after_award" in keys} == {
        "consecutive_ratings": ["rating", "years", "until", "after_award"]}
    assert [(str(kind), [str(label) for label in labels]) for kind, labels in response.context["legend"]][1] == (
        "Xếp loại nhiều năm liên tục", ["Xếp loại", "Số năm liên tục", "Tính đến",
                                        "Tính từ sau lần được tặng (không bắt buộc)"])
    assert 'data-rule-param="after_award"' in response.content.decode()


def test_staff_clear_the_award_a_run_follows(role_clients):
    form = seeded("A", "bang_khen_thu_tuong")
    rows = rule_rows(form)
    for row in rows:
        if row["kind"] == "consecutive_ratings":
            row["after_award"] = ""
    response = role_clients["staff"].post(reverse("awards:form_rules", args=[form.pk]),
                                          rows_data("rules", rows, initial=3))
    assert response.status_code == 302
    assert form.rules.get(kind="consecutive_ratings").params == {"rating": "excellent", "years": 5,
                                                                "until": "previous"}
