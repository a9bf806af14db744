"""Import of past awards: the template, row-level errors, the preview, idempotence, the command."""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.models import AwardRecord, Household, Person
from awards.register_excel import COLUMNS, DATA_SHEET, GUIDE_SHEET, read_rows, validate
from awards.services.register import import_records
from portal.tests.factories import HouseholdFactory, PersonFactory, UnitFactory
from portal.tests.helpers import signed_in

IMPORT_URL = reverse("awards:register_import")
TEMPLATE_URL = reverse("awards:register_import_template")
CONFIRM_URL = reverse("awards:register_import_confirm")
HEADER = [column.header for column in COLUMNS]
GOOD_ROWS = [
    ["Tập thể", "A01", "", "", "", "", "giay_khen", 2018, "125/QĐ-UBND", "20/12/2018", "Chủ tịch UBND huyện"],
    ["Cá nhân", "A01", "Nông Thị Hoa", 1985, "Nữ", "Tày", "Chiến sĩ thi đua cơ sở", 2018, "125/QĐ-UBND",
     datetime.datetime(2018, 12, 20), "Chủ tịch UBND huyện"],
    ["cá nhân", "A01", "nông thị hoa", 1985, "", "", "BANG KHEN CUA CHU TICH UBND TINH", 2019, "2410/QĐ-UBND",
     "15/11/2019", "Chủ tịch UBND tỉnh"],
    ["Hộ gia đình", "A01", "Lương Văn Hải", "", "", "", "bang_khen_tinh", 2019, "2410/QĐ-UBND", "15/11/2019",
     "Chủ tịch UBND tỉnh"],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx_file(tmp_path, rows, name="khen-thuong.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    for row in [HEADER, *rows]:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def upload(client, path):
    with path.open("rb") as file:
        return client.post(IMPORT_URL, {"file": file})


def errors_of(response):
    return [(error.row, error.column, error.reason) for error in response.context["plan"].errors]


def history_rows():
    return (AwardRecord.history.count(), Person.history.count(), Household.history.count())


# --- Template -----------------------------------------------------------------------------------------------------


def test_template_has_a_guide_and_validation_lists(alice):
    response = signed_in(alice).get(TEMPLATE_URL)
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [DATA_SHEET, GUIDE_SHEET]
    data = book[DATA_SHEET]
    assert [cell.value for cell in data[1]] == HEADER
    lists = {str(rule.sqref): rule.type for rule in data.data_validations.dataValidation}
    assert lists == {"A2:A10001": "list", "E2:E10001": "list", "G2:G10001": "list", "H2:H10001": "whole",
                     "D2:D10001": "whole"}
    guide = [row[0] for row in book[GUIDE_SHEET].iter_rows(values_only=True)]
    assert "Chiến sĩ thi đua cơ sở" in guide


def test_template_examples_pass_the_check(alice, tmp_path):
    UnitFactory(code="H-VQ", name="UBND huyện Văn Quan")
    UnitFactory(code="X-TD", name="UBND xã Tân Đoàn")
    book = load_workbook(io.BytesIO(signed_in(alice).get(TEMPLATE_URL).content))
    guide = list(book[GUIDE_SHEET].iter_rows(values_only=True))
    start = max(index for index, row in enumerate(guide) if row[0] == HEADER[0])
    path = xlsx_file(tmp_path, [list(row[:len(HEADER)]) for row in guide[start + 1:]])
    plan = validate(read_rows(path))
    assert (plan.errors, plan.preview.records_created, plan.preview.people_created) == ([], 3, 1)


# --- Checking -----------------------------------------------------------------------------------------------------


def test_preview_says_who_will_be_created(alice, unit_a, tmp_path):
    response = upload(signed_in(alice), xlsx_file(tmp_path, GOOD_ROWS))
    preview = response.context["preview"]
    assert (preview.records_created, preview.records_unchanged, preview.people_created,
            preview.households_created) == (4, 0, 1, 1)
    assert response.content.decode().count("sẽ tạo mới") == 3
    assert AwardRecord.objects.count() == 0


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_saved(alice, unit_a, tmp_path):
    rows = [
        GOOD_ROWS[0],
        ["Cơ quan", "A01", "", "", "", "", "giay_khen", 2018, "1/QĐ", "20/12/2018", "X"],
        ["Cá nhân", "ZZ9", "Vi Văn A", 1990, "Nam", "", "giay_khen", 2018, "1/QĐ", "20/12/2018", "X"],
        ["Cá nhân", "A01", "Vi Văn B", "", "Nam", "", "Huân chương", 1900, "1/QĐ", "31/02/2018", ""],
        ["Cá nhân", "A01", "Vi Văn C", 1990, "", "", "giay_khen", 2018, "1/QĐ", "20/12/2018", "X"],
        GOOD_ROWS[0],
    ]
    response = upload(signed_in(alice), xlsx_file(tmp_path, rows))
    assert errors_of(response) == [
        (3, "Đối tượng", "“Cơ quan” không phải giá trị hợp lệ (xem trang “Hướng dẫn” của tệp mẫu)."),
        (4, "Mã đơn vị", "Không có đơn vị mã “ZZ9” trên cổng."),
        (5, "Năm sinh", "Cá nhân phải có năm sinh."),
        (5, "Hình thức, danh hiệu", "“Huân chương” không có trong danh mục hình thức khen thưởng của cổng."),
        (5, "Năm", "Năm “1900” không hợp lệ (cần một năm từ 1945 đến 2100)."),
        (5, "Ngày quyết định", "Ngày “31/02/2018” không hợp lệ (cần dạng dd/mm/yyyy, ví dụ 20/12/2018)."),
        (5, "Cấp quyết định", "Thiếu giá trị bắt buộc."),
        (6, "Giới tính", "Cá nhân chưa có trên cổng, sẽ được tạo mới: cần ghi giới tính."),
        (7, "", "Trùng với dòng 2 (cùng đối tượng, hình thức, năm và số quyết định)."),
    ]
    assert "Dòng 5, cột Năm" in str(response.context["plan"].errors[4])
    assert (AwardRecord.objects.count(), Person.objects.count()) == (0, 0)


def test_missing_column_is_reported_on_the_header_row(alice, tmp_path):
    book = Workbook()
    book.active.append(HEADER[:-1])
    book.active.append(GOOD_ROWS[0][:-1])
    path = tmp_path / "thieu-cot.xlsx"
    book.save(path)
    assert errors_of(upload(signed_in(alice), path)) == [(1, "Cấp quyết định", "Thiếu cột này ở dòng tiêu đề.")]


def test_a_file_that_is_not_a_spreadsheet_is_refused(alice, tmp_path):
    path = tmp_path / "anh.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    response = upload(signed_in(alice), path)
    assert response.context["form"].errors == {"file": [
        "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv); nội dung tệp này không phải hai loại đó."]}


def test_an_existing_person_is_matched_by_name_and_birth_year(alice, unit_a, tmp_path):
    hoa = PersonFactory(unit=unit_a, full_name="Nông Thị Hoa", birth_year=1985)
    HouseholdFactory(unit=unit_a, head_name="Lương Văn Hải")
    plan = validate(read_rows(xlsx_file(tmp_path, GOOD_ROWS)))
    assert [row.recipient for row in plan.rows][1:3] == [hoa, hoa]
    assert (plan.preview.people_created, plan.preview.households_created) == (0, 0)


# --- Importing ----------------------------------------------------------------------------------------------------


def test_confirm_imports_and_a_second_import_changes_nothing(alice, unit_a, tmp_path):
    client = signed_in(alice)
    path = xlsx_file(tmp_path, GOOD_ROWS)
    token = upload(client, path).context["token"]
    response = client.post(CONFIRM_URL, {"token": token})
    assert response["Location"] == reverse("awards:register_lookup")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã nhập tệp khen-thuong.xlsx. Khen thưởng: 4 thêm mới, 0 đã có. Cá nhân tạo mới: 1. Hộ gia đình tạo mới: 1."]
    hoa = Person.objects.get()
    assert (hoa.full_name, hoa.birth_year, hoa.gender, hoa.ethnicity, hoa.unit) == (
        "Nông Thị Hoa", 1985, "female", "Tày", unit_a)
    records = AwardRecord.objects.order_by("id")
    assert [(r.recipient_kind, r.award_code, r.year, r.decision_date, r.source, r.created_by) for r in records] == [
        ("collective", "giay_khen", 2018, datetime.date(2018, 12, 20), "import", alice),
        ("individual", "cstd_co_so", 2018, datetime.date(2018, 12, 20), "import", alice),
        ("individual", "bang_khen_tinh", 2019, datetime.date(2019, 11, 15), "import", alice),
        ("household", "bang_khen_tinh", 2019, datetime.date(2019, 11, 15), "import", alice),
    ]
    assert records[0].history.get().history_change_reason == "Nhập từ tệp khen-thuong.xlsx"
    before = history_rows()
    again = upload(client, path)
    assert (again.context["token"], again.context["preview"].records_unchanged) == ("", 4)
    assert import_records(validate(read_rows(path)).rows, by=alice).records_created == 0
    assert (AwardRecord.objects.count(), Person.objects.count(), history_rows()) == (4, 1, before)


def test_confirm_with_a_forged_token_imports_nothing(alice):
    response = signed_in(alice).post(CONFIRM_URL, {"token": "gia-mao"})
    assert response["Location"] == IMPORT_URL
    assert AwardRecord.objects.count() == 0


def test_csv_utf8_is_imported_like_xlsx(alice, unit_a, tmp_path):
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, ["Tập thể", "A01", "", "", "", "", "giay_khen", "2018", "125/QĐ-UBND",
                                         "20/12/2018", "Chủ tịch UBND huyện"]])
    path = tmp_path / "khen-thuong.csv"
    path.write_text(text.getvalue(), encoding="utf-8-sig")
    plan = validate(read_rows(path))
    assert (plan.errors, [(row.recipient, row.decision_date) for row in plan.rows]) == (
        [], [(unit_a, datetime.date(2018, 12, 20))])


