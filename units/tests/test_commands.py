import io

import pytest
from django.core.management import CommandError, call_command

from units.models import Cluster, Unit

from .test_importing import GOOD_ROWS, PNG, csv_file, xlsx_file

COUNTS = (
    "Đơn vị: 3 thêm mới, 0 cập nhật, 0 không đổi. Cụm, khối: 1 thêm mới. "
    "Thành viên cụm, khối: 2 thêm mới, 0 đổi vai trò."
)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_units", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_units_prints_the_counts(db, tmp_path):
    assert run(xlsx_file(tmp_path, GOOD_ROWS)) == (COUNTS + "\n", "")
    assert Unit.history.filter(history_change_reason="Nhập từ tệp don-vi.xlsx", history_user=None).count() == 3


def test_import_units_twice_changes_nothing(db, tmp_path):
    path = csv_file(tmp_path, GOOD_ROWS)
    run(path)
    assert run(path) == (
        "Đơn vị: 0 thêm mới, 0 cập nhật, 3 không đổi. Cụm, khối: 0 thêm mới. "
        "Thành viên cụm, khối: 0 thêm mới, 0 đổi vai trò.\n",
        "",
    )
    assert Unit.history.count() == 3


def test_import_units_dry_run_imports_nothing(db, tmp_path):
    assert run(xlsx_file(tmp_path, GOOD_ROWS), "--dry-run") == (f"Chạy thử, chưa nhập gì. Nếu nhập: {COUNTS}\n", "")
    assert (Unit.objects.count(), Cluster.objects.count()) == (0, 0)


def test_import_units_prints_each_error_and_fails(db, tmp_path):
    path = xlsx_file(tmp_path, [*GOOD_ROWS, ["H-X", "", "", "Huyện"], ["H-Y", "Huyện Y", "", "district", "H-Z"]])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_units", str(path), stdout=out, stderr=err)
    assert (str(raised.value), raised.value.returncode) == ("Tệp có 3 lỗi; chưa nhập gì.", 1)
    assert err.getvalue().splitlines() == [
        "Dòng 5, cột Tên đơn vị: Thiếu giá trị bắt buộc.",
        "Dòng 5, cột Loại đơn vị: “Huyện” không phải giá trị hợp lệ (xem trang “Hướng dẫn” của tệp mẫu).",
        "Dòng 6, cột Mã đơn vị cấp trên: Không có đơn vị mã “H-Z” trong tệp hay trên cổng.",
    ]
    assert (out.getvalue(), Unit.objects.count()) == ("", 0)


def test_import_units_refuses_a_renamed_image(db, tmp_path):
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(PNG)
    with pytest.raises(CommandError) as raised:
        run(path)
    assert str(raised.value) == "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv); nội dung tệp này không phải hai loại đó."


def test_import_units_refuses_a_file_too_large(db, tmp_path, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 100
    with pytest.raises(CommandError) as raised:
        run(csv_file(tmp_path, GOOD_ROWS))
    assert str(raised.value) == "Tệp lớn hơn giới hạn 100\xa0byte."


def test_import_units_reports_a_missing_file(db, tmp_path):
    path = tmp_path / "khong-co.xlsx"
    with pytest.raises(CommandError) as raised:
        run(path)
    assert str(raised.value) == f"Không có tệp “{path}”."
