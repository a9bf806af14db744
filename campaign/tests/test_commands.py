import io

import pytest
from django.core.management import CommandError, call_command

from campaign.models import Campaign

from .conftest import LETTER_2019, PLAN_2025

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_launch_document", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_launch_document_prints_what_it_created():
    out, err = run(LETTER_2019, "--start-date", "05/03/2019", "--regime", "A", "--kind", "special")
    lines = out.splitlines()
    assert lines[:6] == [
        "Đã tạo phong trào: Phong trào thi đua đặc biệt chào mừng kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Thụ "
        "(04/11/1909 - 04/11/2019)",
        "Thời gian: 05/03/2019 – 04/10/2019",
        "Ngày kỷ niệm: 04/11/2019",
        "Chế độ pháp lý: Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)",
        "Số nội dung thi đua: 12",
        "  1. Phát huy truyền thống yêu nước, khơi dậy ý thức tự giác, sức sáng tạo của cán bộ, công chức, viên chức, "
        "người lao động…",
    ]
    assert lines[7] == (
        "  3. Tiếp tục đẩy mạnh Phong trào thi đua “Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới” giai đoạn "
        "2016 - 2020"
    )
    assert len(lines) == 17
    assert err == "Lưu ý: Văn bản không ghi ngày bắt đầu: hãy nhập ngày bắt đầu.\n"
    assert Campaign.objects.get().tasks.count() == 12


def test_import_launch_document_plan_needs_no_options():
    out, err = run(PLAN_2025)
    assert out.splitlines()[1:5] == [
        "Thời gian: 15/03/2025 – 15/08/2025",
        "Ngày kỷ niệm: 02/09/2025",
        "Chế độ pháp lý: Luật Thi đua, khen thưởng 2022",
        "Số nội dung thi đua: 6",
    ]
    assert err == ""


def test_import_launch_document_update_existing_does_not_duplicate():
    run(PLAN_2025, "--update-existing")
    out, _err = run(PLAN_2025, "--update-existing")
    assert out.startswith("Đã cập nhật phong trào: Tổ chức phong trào thi đua đặc biệt")
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((LETTER_2019,), "Văn bản không ghi ngày bắt đầu: dùng --start-date dd/mm/yyyy."),
        ((LETTER_2019, "--start-date", "2019-03-05"), "Ngày “2019-03-05” không đúng dạng dd/mm/yyyy."),
        (("/khong/co/tep.txt",), "Không tìm thấy tệp /khong/co/tep.txt."),
        ((PLAN_2025, "--start-date", "01/09/2025"), "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."),
    ],
)
def test_import_launch_document_errors(args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert (str(error.value), error.value.returncode) == (message, 1)
    assert Campaign.objects.count() == 0