# --- The command --------------------------------------------------------------------------------------------------


def test_command_dry_run_writes_nothing_then_imports(unit_a, tmp_path, capsys):
    path = xlsx_file(tmp_path, GOOD_ROWS)
    call_command("import_awards", str(path), "--dry-run")
    assert capsys.readouterr().out == (
        "Chạy thử, chưa nhập gì. Nếu nhập: Khen thưởng: 4 thêm mới, 0 đã có. Cá nhân tạo mới: 1. "
        "Hộ gia đình tạo mới: 1.\n")
    assert AwardRecord.objects.count() == 0
    call_command("import_awards", str(path))
    call_command("import_awards", str(path))
    assert capsys.readouterr().out == (
        "Khen thưởng: 4 thêm mới, 0 đã có. Cá nhân tạo mới: 1. Hộ gia đình tạo mới: 1.\n"
        "Khen thưởng: 0 thêm mới, 4 đã có. Cá nhân tạo mới: 0. Hộ gia đình tạo mới: 0.\n")
    assert AwardRecord.objects.count() == 4


def test_command_reports_errors_and_imports_nothing(unit_a, tmp_path, capsys):
    path = xlsx_file(tmp_path, [["Tập thể", "ZZ9", "", "", "", "", "giay_khen", 2018, "1", "20/12/2018", "X"]])
    with pytest.raises(CommandError) as error:
        call_command("import_awards", str(path))
    assert str(error.value) == "Tệp có 1 lỗi; chưa nhập gì."
    assert capsys.readouterr().err == "Dòng 2, cột Mã đơn vị: Không có đơn vị mã “ZZ9” trên cổng.\n"
    assert AwardRecord.objects.count() == 0
