"""Periods as offices type them ("Quý II/2026"), their list labels, and the form field."""

from __future__ import annotations

import contextlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from trienkhai.core.forms import PeriodField
from trienkhai.core.periods import (
    Period,
    PeriodFormatError,
    parse_period,
    parse_period_text,
    report_period_choices,
)
from trienkhai.core.tests.test_periods import periods


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Quý II/2026", "2026-Q2"),
        ("quý 2/2026", "2026-Q2"),
        ("Quý II năm 2026", "2026-Q2"),
        ("Q2/2026", "2026-Q2"),
        ("Quý IV/2026", "2026-Q4"),
        ("quý I năm 2027", "2027-Q1"),
        ("6 tháng đầu năm 2026", "2026-H1"),
        ("6 tháng cuối năm 2026", "2026-H2"),
        ("sơ kết 6 tháng 2026", "2026-H1"),
        ("9 tháng năm 2026", "2026-9M"),
        ("9 tháng 2026", "2026-9M"),
        ("Năm 2026", "2026"),
        ("năm 2026", "2026"),
        ("Tháng 6/2026", "2026-06"),
        ("tháng 06 năm 2026", "2026-06"),
        ("Tháng 12/2026", "2026-12"),
        ("Giai đoạn 2026\u20132030", "2026-2030"),
        ("2026 - 2030", "2026-2030"),
        ("Tuần 5/2026", "2026-W05"),
    ],
)
def test_typed_vietnamese_forms(text: str, code: str) -> None:
    assert parse_period_text(text) == parse_period(code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("QUÝ II/2026", "2026-Q2"),
        ("quy ii/2026", "2026-Q2"),  # typed without Vietnamese input
        ("  Quý   II  /  2026 ", "2026-Q2"),
        ("6 thang dau nam 2026", "2026-H1"),
        ("6 THÁNG CUỐI NĂM 2026", "2026-H2"),
        ("giai doan 2026-2030", "2026-2030"),
        ("Quý II\u00a0năm 2026", "2026-Q2"),  # a non-breaking space pasted from Word
    ],
)
def test_case_accents_and_spacing_do_not_matter(text: str, code: str) -> None:
    assert parse_period_text(text).code == code


@pytest.mark.parametrize("code", ["2026", "2026-H1", "2026-9M", "2026-Q2", "2026-06", "2026-W23"])
def test_canonical_codes_are_read_as_parse_period_reads_them(code: str) -> None:
    assert parse_period_text(code) == parse_period(code)
    assert parse_period_text(code.lower()).code == code


def test_unknown_text_names_it_and_shows_both_forms() -> None:
    with pytest.raises(PeriodFormatError) as caught:
        parse_period_text("quý hai")
    message = str(caught.value)
    assert '"quý hai"' in message
    assert "Quý II/2026" in message and "6 tháng đầu năm 2026" in message
    assert "2026-Q2" in message and "2026-H1" in message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("quý 5/2026", "quý phải từ Q1 đến Q4"),
        ("Tháng 13/2026", "tháng phải từ 01 đến 12"),
        ("Giai đoạn 2030-2026", "năm kết thúc phải sau năm bắt đầu"),
        ("2026-Q5", "quý phải từ Q1 đến Q4"),
    ],
)
def test_periods_that_do_not_exist_say_why(text: str, reason: str) -> None:
    with pytest.raises(PeriodFormatError, match=reason) as caught:
        parse_period_text(text)
    assert text in str(caught.value)


@pytest.mark.parametrize(
    ("code", "short"),
    [
        ("2026-Q2", "Quý II/2026"),
        ("2026-Q4", "Quý IV/2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
        ("2026-H2", "6 tháng cuối năm 2026"),
        ("2026-9M", "9 tháng năm 2026"),
        ("2026", "Năm 2026"),
        ("2026-06", "Tháng 6/2026"),
        ("2026-W05", "Tuần 5/2026"),
        ("2026-2030", "Giai đoạn 2026\u20132030"),
    ],
)
def test_short_label(code: str, short: str) -> None:
    assert parse_period(code).short_label == short


@given(periods())
def test_labels_read_back(period: Period) -> None:
    assert parse_period_text(period.short_label) == period
    assert parse_period_text(period.label) == period


@given(st.text())
def test_parse_period_text_only_raises_period_format_error(text: str) -> None:
    with contextlib.suppress(PeriodFormatError):
        parse_period_text(text)


def test_report_period_choices_in_the_order_reports_fall_due() -> None:
    choices = report_period_choices([2027, 2026, 2026])
    codes = [code for code, _label in choices]
    order = ["-Q1", "-Q2", "-H1", "-Q3", "-9M", "-Q4", "-H2", ""]
    assert codes == [f"{year}{part}" for year in (2026, 2027) for part in order]
    assert choices[2] == ("2026-H1", "6 tháng đầu năm 2026")
    assert choices[7] == ("2026", "Năm 2026")


def test_period_field_cleans_typed_text_to_a_period() -> None:
    field = PeriodField(choices=report_period_choices([2026]))
    assert field.clean("Quý II/2026") == parse_period("2026-Q2")
    assert field.clean("2026-H1") == parse_period("2026-H1")
    assert field.choices[0] == ("2026-Q1", "Quý I/2026")
    assert field.prepare_value(parse_period("2026-9M")) == "9 tháng năm 2026"
    with pytest.raises(ValidationError, match="Không hiểu kỳ") as caught:
        field.clean("quý hai")
    assert caught.value.code == "period"
    assert PeriodField(required=False).clean("") is None
