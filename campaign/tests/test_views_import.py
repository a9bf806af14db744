import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from campaign.models import Campaign, Task

from .conftest import LETTER_2019, PLAN_2025, statuses

IMPORT = reverse("campaign:import")
CONFIRM = reverse("campaign:import_confirm")


def upload(name, content):
    return SimpleUploadedFile(name, content)


def post_data(form, formset):
    """What the browser sends back for the preview page as rendered."""
    data = {}
    for bound in [*form, *formset.management_form, *(field for task in formset for field in task)]:
        value = bound.value()
        if value is None or value is False:
            continue
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        data[bound.html_name] = bound.field.prepare_value(value)
    return data


@pytest.fixture
def staff(role_clients):
    return role_clients["staff"]


@pytest.fixture
def preview_2019(staff):
    response = staff.post(IMPORT, {"document": upload("phat-dong-2019.txt", LETTER_2019.read_bytes())})
    assert response.status_code == 200
    return response


@pytest.fixture
def confirm_data(preview_2019):
    data = post_data(preview_2019.context["form"], preview_2019.context["formset"])
    data["start_date"] = "05/03/2019"
    return data


def test_import_access_by_role(role_clients):
    assert statuses(role_clients, "get", IMPORT) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }


def test_import_confirm_is_post_only(role_clients):
    assert statuses(role_clients, "get", CONFIRM) == {
        "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }
    assert statuses(role_clients, "post", CONFIRM)["officer"] == 403


def test_import_upload_shows_a_preview_and_creates_nothing(preview_2019):
    form = preview_2019.context["form"]
    assert form.initial["title"] == (
        "Phong trào thi đua đặc biệt chào mừng kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Thụ (04/11/1909 - 04/11/2019)"
    )
    assert (form.initial["end_date"], form.initial["anniversary_date"], form.initial["start_date"]) == (
        datetime.date(2019, 10, 4), datetime.date(2019, 11, 4), None,
    )
    assert form.initial["issuing_bodies"] == (
        "Tỉnh ủy\nHĐND tỉnh\nUBND tỉnh\nỦy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn"
    )
    assert (form.initial["kind"], form.initial["regime"].code) == ("special", "A")
    assert form.initial["signer_name"] == "Phạm Ngọc Thưởng"
    assert len(preview_2019.context["formset"].forms) == 12
    assert preview_2019.context["warnings"] == ["Văn bản không ghi ngày bắt đầu: hãy nhập ngày bắt đầu."]
    page = preview_2019.content.decode()
    assert 'value="04/10/2019"' in page
    assert 'name="tasks-TOTAL_FORMS" value="12"' in page
    assert Campaign.objects.count() == 0


def test_import_pasted_plan_preselects_the_regime_of_its_start_date(staff):
    response = staff.post(IMPORT, {"text": PLAN_2025.read_text(encoding="utf-8")})
    form = response.context["form"]
    assert (form.initial["regime"].code, form.initial["start_date"], form.initial["doc_number"]) == (
        "B", datetime.date(2025, 3, 15), "45/KH-UBND",
    )
    assert [task.initial["number"] for task in response.context["formset"]] == [1, 2, 3, 4, 5, 6]


def test_import_docx_upload(staff):
    document = docx.Document()
    for line in LETTER_2019.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    response = staff.post(IMPORT, {"document": upload("phat-dong.docx", buffer.getvalue())})
    assert len(response.context["formset"].forms) == 12


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "document", "Hãy chọn tệp văn bản phát động hoặc dán toàn văn vào ô bên dưới."),
        ({"text": "PHÁT ĐỘNG\nThi đua\nHãy thi đua."}, "text",
         "Không tìm thấy nội dung thi đua nào: văn bản cần có các nội dung được đánh số “1.”, “2.”, …"),
        ({"document": ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00"), "text": ""}, "document",
         "Tệp không phải văn bản đọc được: hãy tải lên tệp .txt (mã UTF-8) hoặc .docx, hoặc dán nội dung."),
        ({"document": ("a.txt", "1. Việc.".encode()), "text": "1. Việc."}, "text",
         "Chỉ chọn một cách: tải tệp lên hoặc dán nội dung, không cả hai."),
    ],
)
def test_import_bad_input_is_explained_beside_the_field(staff, data, field, message):
    if "document" in data:
        data = {**data, "document": upload(*data["document"])}
    response = staff.post(IMPORT, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()


def test_import_refuses_a_file_over_the_limit(staff, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 1000
    response = staff.post(IMPORT, {"document": upload("to.txt", LETTER_2019.read_bytes())})
    with translation.override("vi"):
        size = filesizeformat(1000)
    assert response.context["form"].errors["document"] == [f"Tệp quá lớn: tối đa {size}."]


def test_import_confirm_creates_the_draft_and_redirects(staff, confirm_data, alice):
    response = staff.post(CONFIRM, confirm_data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("campaign:detail", kwargs={"pk": campaign.pk})
    assert (campaign.status, campaign.start_date, campaign.created_by, campaign.regime.code) == (
        "draft", datetime.date(2019, 3, 5), alice, "A",
    )
    assert campaign.tasks.count() == 12
    assert campaign.source_text.startswith("PHÁT ĐỘNG\n\nPhong trào thi đua đặc biệt")
    page = staff.get(response.url).content.decode()
    assert "với 12 nội dung thi đua." in page


def test_import_confirm_takes_the_corrections(staff, confirm_data):
    confirm_data.update({
        "title": "Phong trào thi đua đặc biệt năm 2019", "tasks-0-short_title": "Truyền thống yêu nước",
        "tasks-11-DELETE": "on", "tasks-TOTAL_FORMS": "13", "tasks-12-number": "13",
        "tasks-12-short_title": "", "tasks-12-text": "Thi đua chuyển đổi số; xây dựng chính quyền số.",
    })
    staff.post(CONFIRM, confirm_data)
    campaign = Campaign.objects.get()
    assert campaign.title == "Phong trào thi đua đặc biệt năm 2019"
    assert list(campaign.tasks.values_list("number", flat=True)) == [*range(1, 12), 13]
    assert campaign.tasks.get(number=1).short_title == "Truyền thống yêu nước"
    assert campaign.tasks.get(number=13).short_title == "Thi đua chuyển đổi số"


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        ({"start_date": "05/11/2019"}, ("form", "end_date"), "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."),
        ({"start_date": "31/02/2019"}, ("form", "start_date"), "Nhập một ngày hợp lệ."),
        ({"tasks-1-number": "1"}, ("task", "number"), "Số thứ tự bị trùng."),
        ({"issuing_bodies": " \n "}, ("form", "issuing_bodies"), "Trường này là bắt buộc."),
    ],
)
def test_import_confirm_errors_stay_on_the_preview(staff, confirm_data, changes, where, message):
    response = staff.post(CONFIRM, {**confirm_data, **changes})
    assert response.status_code == 200
    if where[0] == "form":
        assert response.context["form"].errors[where[1]] == [message]
    else:
        assert response.context["formset"].forms[1].errors[where[1]] == [message]
    assert message in response.content.decode()
    assert response.context["warnings"] == ["Văn bản không ghi ngày bắt đầu: hãy nhập ngày bắt đầu."]
    assert Campaign.objects.count() == 0


def test_import_confirm_needs_a_task(staff, confirm_data):
    data = {**confirm_data, **{f"tasks-{i}-DELETE": "on" for i in range(12)}}
    response = staff.post(CONFIRM, data)
    assert response.context["formset"].non_form_errors() == ["Phong trào cần ít nhất một nội dung thi đua."]
    assert (Campaign.objects.count(), Task.objects.count()) == (0, 0)


def test_import_warns_about_a_campaign_already_there(staff, confirm_data):
    staff.post(CONFIRM, confirm_data)
    response = staff.post(IMPORT, {"document": upload("phat-dong-2019.txt", LETTER_2019.read_bytes())})
    assert response.context["warnings"][-1] == "Đã có phong trào cùng tên: hãy kiểm tra để tránh tạo trùng."


def test_import_confirm_refuses_more_than_200_tasks_in_vietnamese(staff, confirm_data):
    extra = {"tasks-TOTAL_FORMS": "201"}
    for index in range(12, 201):
        extra.update({f"tasks-{index}-number": str(index + 1), f"tasks-{index}-text": f"Việc số {index + 1}."})
    response = staff.post(CONFIRM, {**confirm_data, **extra})
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["Tối đa 200 nội dung thi đua."]
    assert "<div>Tối đa 200 nội dung thi đua.</div>" in response.content.decode()
    assert Campaign.objects.count() == 0
