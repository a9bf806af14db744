"""The scoring table: its services and guards, the Excel import and export, the copy, and its pages per role."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from campaign import scoring_excel
from campaign.models import Band, Criterion, CriterionKind, Score, Scorecard, ScoringTable, TieBreak
from campaign.services import scoring as services
from portal.tests.factories import CampaignFactory, TaskFactory, UnitFactory
from portal.tests.helpers import answers, query_count, signed_in

pytestmark = pytest.mark.django_db

D = Decimal


def regular(task, code, maximum=10, **extra):
    return {"task": task, "section": "", "code": code, "title": f"Tiêu chí {code}", "guidance": "",
            "kind": CriterionKind.REGULAR, "max_points": D(maximum), "requires_evidence": False, **extra}


@pytest.fixture
def table(launched, alice):
    table = services.ensure_table(launched, by=alice)
    task1 = launched.tasks.get(number=1)
    services.add_criterion(table, data=regular(task1, "1.1", 6), by=alice)
    services.add_criterion(table, data=regular(task1, "1.2", 4, section="Tuyên truyền"), by=alice)
    services.add_criterion(table, data={**regular(None, "T1", 3), "kind": CriterionKind.BONUS}, by=alice)
    services.add_criterion(table, data={**regular(None, "Đ1", 2), "kind": CriterionKind.PENALTY}, by=alice)
    return table


def scorecard_with(campaign, criterion, points, unit=None):
    scorecard = Scorecard.objects.create(campaign=campaign, unit=unit or UnitFactory())
    Score.objects.update_or_create(scorecard=scorecard, criterion=criterion,
                                   defaults={"max_points": criterion.max_points, "points": points})
    return scorecard


def url(name, campaign, **kwargs):
    return reverse(f"campaign:{name}", kwargs={"pk": campaign.pk, **kwargs})


# --- Services -----------------------------------------------------------------------------------------------------


def test_ensure_table_creates_once_with_history(launched, alice):
    first = services.ensure_table(launched, by=alice)
    assert services.ensure_table(launched, by=alice) == first
    row = ScoringTable.history.get(id=first.pk)
    assert (row.history_user, row.history_change_reason) == (alice, "Lập bảng chấm điểm")


def test_table_maximum_is_regular_maxima_plus_bonus_cap(table, alice):
    services.update_table(table, data={"bonus_cap": D(5)}, bands=[], by=alice)
    assert services.table_maximum(table) == D(15)
    assert services.table_maximum(table, list(table.criteria.all())) == D(15)


def test_add_criterion_positions_after_last_and_records_who(table, alice):
    criterion = services.add_criterion(table, data=regular(None, "9.9"), by=alice)
    assert criterion.position == 5
    assert Criterion.history.filter(id=criterion.pk).get().history_user == alice


def test_add_criterion_refuses_repeated_code(table, alice):
    with pytest.raises(ValidationError) as error:
        services.add_criterion(table, data=regular(None, "1.1"), by=alice)
    assert error.value.message_dict == {"code": ["Số hiệu “1.1” đã có trong bảng."]}


def test_add_criterion_refuses_task_of_another_campaign(table, alice):
    other = TaskFactory()
    with pytest.raises(ValidationError) as error:
        services.add_criterion(table, data=regular(other, "5.1"), by=alice)
    assert error.value.message_dict == {"task": ["Nội dung thi đua này không thuộc phong trào."]}


def test_add_criterion_gives_existing_scorecards_an_empty_score(table, alice):
    scorecard = Scorecard.objects.create(campaign=table.campaign, unit=UnitFactory())
    criterion = services.add_criterion(table, data=regular(None, "9.9", 7), by=alice)
    score = Score.objects.get(scorecard=scorecard, criterion=criterion)
    assert (score.max_points, score.points) == (D(7), None)


def test_update_table_sets_settings_bands_and_history(table, alice):
    services.update_table(
        table, by=alice, reason="Theo hướng dẫn",
        data={"note": "Ghi chú", "bonus_cap": D(5), "penalty_cap": D(7), "deadline": None,
              "tie_breaks": [TieBreak.FEWER_PENALTIES, TieBreak.MORE_BONUS]},
        bands=[{"name": "Xuất sắc", "min_total": D(9)}, {"name": "Tốt", "min_total": D(7)}],
    )
    table.refresh_from_db()
    assert table.tie_breaks == ["fewer_penalties", "more_bonus"]
    assert list(table.bands.values_list("name", "min_total")) == [("Xuất sắc", D(9)), ("Tốt", D(7))]
    assert ScoringTable.history.filter(id=table.pk).first().history_change_reason == "Theo hướng dẫn"


def test_update_table_swaps_band_thresholds(table, alice):
    services.update_table(table, data={}, by=alice,
                          bands=[{"name": "A", "min_total": D(9)}, {"name": "B", "min_total": D(5)}])
    services.update_table(table, data={}, by=alice,
                          bands=[{"name": "A", "min_total": D(5)}, {"name": "B", "min_total": D(9)}])
    assert list(table.bands.values_list("name", "min_total")) == [("B", D(9)), ("A", D(5))]
    assert Band.history.filter(table_id=table.pk, history_type="-").count() == 2


@pytest.mark.parametrize("bands, message", [
    ([{"name": "A", "min_total": 5}, {"name": "a", "min_total": 6}], "Hai mức xếp loại trùng tên."),
    ([{"name": "A", "min_total": 5}, {"name": "B", "min_total": 5}], "Hai mức xếp loại có cùng mức điểm."),
    ([{"name": "A", "min_total": -1}], "Mức điểm của xếp loại không được âm."),
])
def test_update_table_refuses_bad_bands(table, alice, bands, message):
    with pytest.raises(ValidationError) as error:
        services.update_table(table, data={}, bands=bands, by=alice)
    assert error.value.message_dict == {"bands": [message]}


def test_update_table_refuses_repeated_tie_break(table, alice):
    with pytest.raises(ValidationError) as error:
        services.update_table(table, data={"tie_breaks": ["more_bonus", "more_bonus"]}, bands=[], by=alice)
    assert error.value.message_dict == {"tie_breaks": ["Mỗi tiêu chí xét khi bằng điểm chỉ chọn một lần."]}


def test_update_table_queues_recompute_only_when_in_use(table, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.update_table(table, data={"bonus_cap": D(4)}, bands=[], by=alice) is False
    assert callbacks == []
    scorecard_with(table.campaign, table.criteria.get(code="1.1"), D(3))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.update_table(table, data={"bonus_cap": D(5)}, bands=[], by=alice) is True
    assert len(callbacks) == int(_recompute_module_exists())


def _recompute_module_exists():
    try:
        import campaign.tasks_scoring  # noqa: F401
    except ModuleNotFoundError:
        return False
    return True


def test_update_criterion_maximum_updates_every_score(table, alice, django_capture_on_commit_callbacks):
    criterion = table.criteria.get(code="1.1")
    scorecard_with(table.campaign, criterion, D(5))
    scorecard_with(table.campaign, criterion, None)
    with django_capture_on_commit_callbacks() as callbacks:
        affected = services.update_criterion(criterion, data={"max_points": D(8)}, by=alice, reason="Điều chỉnh")
    assert affected == 1
    assert len(callbacks) == int(_recompute_module_exists())
    assert list(Score.objects.filter(criterion=criterion).values_list("max_points", flat=True)) == [D(8), D(8)]
    row = Criterion.history.filter(id=criterion.pk).first()
    assert (row.history_user, row.history_change_reason, row.max_points) == (alice, "Điều chỉnh", D(8))


def test_update_criterion_refuses_maximum_below_points(table, alice):
    criterion = table.criteria.get(code="1.1")
    scorecard_with(table.campaign, criterion, D(5))
    scorecard_with(table.campaign, criterion, D("4.5"))
    scorecard_with(table.campaign, criterion, D(2))
    with pytest.raises(ValidationError) as error:
        services.update_criterion(criterion, data={"max_points": D(4)}, by=alice)
    assert error.value.message_dict == {"max_points": [
        "Không đổi được: 2 bảng điểm đang có điểm cao hơn 4 ở tiêu chí này. Hãy điều chỉnh điểm của các bảng đó trước."
    ]}
    assert set(Score.objects.filter(criterion=criterion).values_list("max_points", flat=True)) == {D(6)}
    criterion.refresh_from_db()
    assert criterion.max_points == D(6)


def test_update_criterion_without_change_writes_nothing(table, alice):
    criterion = table.criteria.get(code="1.1")
    before = Criterion.history.filter(id=criterion.pk).count()
    assert services.update_criterion(criterion, data={"title": criterion.title}, by=alice) == 0
    assert Criterion.history.filter(id=criterion.pk).count() == before


def test_delete_criterion_refused_once_scored(table, alice):
    criterion = table.criteria.get(code="1.1")
    scorecard_with(table.campaign, criterion, D(0))
    with pytest.raises(ValidationError) as error:
        services.delete_criterion(criterion, by=alice)
    assert error.value.messages == ["Không xóa được tiêu chí “1.1”: đã có đơn vị chấm điểm tiêu chí này."]


def test_delete_criterion_without_points_keeps_history(table, alice):
    criterion = table.criteria.get(code="1.2")
    scorecard_with(table.campaign, criterion, None)
    pk = criterion.pk
    services.delete_criterion(criterion, by=alice)
    assert not Criterion.objects.filter(pk=pk).exists()
    assert Criterion.history.filter(id=pk, history_type="-").get().history_user == alice


def test_copy_table_maps_tasks_by_number(table, alice):
    services.update_table(table, data={"bonus_cap": D(3), "tie_breaks": ["earlier_submission"]},
                          bands=[{"name": "Tốt", "min_total": D(8)}], by=alice)
    target = CampaignFactory()
    task = TaskFactory(campaign=target, number=1)
    copied = services.copy_table(source=table, target=target, by=alice)
    assert list(copied.criteria.values_list("code", "task", "max_points")) == [
        ("1.1", task.pk, D(6)), ("1.2", task.pk, D(4)), ("T1", None, D(3)), ("Đ1", None, D(2)),
    ]
    assert (copied.bonus_cap, copied.tie_breaks) == (D(3), ["earlier_submission"])
    assert list(copied.bands.values_list("name", flat=True)) == ["Tốt"]


def test_copy_table_refuses_missing_task_number(table, alice):
    target = CampaignFactory()
    with pytest.raises(ValidationError) as error:
        services.copy_table(source=table, target=target, by=alice)
    assert error.value.messages == ["Phong trào này không có nội dung thi đua số 1 như bảng nguồn."]


def test_copy_table_refused_when_target_scored(table, alice):
    target = CampaignFactory()
    task = TaskFactory(campaign=target, number=1)
    own = services.ensure_table(target, by=alice)
    criterion = services.add_criterion(own, data=regular(task, "X"), by=alice)
    scorecard_with(target, criterion, D(1))
    with pytest.raises(ValidationError) as error:
        services.copy_table(source=table, target=target, by=alice)
    assert error.value.messages == ["Không sao chép được: đã có đơn vị chấm điểm theo bảng hiện tại của phong trào."]


# --- Excel --------------------------------------------------------------------------------------------------------

HEADER = ["Số hiệu", "Nội dung thi đua", "Mục", "Tiêu chí", "Loại", "Điểm tối đa", "Bắt buộc minh chứng", "Hướng dẫn"]


def workbook_file(rows, name="bang.xlsx"):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Bảng chấm điểm"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def test_parse_reports_every_bad_row(launched):
    upload = workbook_file([
        ["1.1", 1, "", "Tổ chức phát động", "Tiêu chí", 6, "Có", ""],
        ["1.1", 7, "", "", "Điểm lạ", -2, "Có lẽ", ""],
        ["", 2, "", "Cải cách", "", "2,555", "", ""],
    ])
    rows, errors = scoring_excel.parse(upload, launched)
    assert rows == []
    assert [str(error) for error in errors] == [
        "Dòng 4, cột Nội dung thi đua: Phong trào không có nội dung thi đua số “7”.",
        "Dòng 4, cột Tiêu chí: Thiếu giá trị bắt buộc.",
        "Dòng 4, cột Loại: “Điểm lạ” không hợp lệ: ghi Tiêu chí, Điểm thưởng hoặc Điểm trừ.",
        "Dòng 4, cột Điểm tối đa: “-2” không phải số điểm hợp lệ (lớn hơn 0).",
        "Dòng 4, cột Bắt buộc minh chứng: Ghi Có hoặc Không.",
        "Dòng 4, cột Số hiệu: Trùng số hiệu với dòng 3.",
        "Dòng 5, cột Số hiệu: Thiếu giá trị bắt buộc.",
        "Dòng 5, cột Điểm tối đa: Điểm chỉ được có tối đa hai chữ số thập phân.",
    ]


def test_parse_reports_missing_header(launched):
    rows, errors = scoring_excel.parse(workbook_file([]), launched)
    assert [str(error) for error in errors] == ["Dòng 2: Tệp không có tiêu chí nào dưới dòng tiêu đề."]


def test_import_adds_and_updates_by_code(table, alice):
    upload = workbook_file([
        ["1.1", 1, "", "Tổ chức phát động (sửa)", "Tiêu chí", 6, "Có", "Chấm theo văn bản"],
        ["2.1", 2, "Hành chính", "Cải cách", "Tiêu chí", "2,5", "", ""],
    ])
    rows, errors = scoring_excel.parse(upload, table.campaign)
    assert errors == []
    assert services.import_criteria(table, rows=rows, by=alice) == (1, 1)
    updated = table.criteria.get(code="1.1")
    assert (updated.title, updated.requires_evidence, updated.guidance) == ("Tổ chức phát động (sửa)", True,
                                                                          "Chấm theo văn bản")
    assert table.criteria.get(code="2.1").max_points == D("2.5")


def test_import_refused_by_a_service_guard_imports_nothing(table, alice):
    scorecard_with(table.campaign, table.criteria.get(code="1.1"), D(6))
    upload = workbook_file([["9.1", 1, "", "Mới", "", 3, "", ""], ["1.1", 1, "", "Thấp hơn", "", 2, "", ""]])
    rows, _errors = scoring_excel.parse(upload, table.campaign)
    with pytest.raises(ValidationError) as error:
        services.import_criteria(table, rows=rows, by=alice)
    assert error.value.messages == [
        "Dòng 4: Không đổi được: 1 bảng điểm đang có điểm cao hơn 2 ở tiêu chí này. "
        "Hãy điều chỉnh điểm của các bảng đó trước."
    ]
    assert not table.criteria.filter(code="9.1").exists()


def test_export_then_import_round_trip(table, alice, role_clients):
    table.criteria.filter(code="1.1").update(guidance="Đủ văn bản: 6 điểm", requires_evidence=True,
                                             max_points=D("5.5"))
    Score.objects.all().delete()
    response = role_clients["officer"].get(url("scoring_export", table.campaign))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    target = CampaignFactory()
    TaskFactory(campaign=target, number=1)
    rows, errors = scoring_excel.parse(SimpleUploadedFile("x.xlsx", response.content), target)
    assert errors == []
    copy = services.ensure_table(target, by=alice)
    services.import_criteria(copy, rows=rows, by=alice)
    fields = ("code", "task__number", "section", "title", "kind", "max_points", "requires_evidence", "guidance")
    assert list(copy.criteria.values_list(*fields)) == list(table.criteria.values_list(*fields))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Tổng điểm tối đa: 9,5"


# --- Views --------------------------------------------------------------------------------------------------------


def test_table_page_shows_groups_maximum_and_buttons_for_staff(table, role_clients):
    services.update_table(table, data={"bonus_cap": D(3), "tie_breaks": ["more_bonus"]},
                          bands=[{"name": "Xuất sắc", "min_total": D(12)}], by=None)
    staff = role_clients["staff"].get(url("scoring_table", table.campaign)).content.decode()
    officer = role_clients["officer"].get(url("scoring_table", table.campaign)).content.decode()
    assert '<div class="fs-3 fw-semibold" id="tong-diem-toi-da">13</div>' in staff
    for text in ("1. Phát huy truyền thống", "Tuyên truyền", "Điểm thưởng", "Điểm trừ", "Xuất sắc",
                 "Nhiều điểm thưởng hơn"):
        assert text in officer
    assert url("criterion_add", table.campaign) in staff
    assert url("criterion_add", table.campaign) not in officer
    assert "Lịch sử thay đổi" in staff and "Lịch sử thay đổi" not in officer


def test_staff_pages_refuse_other_roles(table, role_clients):
    criterion = table.criteria.first()
    for name, kwargs in (("scoring_table_edit", {}), ("criterion_add", {}), ("scoring_import", {}),
                         ("scoring_copy", {}), ("criterion_edit", {"criterion_pk": criterion.pk}),
                         ("criterion_delete", {"criterion_pk": criterion.pk})):
        assert answers(role_clients, url(name, table.campaign, **kwargs)) == {
            "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
        }


def test_table_page_of_draft_campaign_is_staff_only(draft, role_clients):
    assert answers(role_clients, url("scoring_table", draft)) == {
        "staff": 200, "officer": 404, "other_officer": 404, "council": 404, "anonymous": 302,
    }


def test_table_page_query_count_is_flat(table, alice):
    client = signed_in(alice)
    few = query_count(client, url("scoring_table", table.campaign))
    task = table.campaign.tasks.get(number=2)
    for index in range(20):
        services.add_criterion(table, data=regular(task, f"2.{index}", section=f"Mục {index % 3}"), by=alice)
    assert query_count(client, url("scoring_table", table.campaign)) == few


def test_table_page_query_count_with_one_criterion(launched, alice, bob):
    table = services.ensure_table(launched, by=alice)
    task = launched.tasks.get(number=1)
    services.add_criterion(table, data=regular(task, "1.1"), by=alice)
    client = signed_in(bob)
    one = query_count(client, url("scoring_table", launched))
    for index in range(10):
        services.add_criterion(table, data=regular(task, f"1.{index + 2}"), by=alice)
    assert query_count(client, url("scoring_table", launched)) == one


def test_edit_settings_saves_bands_and_tie_breaks(launched, role_clients):
    data = {
        "note": "", "bonus_cap": "5", "penalty_cap": "3", "deadline": "10/10/2019",
        "tie_break_0": "more_bonus", "tie_break_1": "earlier_submission", "tie_break_2": "",
        "bands-TOTAL_FORMS": "2", "bands-INITIAL_FORMS": "0", "bands-MIN_NUM_FORMS": "0", "bands-MAX_NUM_FORMS": "10",
        "bands-0-name": "Xuất sắc", "bands-0-min_total": "90", "bands-1-name": "Tốt", "bands-1-min_total": "80",
    }
    response = role_clients["staff"].post(url("scoring_table_edit", launched), data)
    assert response.status_code == 302
    table = launched.scoring_table
    assert (table.bonus_cap, table.tie_breaks) == (D(5), ["more_bonus", "earlier_submission"])
    assert list(table.bands.values_list("name", flat=True)) == ["Xuất sắc", "Tốt"]


def test_edit_settings_shows_errors_beside_fields(launched, role_clients):
    data = {
        "note": "", "bonus_cap": "-1", "penalty_cap": "0", "deadline": "",
        "tie_break_0": "", "tie_break_1": "more_bonus", "tie_break_2": "",
        "bands-TOTAL_FORMS": "2", "bands-INITIAL_FORMS": "0", "bands-MIN_NUM_FORMS": "0", "bands-MAX_NUM_FORMS": "10",
        "bands-0-name": "Tốt", "bands-0-min_total": "80", "bands-1-name": "tốt", "bands-1-min_total": "80",
    }
    response = role_clients["staff"].post(url("scoring_table_edit", launched), data)
    assert response.status_code == 200
    form, formset = response.context["form"], response.context["formset"]
    assert form.errors == {
        "bonus_cap": ["Không được âm."],
        "tie_break_0": ["Chọn các tiêu chí xét theo thứ tự, không bỏ trống ở giữa."],
    }
    assert formset.forms[1].errors == {"name": ["Trùng tên với một mức khác."],
                                       "min_total": ["Trùng mức điểm với một mức khác."]}
    assert not ScoringTable.objects.filter(campaign=launched).exists()


def criterion_post(criterion, **changes):
    data = {"kind": criterion.kind, "task": criterion.task_id or "", "section": criterion.section,
            "code": criterion.code, "title": criterion.title, "max_points": str(criterion.max_points),
            "guidance": criterion.guidance, "position": criterion.position, "reason": ""}
    if criterion.requires_evidence:
        data["requires_evidence"] = "on"
    return {**data, **changes}


def test_add_criterion_page_creates_table_and_criterion(launched, role_clients):
    task = launched.tasks.get(number=2)
    data = {"kind": "regular", "task": task.pk, "section": "", "code": "2.1", "title": "Cải cách",
            "max_points": "7", "guidance": "", "position": ""}
    response = role_clients["staff"].post(url("criterion_add", launched), data, follow=True)
    criterion = launched.scoring_table.criteria.get()
    assert (criterion.code, criterion.max_points, criterion.position) == ("2.1", D(7), 1)
    assert "Đã thêm tiêu chí 2.1." in response.content.decode()


def test_edit_criterion_page_refuses_maximum_below_points_beside_field(table, role_clients):
    criterion = table.criteria.get(code="1.1")
    scorecard_with(table.campaign, criterion, D(6))
    response = role_clients["staff"].post(url("criterion_edit", table.campaign, criterion_pk=criterion.pk),
                                          criterion_post(criterion, max_points="5"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"max_points": [
        "Không đổi được: 1 bảng điểm đang có điểm cao hơn 5 ở tiêu chí này. Hãy điều chỉnh điểm của các bảng đó trước."
    ]}


def test_edit_criterion_page_says_totals_will_be_recomputed(table, role_clients):
    criterion = table.criteria.get(code="1.1")
    scorecard_with(table.campaign, criterion, D(4))
    scorecard_with(table.campaign, criterion, D(6))
    response = role_clients["staff"].post(url("criterion_edit", table.campaign, criterion_pk=criterion.pk),
                                          criterion_post(criterion, max_points="8", reason="Theo công văn"),
                                          follow=True)
    assert "Đã đổi điểm tối đa; tổng điểm của 2 đơn vị sẽ được tính lại." in response.content.decode()
    assert set(Score.objects.filter(criterion=criterion).values_list("max_points", flat=True)) == {D(8)}


def test_delete_criterion_page_confirms_then_deletes(table, role_clients):
    criterion = table.criteria.get(code="1.2")
    pk = criterion.pk
    page = role_clients["staff"].get(url("criterion_delete", table.campaign, criterion_pk=criterion.pk))
    assert 'data-confirm="Xóa hẳn tiêu chí này?"' in page.content.decode()
    role_clients["staff"].post(url("criterion_delete", table.campaign, criterion_pk=criterion.pk))
    assert not Criterion.objects.filter(pk=pk).exists()


def test_criterion_of_another_campaign_is_404(table, role_clients):
    criterion = table.criteria.first()
    other = CampaignFactory()
    assert role_clients["staff"].get(url("criterion_edit", other, criterion_pk=criterion.pk)).status_code == 404


def test_import_page_lists_errors_and_imports_nothing(launched, role_clients):
    upload = workbook_file([["1.1", 9, "", "Sai", "", 5, "", ""]])
    response = role_clients["staff"].post(url("scoring_import", launched), {"file": upload})
    assert response.status_code == 200
    assert [str(error) for error in response.context["errors"]] == [
        "Dòng 3, cột Nội dung thi đua: Phong trào không có nội dung thi đua số “9”."
    ]
    assert not ScoringTable.objects.filter(campaign=launched).exists()


def test_import_page_refuses_unreadable_file(launched, role_clients):
    upload = SimpleUploadedFile("a.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00")
    response = role_clients["staff"].post(url("scoring_import", launched), {"file": upload})
    assert response.context["form"].errors == {"file": [
        "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv); nội dung tệp này không phải hai loại đó."
    ]}


def test_import_page_imports_a_clean_file(launched, role_clients):
    upload = workbook_file([["1.1", 1, "", "Phát động", "", 5, "Có", ""]])
    response = role_clients["staff"].post(url("scoring_import", launched), {"file": upload}, follow=True)
    assert "Đã nhập tệp: thêm 1 tiêu chí, cập nhật 0 tiêu chí." in response.content.decode()
    assert launched.scoring_table.criteria.get().requires_evidence is True


def test_copy_page_lists_tables_and_copies(table, role_clients):
    target = CampaignFactory()
    TaskFactory(campaign=target, number=1)
    page = role_clients["staff"].get(url("scoring_copy", target))
    assert list(page.context["form"].fields["source"].queryset) == [table.campaign]
    role_clients["staff"].post(url("scoring_copy", target), {"source": table.campaign.pk})
    assert target.scoring_table.criteria.count() == 4
