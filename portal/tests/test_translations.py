import subprocess
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext, ngettext

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES"


def test_compiled_catalogue_matches_its_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(LOCALE / "django.po")], check=True)
    assert compiled.read_bytes() == (LOCALE / "django.mo").read_bytes()


def test_library_strings_without_vietnamese_are_translated():
    with translation.override("vi"):
        assert gettext("Changed by") == "Người thay đổi"
        assert gettext("Password-based authentication") == "Đăng nhập bằng mật khẩu"
        assert gettext("Null characters are not allowed.") == "Không được chứa ký tự rỗng (NUL)."
        assert ngettext("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 3) == (
            "Vui lòng gửi tối đa %(num)d mục."
        )
