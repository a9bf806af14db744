import io
import os
import time

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.urls import reverse
from openpyxl import load_workbook

from portal.tests.factories import MembershipFactory, UnitFactory
from units.importing import ImportResult
from units.models import Cluster, ClusterMembership, Unit

from .test_importing import GOOD_ROWS, HEADER, INLAND, PNG, csv_file, xlsx_file

IMPORT_URL = reverse("units:unit_import")
TEMPLATE_URL = reverse("units:unit_import_template")
CONFIRM_URL = reverse("units:unit_import_confirm")
DENIED = {"officer": 403, "other_officer": 403, "council": 403}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files():
    return default_storage.listdir("imports")[1] if default_storage.exists("imports") else []


def upload(client, path):
    with path.open("rb") as file:
        return client.post(IMPORT_URL, {"file": file})


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("url", [IMPORT_URL, TEMPLATE_URL])
def test_import_pages_answer_each_role(role_clients, url):
    answers = {role: client.get(url).status_code for role, client in role_clients.items()}
    assert answers == {"staff": 200, **DENIED, "anonymous": 302}


def test_import_pages_send_anonymous_visitors_to_sign_in(client):
    response = client.get(IMPORT_URL)
    assert response["Location"] == f"{reverse('login')}?next={IMPORT_URL}"


def test_import_confirm_is_post_only_and_for_staff_only(role_clients):
    answers = {role: client.get(CONFIRM_URL).status_code for role, client in role_clients.items()}
    assert answers == {"staff": 405, **DENIED, "anonymous": 302}


def test_import_upload_and_confirm_are_refused_to_other_roles(role_clients, tmp_path):
    path = xlsx_file(tmp_path, GOOD_ROWS)
    answers = {role: upload(role_clients[role], path).status_code for role in ("officer", "council", "anonymous")}
    confirms = {role: role_clients[role].post(CONFIRM_URL, {"token": "x"}).status_code for role in DENIED}
    assert (answers, confirms) == ({"officer": 403, "council": 403, "anonymous": 302}, DENIED)
    assert (Unit.objects.filter(code__startswith="H-").count(), stored_files()) == (0, [])


def test_import_page_links_to_the_template(role_clients):
    response = role_clients["staff"].get(IMPORT_URL)
    assert f'href="{TEMPLATE_URL}"' in response.content.decode()


def test_import_template_downloads_as_xlsx(role_clients):
    response = role_clients["staff"].get(TEMPLATE_URL)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-don-vi.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in book["Danh sách đơn vị"][1]] == HEADER


def test_import_upload_with_errors_lists_them_and_imports_nothing(role_clients, tmp_path):
    path = xlsx_file(tmp_path, [*GOOD_ROWS, ["H-X", "Huyện X", "", "Huyện"]])
    response = upload(role_clients["staff"], path)
    assert response.status_code == 200
    assert [(e.row, e.column, e.reason) for e in response.context["plan"].errors] == [
        (5, "Loại đơn vị", "“Huyện” không phải giá trị hợp lệ (xem trang “Hướng dẫn” của tệp mẫu)."),
    ]
    assert "Tệp “don-vi.xlsx” có 1 lỗi nên chưa nhập gì." in response.content.decode()
    assert (Unit.objects.filter(code__startswith="H-").count(), stored_files()) == (0, [])


@pytest.mark.parametrize("name", ["don-vi.xlsx", "don-vi.csv"])
def test_import_upload_refuses_a_renamed_image(role_clients, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PNG)
    response = upload(role_clients["staff"], path)
    assert response.context["form"].errors == {
        "file": ["Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv); nội dung tệp này không phải hai loại đó."],
    }
    assert stored_files() == []


