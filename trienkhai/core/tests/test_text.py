from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trienkhai.core.text import clean_text, nfc, same_text, search_key, text_key


def test_nfc_composes_and_replaces_odd_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng\u00a0ủy  xã\n")
    assert nfc(decomposed) == "Đảng ủy  xã\n"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_nfc_drops_invisible_marks() -> None:
    assert nfc("\ufeffChi bộ\u200b 01") == "Chi bộ 01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Ban  Tuyên giáo\u00a0và Dân vận \n", "Ban Tuyên giáo và Dân vận"),
        ("a\n\tb", "a b"),
        ("", ""),
        (unicodedata.normalize("NFD", " Hải Phòng "), "Hải Phòng"),
    ],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoà", "hoa"),
        ("hòa", "hoa"),
        ("Thành uỷ", "thanh uy"),
        ("Thành ủy", "thanh uy"),
        ("ĐẢNG ỦY XÃ TÂN KỲ", "dang uy xa tan ky"),
        ("  Đảng   bộ\u00a0 ", "dang bo"),
        (unicodedata.normalize("NFD", "Nghị quyết"), "nghi quyet"),
        ("Ủy ban MTTQ", "uy ban mttq"),
        ("Chỉ tiêu 21", "chi tieu 21"),
    ],
)
def test_search_key(text: str, expected: str) -> None:
    assert search_key(text) == expected


def test_search_key_ignores_tone_placement() -> None:
    assert search_key("hoà") == search_key("hòa") == "hoa"
    assert search_key("Thành uỷ") == search_key("Thành ủy") == "thanh uy"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hoà bình", "Hòa  Bình"),
        ("Thành uỷ", "thành ủy"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ", "khỏe"),
        (unicodedata.normalize("NFD", "Hoà"), "hòa"),
    ],
)
def test_same_text_ignores_case_spacing_and_tone_placement(a: str, b: str) -> None:
    assert same_text(a, b)
    assert text_key(a) == text_key(b)


def test_same_text_keeps_diacritics_unless_asked() -> None:
    assert not same_text("Bắc", "Bác")
    assert not same_text("Thanh uy", "Thành ủy")
    assert same_text("Thanh uy", "Thành ủy", ignore_diacritics=True)
    assert same_text("Bắc", "Bác", ignore_diacritics=True)


@given(st.text())
def test_keys_are_stable(text: str) -> None:
    assert search_key(search_key(text)) == search_key(text)
    assert search_key(text) == search_key(unicodedata.normalize("NFD", text))
    assert clean_text(clean_text(text)) == clean_text(text)
    assert same_text(text, unicodedata.normalize("NFD", text))
