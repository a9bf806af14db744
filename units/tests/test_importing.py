import csv
import io
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from portal.tests.factories import (
    ClusterFactory,
    MembershipFactory,
    StaffFactory,
    UnitFactory,
)
from units.importing import (
    ImportRejected,
    ImportResult,
    SheetRow,
    UnreadableFile,
    apply,
    build_template,
    read_rows,
    validate,
)
from units.models import Cluster, ClusterMembership, Unit

HEADER = [
    "Mã đơn vị*", "Tên đơn vị*", "Tên viết tắt", "Loại đơn vị*", "Mã đơn vị cấp trên", "Địa chỉ", "Cụm/khối",
    "Loại cụm/khối", "Phạm vi", "Năm", "Vai trò trong cụm/khối",
]
INLAND = "Cụm thi đua các huyện nội địa"
# A clean file: two districts in a new cluster, one of them leader, and a commune listed before its district.
GOOD_ROWS = [
    ["X-TD", "UBND xã Tân Đoàn", "Tân Đoàn", "Đơn vị cấp xã", "H-VQ", "", "", "", "", "", ""],
    ["H-VQ", "UBND huyện Văn Quan", "Văn Quan", "Đơn vị cấp huyện", "", "Thị trấn Văn Quan", INLAND, "Cụm thi đua",
     "Cấp tỉnh", 2019, "Cụm trưởng, khối trưởng"],
    ["H-BG", "UBND huyện Bình Gia", "Bình Gia", "district", "", "", INLAND, "", "", 2019, ""],
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00\x00\x00This program cannot be run in DOS"
NOT_SUPPORTED = "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv); nội dung tệp này không phải hai loại đó."


def xlsx_file(tmp_path, rows, name="don-vi.xlsx", header=HEADER):
    book = Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def csv_file(tmp_path, rows, name="don-vi.csv", delimiter=";", encoding="utf-8-sig"):
    path = tmp_path / name
    with path.open("w", newline="", encoding=encoding) as file:
        csv.writer(file, delimiter=delimiter).writerows([HEADER, *rows])
    return path


def windows_1258(text):
    """Text as Excel on a Vietnamese Windows saves a plain .csv: letters precomposed, tones as combining marks."""
    encoded = b""
    for char in text:
        letter = "".join(part for part in unicodedata.normalize("NFD", char) if part not in TONES)
        tones = "".join(part for part in unicodedata.normalize("NFD", char) if part in TONES)
        encoded += (unicodedata.normalize("NFC", letter) + tones).encode("cp1258")
    return encoded


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def plan_of(path):
    return validate(read_rows(path), file_name=path.name)


def errors_of(path):
    return [(error.row, error.column, error.reason) for error in plan_of(path).errors]


def history_count():
    return sum(model.history.count() for model in (Unit, Cluster, ClusterMembership))


# --- Reading ------------------------------------------------------------------------------------------------------


def test_read_rows_xlsx_numbers_rows_as_excel_shows_them(tmp_path):
    path = xlsx_file(tmp_path, [GOOD_ROWS[0], [None] * 11, [7, "  Đơn vị   số 7 ", None, "district"]])
    assert read_rows(path) == [
        SheetRow(1, tuple(HEADER)),
        SheetRow(2, ("X-TD", "UBND xã Tân Đoàn", "Tân Đoàn", "Đơn vị cấp xã", "H-VQ")),
        SheetRow(4, ("7", "Đơn vị số 7", "", "district")),
    ]


def test_read_rows_csv_with_semicolons_and_bom(tmp_path):
    rows = read_rows(csv_file(tmp_path, GOOD_ROWS[1:2]))
    assert rows == [SheetRow(1, tuple(HEADER)), SheetRow(2, (
        "H-VQ", "UBND huyện Văn Quan", "Văn Quan", "Đơn vị cấp huyện", "", "Thị trấn Văn Quan", INLAND,
        "Cụm thi đua", "Cấp tỉnh", "2019", "Cụm trưởng, khối trưởng",
    ))]


def test_read_rows_csv_with_commas_without_bom(tmp_path):
    rows = read_rows(csv_file(tmp_path, GOOD_ROWS[1:2], delimiter=",", encoding="utf-8"))
    assert rows[1].cells[10] == "Cụm trưởng, khối trưởng"
    assert rows[0] == SheetRow(1, tuple(HEADER))


@pytest.mark.parametrize(("name", "content"), [("don-vi.xlsx", PNG), ("don-vi.csv", EXE), ("don-vi.xlsx", EXE)])
def test_read_rows_refuses_renamed_binary_by_content(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as raised:
        read_rows(path)
    assert str(raised.value) == NOT_SUPPORTED


def test_read_rows_refuses_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "don-vi.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnreadableFile) as raised:
        read_rows(path)
    assert str(raised.value) == NOT_SUPPORTED


def test_read_rows_refuses_csv_not_in_utf8(tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_bytes(windows_1258(";".join(HEADER) + "\r\nH1;Huyện Văn Lãng;;district\r\n"))
    with pytest.raises(UnreadableFile) as raised:
        read_rows(path)
    assert str(raised.value) == "Tệp CSV phải lưu với bảng mã UTF-8 (trong Excel chọn “CSV UTF-8”)."


def test_read_rows_refuses_file_over_the_size_limit(tmp_path, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 200
    path = csv_file(tmp_path, GOOD_ROWS)
    with pytest.raises(UnreadableFile) as raised:
        read_rows(path)
    assert str(raised.value) == "Tệp lớn hơn giới hạn 200\xa0byte."


def test_read_rows_refuses_empty_file(tmp_path):
    path = tmp_path / "trong.csv"
    path.write_bytes(b"")
    with pytest.raises(UnreadableFile) as raised:
        read_rows(path)
    assert str(raised.value) == "Tệp trống."


# --- Validating ---------------------------------------------------------------------------------------------------


def test_validate_reports_every_error_with_its_excel_row(db, tmp_path):
    district = "Đơn vị cấp huyện"
    path = xlsx_file(tmp_path, [
        ["", "Không có mã", "", district, "", "", "", "", "", "", ""],
        ["H1", "", "", "Huyện", "", "", "", "", "", "", ""],
        [],
        ["H2", "Huyện Tràng Định", "", district, "KHONG-CO", "", "Cụm biên giới", "Cụm thi đua", "Cấp tỉnh",
         "hai nghìn", ""],
        ["H3", "Huyện Văn Lãng", "", district, "", "", "Cụm biên giới", "", "", "", "Cụm trưởng"],
        ["H4", "Huyện Cao Lộc", "", district, "", "", "", "", "", 2019, "Thành viên"],
        ["H5", "Huyện Lộc Bình", "", district, "", "", "Cụm biên giới", "Cụm thi đua", "Cấp tỉnh", 2019, "Cụm trưởng"],
        ["H6", "Huyện Đình Lập", "", district, "", "", "Cụm biên giới", "", "", 2019, "cum truong"],
        ["H5", "Huyện Lộc Bình", "", district, "", "", "Cụm biên giới", "", "", 2019, "Thành viên"],
        ["H5", "UBND huyện Lộc Bình", "", district, "", "", "Khối tỉnh", "Khối thi đua", "Cấp tỉnh", 2019, ""],
        ["H7", "Huyện Bắc Sơn", "", district, "H8", "", "", "", "", "", ""],
        ["H8", "Huyện Hữu Lũng", "", district, "H7", "", "", "", "", "", ""],
        ["H9", "Huyện Chi Lăng", "", district, "", "", "Cụm nội địa mới", "", "Cấp tỉnh", 2020, ""],
        ["H10", "Huyện Văn Quan", "", district, "", "", "Cụm biên giới", "Khối thi đua", "", 2019, ""],
        ["H11", "Huyện Bình Gia", "", district, "H11", "", "", "", "", 1890, ""],
    ])
    two_leaders = "Cụm/khối “Cụm biên giới” năm 2019 có hơn một cụm trưởng: H5, H6."
    assert errors_of(path) == [
        (2, "Mã đơn vị", "Thiếu giá trị bắt buộc."),
        (3, "Tên đơn vị", "Thiếu giá trị bắt buộc."),
        (3, "Loại đơn vị", "“Huyện” không phải giá trị hợp lệ (xem trang “Hướng dẫn” của tệp mẫu)."),
        (5, "Mã đơn vị cấp trên", "Không có đơn vị mã “KHONG-CO” trong tệp hay trên cổng."),
        (5, "Năm", "Năm “hai nghìn” không hợp lệ (cần một năm từ 1990 đến 2100)."),
        (6, "Năm", "Cụm/khối phải có năm."),
        (7, "Cụm/khối", "Thiếu tên cụm/khối (dòng có loại, phạm vi, năm hoặc vai trò trong cụm/khối)."),
        (8, "Vai trò trong cụm/khối", two_leaders),
        (9, "Vai trò trong cụm/khối", two_leaders),
        (10, "Vai trò trong cụm/khối", "Dòng 8 đã ghi đơn vị này trong cùng cụm/khối với vai trò khác."),
        (11, "Tên đơn vị", "Khác với dòng 8 có cùng mã đơn vị."),
        (12, "Mã đơn vị cấp trên", "Đơn vị cấp trên tạo thành vòng lặp: H7 → H8 → H7."),
        (13, "Mã đơn vị cấp trên", "Đơn vị cấp trên tạo thành vòng lặp: H8 → H7 → H8."),
        (14, "Loại cụm/khối", "Cụm/khối “Cụm nội địa mới” năm 2020 chưa có trên cổng: cần ghi Loại cụm/khối."),
        (15, "Loại cụm/khối", "Khác với dòng 8 có cùng cụm/khối."),
        (16, "Mã đơn vị cấp trên", "Đơn vị cấp trên tạo thành vòng lặp: H11 → H11."),
        (16, "Cụm/khối", "Thiếu tên cụm/khối (dòng có loại, phạm vi, năm hoặc vai trò trong cụm/khối)."),
        (16, "Năm", "Năm “1890” không hợp lệ (cần một năm từ 1990 đến 2100)."),
    ]


def test_validate_reports_missing_header_columns(db, tmp_path):
    path = xlsx_file(tmp_path, [["H1", "Huyện Văn Lãng", "district"]], header=["Mã đơn vị", "Tên đơn vị", "Loại"])
    assert [(row, column) for row, column, _reason in errors_of(path)] == [
        (1, "Tên viết tắt"), (1, "Loại đơn vị"), (1, "Mã đơn vị cấp trên"), (1, "Địa chỉ"), (1, "Cụm/khối"),
        (1, "Loại cụm/khối"), (1, "Phạm vi"), (1, "Năm"), (1, "Vai trò trong cụm/khối"),
    ]
    assert {reason for _row, _column, reason in errors_of(path)} == {"Thiếu cột này ở dòng tiêu đề."}


def test_validate_refuses_a_file_with_only_its_header(db, tmp_path):
    assert errors_of(xlsx_file(tmp_path, [])) == [(2, "", "Tệp chỉ có dòng tiêu đề, chưa có đơn vị nào.")]


def test_validate_counts_the_leader_already_on_the_portal(cluster_a, tmp_path):
    row = ["H-BG", "UBND huyện Bình Gia", "", "district", "", "", INLAND, "", "", 2019, "leader"]
    path = xlsx_file(tmp_path, [row])
    assert errors_of(path) == [
        (2, "Vai trò trong cụm/khối", "Cụm/khối “Cụm thi đua các huyện nội địa” năm 2019 có hơn một cụm trưởng: "
                                      "A01, H-BG."),
    ]


def test_validate_accepts_a_leader_change_within_the_file(cluster_a, unit_a, tmp_path):
    path = xlsx_file(tmp_path, [
        ["H-BG", "UBND huyện Bình Gia", "", "district", "", "", INLAND, "", "", 2019, "Cụm trưởng"],
        [unit_a.code, unit_a.name, "", "district", "", "", INLAND, "", "", 2019, "Thành viên"],
    ])
    assert errors_of(path) == []


def test_validate_finds_a_cycle_through_the_portal(db, tmp_path):
    top = UnitFactory(code="T1")
    UnitFactory(code="T2", parent=top)
    path = xlsx_file(tmp_path, [["T1", "Tỉnh Lạng Sơn", "", "province", "T2", "", "", "", "", "", ""]])
    assert errors_of(path) == [(2, "Mã đơn vị cấp trên", "Đơn vị cấp trên tạo thành vòng lặp: T1 → T2 → T1.")]


def test_validate_refuses_a_cluster_described_unlike_the_portal(cluster_a, tmp_path):
    row = ["H-BG", "Huyện Bình Gia", "", "district", "", "", INLAND, "Khối thi đua", "", 2019, ""]
    path = xlsx_file(tmp_path, [row])
    assert errors_of(path) == [(2, "Loại cụm/khối", "Trên cổng, cụm/khối này là “Cụm thi đua”.")]


def test_validate_refuses_a_new_membership_for_an_inactive_unit(cluster_a, unit_a, tmp_path):
    UnitFactory(code="H-CU", name="Huyện cũ", is_active=False)
    unit_a.is_active = False
    unit_a.save()
    path = xlsx_file(tmp_path, [
        ["H-CU", "Huyện cũ", "", "district", "", "", INLAND, "", "", 2019, ""],
        ["A01", "Huyện Văn Quan", "", "district", "", "", INLAND, "", "", 2019, "Cụm trưởng"],
    ])
    assert errors_of(path) == [
        (2, "Cụm/khối", "Đơn vị “H-CU” đã ngừng hoạt động trên cổng, không thể vào cụm/khối hay đổi vai trò."),
    ]


def test_validate_accepts_labels_and_codes_in_any_case_and_without_accents(db, tmp_path):
    path = xlsx_file(tmp_path, [
        ["H1", "Huyện Văn Lãng", "", "ĐƠN VỊ CẤP HUYỆN", "", "", "Khối A", "khoi thi dua", "lien tinh", 2019,
         "Khối phó"],
        ["H2", "Huyện Cao Lộc", "", "Don vi cap huyen", "", "", "Khối A", "KHOI", "inter_provincial", 2019, "DEPUTY"],
        ["H3", "Huyện Lộc Bình", "", "District", "", "", "Khối A", "", "", 2019, "cụm trưởng"],
    ])
    plan = plan_of(path)
    assert plan.errors == []
    assert [(unit.code, unit.kind) for unit in plan.units] == [
        ("H1", "district"), ("H2", "district"), ("H3", "district"),
    ]
    assert [(spec.kind, spec.scope) for spec in plan.clusters] == [("khoi", "inter_provincial")]
    assert plan.memberships == {
        ("H1", ("Khối A", 2019)): "deputy", ("H2", ("Khối A", 2019)): "deputy", ("H3", ("Khối A", 2019)): "leader",
    }


def test_validate_writes_nothing(db, tmp_path):
    plan_of(xlsx_file(tmp_path, GOOD_ROWS))
    assert (Unit.objects.count(), Cluster.objects.count(), history_count()) == (0, 0, 0)


# --- Applying -----------------------------------------------------------------------------------------------------


def test_apply_creates_units_clusters_and_memberships(db, tmp_path):
    staff = StaffFactory()
    result = apply(plan_of(xlsx_file(tmp_path, GOOD_ROWS)), by=staff)
    assert result == ImportResult(units_created=3, clusters_created=1, memberships_created=2)
    units = Unit.objects.order_by("code")
    assert [(u.code, u.name, u.short_name, u.kind, u.parent and u.parent.code, u.address) for u in units] == [
        ("H-BG", "UBND huyện Bình Gia", "Bình Gia", "district", None, ""),
        ("H-VQ", "UBND huyện Văn Quan", "Văn Quan", "district", None, "Thị trấn Văn Quan"),
        ("X-TD", "UBND xã Tân Đoàn", "Tân Đoàn", "commune", "H-VQ", ""),
    ]
    cluster = Cluster.objects.get()
    assert (cluster.name, cluster.year, cluster.kind, cluster.scope) == (INLAND, 2019, "cum", "provincial")
    assert sorted(cluster.memberships.values_list("unit__code", "role")) == [("H-BG", "member"), ("H-VQ", "leader")]
    histories = [*Unit.history.all(), *Cluster.history.all(), *ClusterMembership.history.all()]
    assert {(h.history_type, h.history_change_reason, h.history_user) for h in histories} == {
        ("+", "Nhập từ tệp don-vi.xlsx", staff),
    }
    assert len(histories) == 6


def test_apply_sets_parents_listed_after_their_children_in_one_save(db, tmp_path):
    UnitFactory(code="LS", name="Tỉnh Lạng Sơn", kind="province")
    path = xlsx_file(tmp_path, [
        ["X-TD", "UBND xã Tân Đoàn", "", "commune", "H-VQ", "", "", "", "", "", ""],
        ["H-VQ", "UBND huyện Văn Quan", "", "district", "LS", "", "", "", "", "", ""],
    ])
    apply(plan_of(path), by=None)
    assert dict(Unit.objects.values_list("code", "parent__code")) == {"LS": None, "H-VQ": "LS", "X-TD": "H-VQ"}
    assert sorted(Unit.history.filter(code__in=["H-VQ", "X-TD"]).values_list("code", "history_type")) == [
        ("H-VQ", "+"), ("X-TD", "+"),
    ]


def test_apply_same_file_twice_changes_nothing(db, tmp_path):
    path = csv_file(tmp_path, GOOD_ROWS)
    apply(plan_of(path), by=None)
    before = history_count()
    second = plan_of(path)
    assert second.preview == ImportResult(units_unchanged=3)
    assert second.unit_changes == []
    assert apply(second, by=None) == ImportResult(units_unchanged=3)
    assert history_count() == before == 6


def test_apply_updates_what_changed_and_hands_over_the_leadership(cluster_a, unit_a, tmp_path):
    path = xlsx_file(tmp_path, [
        ["H-BG", "UBND huyện Bình Gia", "", "district", "", "", INLAND, "", "", 2019, "Cụm trưởng"],
        [unit_a.code, "UBND huyện Văn Quan", "", "district", "", "", INLAND, "", "", 2019, "Cụm phó"],
    ])
    plan = plan_of(path)
    assert [(change.unit.code, change.changes) for change in plan.unit_changes] == [
        ("H-BG", ()),
        ("A01", (("Tên đơn vị", "Huyện Văn Quan", "UBND huyện Văn Quan"),)),
    ]
    result = apply(plan, by=None)
    assert result == ImportResult(units_created=1, units_updated=1, memberships_created=1, memberships_updated=1)
    assert result == plan.preview
    assert sorted(cluster_a.memberships.values_list("unit__code", "role")) == [("A01", "deputy"), ("H-BG", "leader")]
    changed = Unit.history.filter(code="A01").latest("history_date")
    assert (changed.history_type, changed.name, changed.history_change_reason) == (
        "~", "UBND huyện Văn Quan", "Nhập từ tệp don-vi.xlsx",
    )


def test_apply_clears_an_optional_field_left_blank(db, tmp_path):
    UnitFactory(code="H-VQ", name="UBND huyện Văn Quan", short_name="Văn Quan", address="Thị trấn Văn Quan")
    path = xlsx_file(tmp_path, [["H-VQ", "UBND huyện Văn Quan", "", "district", "", "", "", "", "", "", ""]])
    assert apply(plan_of(path), by=None) == ImportResult(units_updated=1)
    assert Unit.objects.values_list("short_name", "address").get() == ("", "")


def test_apply_refuses_a_plan_with_errors(db, tmp_path):
    plan = plan_of(xlsx_file(tmp_path, [*GOOD_ROWS, ["H-X", "", "", "district"]]))
    with pytest.raises(ImportRejected):
        apply(plan, by=None)
    assert (Unit.objects.count(), history_count()) == (0, 0)


def test_apply_leaves_other_members_of_a_cluster_alone(db, tmp_path):
    cluster = ClusterFactory(name=INLAND, year=2019)
    MembershipFactory(cluster=cluster, unit=UnitFactory(code="H-CL"), role="leader")
    path = xlsx_file(tmp_path, [["H-BG", "UBND huyện Bình Gia", "", "district", "", "", INLAND, "", "", 2019, ""]])
    assert apply(plan_of(path), by=None) == ImportResult(units_created=1, memberships_created=1)
    assert sorted(cluster.memberships.values_list("unit__code", "role")) == [("H-BG", "member"), ("H-CL", "leader")]


# --- The template -------------------------------------------------------------------------------------------------


def test_template_has_a_clean_data_sheet_and_a_guide(db):
    book = load_workbook(io.BytesIO(build_template()))
    data, guide = book.worksheets
    assert (data.title, guide.title) == ("Danh sách đơn vị", "Hướng dẫn")
    assert [cell.value for cell in data[1]] == HEADER
    assert data.max_row == 1
    guide_text = {cell.value for row in guide.iter_rows() for cell in row if cell.value}
    assert {"Đơn vị cấp huyện", "Cụm trưởng, khối trưởng", "Khối thi đua", "Liên tỉnh", "district"} <= guide_text
    rules = {str(rule.sqref): (rule.type, rule.formula1) for rule in data.data_validations.dataValidation}
    assert rules == {
        "D2:D10001": ("list", "'Hướng dẫn'!$A$23:$A$29"),
        "H2:H10001": ("list", "'Hướng dẫn'!$A$32:$A$33"),
        "I2:I10001": ("list", "'Hướng dẫn'!$A$36:$A$37"),
        "K2:K10001": ("list", "'Hướng dẫn'!$A$40:$A$42"),
        "J2:J10001": ("whole", "1990"),
    }
    assert [guide.cell(row=23, column=1).value, guide.cell(row=42, column=1).value] == [
        "Sở, ban, ngành, cơ quan cấp tỉnh", "Thành viên",
    ]


def test_template_examples_import_cleanly(db, tmp_path):
    guide = load_workbook(io.BytesIO(build_template()))["Hướng dẫn"]
    rows = [[cell.value for cell in row] for row in guide.iter_rows()]
    examples = rows[rows.index(HEADER) + 1:]
    result = apply(plan_of(xlsx_file(tmp_path, examples)), by=None)
    assert result == ImportResult(units_created=4, clusters_created=4, memberships_created=4)