def test_import_upload_refuses_a_file_too_large(role_clients, tmp_path, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 300
    response = upload(role_clients["staff"], xlsx_file(tmp_path, GOOD_ROWS))
    assert response.context["form"].errors == {"file": ["Tệp lớn hơn giới hạn 300\xa0byte."]}
    assert stored_files() == []


def test_import_upload_of_a_clean_file_previews_without_importing(role_clients, tmp_path):
    response = upload(role_clients["staff"], csv_file(tmp_path, GOOD_ROWS))
    plan = response.context["plan"]
    assert plan.preview == ImportResult(units_created=3, clusters_created=1, memberships_created=2)
    assert [change.unit.code for change in plan.unit_changes] == ["H-VQ", "X-TD", "H-BG"]
    assert response.context["token"] != ""
    assert 'name="token"' in response.content.decode()
    assert len(stored_files()) == 1 and stored_files()[0].endswith(".csv")
    assert Unit.objects.filter(code__startswith="H-").count() == 0


def test_import_confirm_applies_the_file_and_deletes_it(role_clients, alice, tmp_path):
    client = role_clients["staff"]
    token = upload(client, xlsx_file(tmp_path, GOOD_ROWS)).context["token"]
    response = client.post(CONFIRM_URL, {"token": token})
    assert response["Location"] == reverse("units:unit_list")
    assert texts(response) == [
        "Đã nhập tệp don-vi.xlsx. Đơn vị: 3 thêm mới, 0 cập nhật, 0 không đổi. Cụm, khối: 1 thêm mới. "
        "Thành viên cụm, khối: 2 thêm mới, 0 đổi vai trò."
    ]
    assert sorted(Unit.objects.filter(code__in=["H-VQ", "H-BG", "X-TD"]).values_list("code", flat=True)) == [
        "H-BG", "H-VQ", "X-TD",
    ]
    assert set(Unit.history.filter(code="H-VQ").values_list("history_user", "history_change_reason")) == {
        (alice.pk, "Nhập từ tệp don-vi.xlsx"),
    }
    assert stored_files() == []


def test_import_confirm_twice_imports_once(role_clients, tmp_path):
    client = role_clients["staff"]
    token = upload(client, xlsx_file(tmp_path, GOOD_ROWS)).context["token"]
    client.post(CONFIRM_URL, {"token": token})
    response = client.post(CONFIRM_URL, {"token": token})
    assert response["Location"] == IMPORT_URL
    # The first message waits for a page to show it; the second says the repeat did nothing.
    assert texts(response)[1:] == ["Phiên nhập đã hết hạn hoặc tệp đã được nhập; hãy tải tệp lên lại."]
    assert ClusterMembership.history.filter(cluster__name=INLAND).count() == 2


def test_import_confirm_refuses_a_forged_token(role_clients, tmp_path):
    client = role_clients["staff"]
    upload(client, xlsx_file(tmp_path, GOOD_ROWS))
    response = client.post(CONFIRM_URL, {"token": '{"path": "imports/other.xlsx", "name": "x.xlsx"}'})
    assert response["Location"] == IMPORT_URL
    assert Unit.objects.filter(code__startswith="H-").count() == 0


def test_import_confirm_checks_the_file_again(role_clients, tmp_path):
    client = role_clients["staff"]
    token = upload(client, xlsx_file(tmp_path, GOOD_ROWS)).context["token"]
    # Meanwhile someone else makes another unit leader of the same cluster.
    cluster = Cluster.objects.create(name=INLAND, year=2019, kind="cum", scope="provincial")
    MembershipFactory(cluster=cluster, unit=UnitFactory(code="H-CL"), role="leader")
    response = client.post(CONFIRM_URL, {"token": token})
    assert [(e.row, e.column) for e in response.context["plan"].errors] == [(3, "Vai trò trong cụm/khối")]
    assert Unit.objects.filter(code__in=["H-VQ", "H-BG", "X-TD"]).count() == 0
    assert len(stored_files()) == 1


def test_import_upload_of_an_unchanged_file_offers_nothing_to_confirm(role_clients, tmp_path):
    client = role_clients["staff"]
    path = xlsx_file(tmp_path, GOOD_ROWS)
    client.post(CONFIRM_URL, {"token": upload(client, path).context["token"]})
    response = upload(client, path)
    assert (response.context["plan"].preview, response.context["token"]) == (ImportResult(units_unchanged=3), "")
    assert "Tệp không có gì khác với dữ liệu trên cổng" in response.content.decode()
    assert stored_files() == []


def test_import_upload_deletes_uploads_left_unconfirmed_for_a_day(role_clients, tmp_path, media):
    old = default_storage.save("imports/units-old.xlsx", io.BytesIO(b"old"))
    other = default_storage.save("imports/campaign-old.docx", io.BytesIO(b"other"))
    day_ago = time.time() - 25 * 3600
    for name in (old, other):
        os.utime(media / name, (day_ago, day_ago))
    upload(role_clients["staff"], xlsx_file(tmp_path, GOOD_ROWS))
    assert "units-old.xlsx" not in stored_files()
    assert "campaign-old.docx" in stored_files()
