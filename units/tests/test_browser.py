"""Staff journeys through units in Debian's chromium driven by Playwright."""

import io

import openpyxl
import pytest

from portal.tests.factories import PASSWORD, StaffFactory, UnitFactory
from units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, live_server):
    StaffFactory(username="snv.tdkt")
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("snv.tdkt")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Ban Thi đua – Khen thưởng").wait_for()


def filled_template(path, rows):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(page, name, data):
    page.get_by_label("Tệp danh sách đơn vị").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    )
    page.get_by_role("button", name="Kiểm tra tệp").click()


def test_staff_imports_units_from_the_downloaded_template(page, live_server, tmp_path):
    sign_in(page, live_server)
    page.get_by_role("link", name="Nhập danh sách đơn vị").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="tệp mẫu (.xlsx)").click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)

    good = ["LS-VQ", "Huyện Văn Quan", "Văn Quan", "Đơn vị cấp huyện", "", "", "Cụm thi đua nội địa",
            "Cụm thi đua", "Cấp tỉnh", 2019, "Cụm trưởng, khối trưởng"]
    bad = ["LS-BG", "Huyện Bình Gia", "", "Quận", "", "", "", "", "", "", ""]
    upload(page, "don-vi.xlsx", filled_template(template, [good, bad]))
    errors = page.locator("table.import-errors tbody tr")
    assert errors.count() == 1
    assert errors.first.inner_text().startswith("3\tLoại đơn vị")
    assert Unit.objects.count() == 0

    upload(page, "don-vi.xlsx", filled_template(template, [good]))
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.get_by_role("heading", name="Đơn vị").wait_for()
    assert "Huyện Văn Quan" in page.locator("main").inner_text()
    unit = Unit.objects.get(code="LS-VQ")
    assert [(m.cluster.name, m.role) for m in unit.memberships.all()] == [("Cụm thi đua nội địa", "leader")]


def test_staff_merges_a_unit_and_its_record_stays_under_the_successor(page, live_server):
    old = UnitFactory(code="X-CU", name="Xã Hoàng Văn Thụ", kind="commune")
    UnitFactory(code="X-MOI", name="Xã Văn Lãng mới", kind="commune")
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/don-vi/{old.pk}/")
    page.get_by_role("link", name="Sáp nhập").click()
    page.get_by_label("Sáp nhập vào đơn vị").select_option(label="Xã Văn Lãng mới")
    page.get_by_label("Ngày sáp nhập").fill("2025-07-01")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sáp nhập").click()

    banner = page.get_by_text("Đã sáp nhập vào Xã Văn Lãng mới từ ngày 01/07/2025.")
    banner.wait_for()
    page.get_by_role("link", name="Xã Văn Lãng mới").first.click()
    assert "Xã Hoàng Văn Thụ" in page.locator("main").inner_text()
