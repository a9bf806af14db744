import unicodedata

import pytest

from portal.tests.factories import UnitFactory
from units.vietnamese import nfc, sort_key

LANG_SON_DISTRICTS = [
    "Bắc Sơn",
    "Bình Gia",
    "Cao Lộc",
    "Chi Lăng",
    "Đình Lập",
    "Hữu Lũng",
    "Lạng Sơn",
    "Lộc Bình",
    "Tràng Định",
    "Văn Lãng",
    "Văn Quan",
]


def vietnamese_sorted(names):
    return sorted(names, key=sort_key)


def test_sort_key_orders_the_11_lang_son_districts():
    shuffled = list(reversed(LANG_SON_DISTRICTS))
    assert vietnamese_sorted(shuffled) == LANG_SON_DISTRICTS


def test_sort_key_differs_from_code_point_order_for_the_districts():
    # Code points put "Bình" before "Bắc" and "Đình" after "Văn": the reason the key exists.
    assert sorted(LANG_SON_DISTRICTS) != LANG_SON_DISTRICTS
    assert sorted(LANG_SON_DISTRICTS)[-1] == "Đình Lập"


def test_sort_key_puts_d_with_stroke_after_d_and_before_e():
    assert vietnamese_sorted(["Em", "Đà Nẵng", "Dương", "Đông", "Duy"]) == ["Duy", "Dương", "Đà Nẵng", "Đông", "Em"]


def test_sort_key_puts_breve_and_circumflex_after_plain_a():
    assert vietnamese_sorted(["Ân", "Bê", "Ăn", "Ay", "An"]) == ["An", "Ay", "Ăn", "Ân", "Bê"]


def test_sort_key_puts_o_horn_and_u_horn_after_their_plain_letters():
    assert vietnamese_sorted(["Ơn", "Ôn", "On", "Ưa", "Uy"]) == ["On", "Ôn", "Ơn", "Uy", "Ưa"]


def test_sort_key_breaks_ties_by_tone_ngang_huyen_hoi_nga_sac_nang():
    assert vietnamese_sorted(["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"]) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]


def test_sort_key_letters_come_before_tones():
    # The tone of the first syllable does not outrank a later letter.
    assert vietnamese_sorted(["Mạ Bình", "Ma Yên", "Mà An"]) == ["Mà An", "Mạ Bình", "Ma Yên"]


def test_sort_key_ignores_case():
    assert sort_key("huyện văn quan") == sort_key("HUYỆN VĂN QUAN")


def test_sort_key_puts_shorter_name_first():
    assert vietnamese_sorted(["Lạng Sơn mới", "Lạng Sơn"]) == ["Lạng Sơn", "Lạng Sơn mới"]


def test_nfc_composes_a_decomposed_name():
    decomposed = unicodedata.normalize("NFD", "Lộc Bình")
    assert decomposed != "Lộc Bình"
    assert nfc(decomposed) == "Lộc Bình"
    assert sort_key(decomposed) == sort_key("Lộc Bình")


def test_nfc_reorders_marks_typed_in_either_order():
    # Circumflex then dot below, as some keyboards send it.
    assert nfc("Lo\u0302\u0323c") == "Lộc"


def test_nfc_folds_white_space():
    assert nfc("  Văn \t  Quan\n") == "Văn Quan"


def test_nfc_keeps_none():
    assert nfc(None) is None


@pytest.mark.django_db
def test_unit_save_stores_nfc_name_and_its_sort_key():
    unit = UnitFactory(name=unicodedata.normalize("NFD", "Huyện  Đình Lập"))
    unit.refresh_from_db()
    assert unit.name == "Huyện Đình Lập"
    assert unit.name_sort == sort_key("Huyện Đình Lập")


def test_people_sort_by_given_name_then_family_name():
    from units.vietnamese import person_sort_key

    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An", "Hoàng Đức", "Vi Văn Dũng", "Đỗ Thị Ánh"]
    assert sorted(names, key=person_sort_key) == [
        "Lê Văn An", "Trần Thị An", "Đỗ Thị Ánh", "Nguyễn Văn Bình", "Vi Văn Dũng", "Hoàng Đức",
    ]


def test_fold_ignores_case_marks_and_d_bar():
    from units.vietnamese import fold

    assert {fold(text) for text in ("Đình Lập", "ĐÌNH LẬP", "đinh lâp", "dinh lap", "Đi\u0300nh Lâ\u0323p")} == {"dinh lap"}
