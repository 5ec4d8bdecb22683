from __future__ import annotations

import contextlib
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trienkhai.core.dates import DateFormatError, format_date_long, format_date_short, parse_date
from trienkhai.core.errors import DomainError

# Four-digit years: the only ones Party documents and forms write.
four_digit_dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2027, 2, 5), "ngày 05 tháng 02 năm 2027"),
        (date(2026, 6, 10), "ngày 10 tháng 6 năm 2026"),
        (date(2026, 12, 3), "ngày 03 tháng 12 năm 2026"),
        (date(2026, 1, 20), "ngày 20 tháng 01 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 10, 31), "ngày 31 tháng 10 năm 2026"),
    ],
)
def test_format_date_long(d: date, expected: str) -> None:
    assert format_date_long(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 6, 10), "10/06/2026"),
        (date(2027, 2, 5), "05/02/2027"),
        (date(2026, 12, 31), "31/12/2026"),
    ],
)
def test_format_date_short(d: date, expected: str) -> None:
    assert format_date_short(d) == expected


@pytest.mark.parametrize(
    "text",
    [
        "10/6/2026",
        "10/06/2026",
        "10-6-2026",
        "10.6.2026",
        "2026-06-10",
        "2026-6-10",
        "ngày 10 tháng 6 năm 2026",
        "Ngày 10 tháng 06 năm 2026",
        "NGÀY 10 THÁNG 6 NĂM 2026",
        "  ngày   10  tháng 6\u00a0năm 2026 ",
        unicodedata.normalize("NFD", "Ngày 10 tháng 6 năm 2026"),
        "10 tháng 6 năm 2026",
        "ngày 10/6/2026",
        " 10/6/2026\n",
    ],
)
def test_parse_date(text: str) -> None:
    assert parse_date(text) == date(2026, 6, 10)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/2/2026", "tháng 2 năm 2026 không có ngày 31"),
        ("29/2/2026", "tháng 2 năm 2026 không có ngày 29"),
        ("0/1/2026", "không có ngày 0"),
        ("1/13/2026", "tháng phải từ 1 đến 12"),
        ("2026-02-30", "không có ngày 30"),
        ("abc", "không đúng định dạng"),
        ("6/2026", "không đúng định dạng"),
        ("", "không đúng định dạng"),
        ("10/6/26", "không đúng định dạng"),
        ("10/6-2026", "không đúng định dạng"),
        ("tháng 6 năm 2026", "không đúng định dạng"),
        ("10/6/2026 abc", "không đúng định dạng"),
        ("١٠/٦/٢٠٢٦", "không đúng định dạng"),
    ],
)
def test_parse_date_rejects(text: str, reason: str) -> None:
    with pytest.raises(DateFormatError) as caught:
        parse_date(text)
    assert f'"{text.strip()}"' in caught.value.message
    assert reason in caught.value.message
    assert isinstance(caught.value, DomainError)
    assert isinstance(caught.value, ValueError)


def test_parse_date_accepts_leap_day() -> None:
    assert parse_date("29/2/2024") == date(2024, 2, 29)


@given(four_digit_dates)
def test_short_round_trip(d: date) -> None:
    assert parse_date(format_date_short(d)) == d


@given(four_digit_dates)
def test_long_round_trip(d: date) -> None:
    assert parse_date(format_date_long(d)) == d


@given(four_digit_dates)
def test_iso_round_trip(d: date) -> None:
    assert parse_date(d.isoformat()) == d


@given(st.text())
def test_parse_date_only_raises_date_format_error(text: str) -> None:
    with contextlib.suppress(DateFormatError):
        parse_date(text)
