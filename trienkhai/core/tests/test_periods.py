from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trienkhai.core.errors import DomainError
from trienkhai.core.periods import (
    Period,
    PeriodError,
    PeriodFormatError,
    PeriodKind,
    iso_weeks_in_year,
    parse_period,
)


@pytest.mark.parametrize(
    ("code", "kind", "year", "index", "end_year"),
    [
        ("2026", PeriodKind.YEAR, 2026, None, None),
        ("2026-H1", PeriodKind.HALF, 2026, 1, None),
        ("2026-H2", PeriodKind.HALF, 2026, 2, None),
        ("2026-9M", PeriodKind.NINE_MONTHS, 2026, None, None),
        ("2026-Q1", PeriodKind.QUARTER, 2026, 1, None),
        ("2026-Q4", PeriodKind.QUARTER, 2026, 4, None),
        ("2026-06", PeriodKind.MONTH, 2026, 6, None),
        ("2026-12", PeriodKind.MONTH, 2026, 12, None),
        ("2026-W23", PeriodKind.WEEK, 2026, 23, None),
        ("2026-W01", PeriodKind.WEEK, 2026, 1, None),
        ("2026-W53", PeriodKind.WEEK, 2026, 53, None),
        ("2026-2030", PeriodKind.MULTI_YEAR, 2026, None, 2030),
    ],
)
def test_parse_period(
    code: str, kind: PeriodKind, year: int, index: int | None, end_year: int | None
) -> None:
    period = parse_period(code)
    assert period == Period(kind, year, index, end_year)
    assert str(period) == code
    assert period.code == code


@pytest.mark.parametrize(
    ("code", "canonical"),
    [
        (" 2026-q2 ", "2026-Q2"),
        ("2026-h1", "2026-H1"),
        ("2026-9m", "2026-9M"),
        ("2026-w05", "2026-W05"),
    ],
)
def test_parse_period_is_lenient_on_case_and_outer_spaces_only(code: str, canonical: str) -> None:
    assert str(parse_period(code)) == canonical


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("2026-Q5", "quý phải từ Q1 đến Q4"),
        ("2026-Q0", "quý phải từ Q1 đến Q4"),
        ("2026-W54", "chỉ có các tuần từ 01 đến 53"),
        ("2025-W53", "chỉ có các tuần từ 01 đến 52"),
        ("2026-W00", "tuần"),
        ("2026-13", "tháng phải từ 01 đến 12"),
        ("2026-00", "tháng phải từ 01 đến 12"),
        ("2030-2026", "năm kết thúc phải sau năm bắt đầu"),
        ("2026-2026", "năm kết thúc phải sau năm bắt đầu"),
        ("2026-H3", "H1"),
        ("2026-H0", "H1"),
        ("0999", "bốn chữ số"),
        ("junk", "không đúng định dạng"),
        ("", "không đúng định dạng"),
        ("26", "không đúng định dạng"),
        ("2026-", "không đúng định dạng"),
        ("2026-6", "không đúng định dạng"),
        ("2026-W5", "không đúng định dạng"),
        ("2026-Q", "không đúng định dạng"),
        ("2026-8M", "không đúng định dạng"),
        ("2026/Q2", "không đúng định dạng"),
        ("2026 - Q2", "không đúng định dạng"),
        ("2026-Q2-", "không đúng định dạng"),
        ("Q2-2026", "không đúng định dạng"),
        ("٢٠٢٦", "không đúng định dạng"),
    ],
)
def test_parse_period_rejects(code: str, reason: str) -> None:
    with pytest.raises(PeriodFormatError) as caught:
        parse_period(code)
    assert f'"{code.strip()}"' in caught.value.message
    assert reason in caught.value.message
    assert isinstance(caught.value, DomainError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("kind", "year", "index", "end_year"),
    [
        (PeriodKind.MONTH, 2026, None, None),
        (PeriodKind.YEAR, 2026, 1, None),
        (PeriodKind.YEAR, 2026, None, 2030),
        (PeriodKind.MULTI_YEAR, 2026, None, None),
        (PeriodKind.QUARTER, 2026, 5, None),
        (PeriodKind.YEAR, 10000, None, None),
    ],
)
def test_constructor_validates(
    kind: PeriodKind, year: int, index: int | None, end_year: int | None
) -> None:
    with pytest.raises(PeriodFormatError):
        Period(kind, year, index, end_year)


def test_kind_may_be_given_as_string() -> None:
    period = Period("quarter", 2026, 2)  # type: ignore[arg-type]
    assert period.kind is PeriodKind.QUARTER
    assert period == parse_period("2026-Q2")


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2026", "Năm 2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
        ("2026-H2", "6 tháng cuối năm 2026"),
        ("2026-9M", "9 tháng năm 2026"),
        ("2026-Q1", "Quý I năm 2026"),
        ("2026-Q2", "Quý II năm 2026"),
        ("2026-Q3", "Quý III năm 2026"),
        ("2026-Q4", "Quý IV năm 2026"),
        ("2026-06", "Tháng 6 năm 2026"),
        ("2026-W23", "Tuần 23 năm 2026"),
        ("2026-W05", "Tuần 5 năm 2026"),
        ("2026-2030", "Giai đoạn 2026–2030"),
    ],
)
def test_label(code: str, label: str) -> None:
    assert parse_period(code).label == label


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026-9M", date(2026, 1, 1), date(2026, 9, 30)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-06", date(2026, 6, 1), date(2026, 6, 30)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026-W23", date(2026, 6, 1), date(2026, 6, 7)),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3)),
        ("2026-2030", date(2026, 1, 1), date(2030, 12, 31)),
    ],
)
def test_calendar_dates(code: str, start: date, end: date) -> None:
    period = parse_period(code)
    assert (period.start, period.end) == (start, end)
    assert start in period
    assert end in period
    assert start - timedelta(days=1) not in period
    assert end + timedelta(days=1) not in period


@pytest.mark.parametrize(
    ("code", "cutoff_day", "start", "end"),
    [
        ("2026-Q2", 15, date(2026, 3, 15), date(2026, 6, 14)),
        ("2026", 15, date(2025, 12, 15), date(2026, 12, 14)),
        ("2026-06", 15, date(2026, 5, 15), date(2026, 6, 14)),
        ("2026-01", 15, date(2025, 12, 15), date(2026, 1, 14)),
        ("2026-Q1", 15, date(2025, 12, 15), date(2026, 3, 14)),
        ("2026-H1", 15, date(2025, 12, 15), date(2026, 6, 14)),
        ("2026-H2", 15, date(2026, 6, 15), date(2026, 12, 14)),
        ("2026-9M", 15, date(2025, 12, 15), date(2026, 9, 14)),
        ("2026-2030", 15, date(2025, 12, 15), date(2030, 12, 14)),
        ("2026-Q2", 20, date(2026, 3, 20), date(2026, 6, 19)),
        ("2026-Q2", 1, date(2026, 4, 1), date(2026, 6, 30)),
        ("2026", 1, date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-W23", 15, date(2026, 6, 1), date(2026, 6, 7)),
        ("2026-W23", 1, date(2026, 6, 1), date(2026, 6, 7)),
    ],
)
def test_data_window(code: str, cutoff_day: int, start: date, end: date) -> None:
    assert parse_period(code).data_window(cutoff_day) == (start, end)


def test_data_window_default_is_the_15th() -> None:
    assert parse_period("2026-Q2").data_window() == (date(2026, 3, 15), date(2026, 6, 14))


@pytest.mark.parametrize("cutoff_day", [0, 29, 31, -1])
def test_data_window_rejects_days_not_in_every_month(cutoff_day: int) -> None:
    with pytest.raises(ValueError):
        parse_period("2026-Q2").data_window(cutoff_day)


@pytest.mark.parametrize(
    ("kind", "d", "code"),
    [
        (PeriodKind.YEAR, date(2026, 6, 10), "2026"),
        (PeriodKind.HALF, date(2026, 6, 30), "2026-H1"),
        (PeriodKind.HALF, date(2026, 7, 1), "2026-H2"),
        (PeriodKind.NINE_MONTHS, date(2026, 9, 30), "2026-9M"),
        (PeriodKind.QUARTER, date(2026, 5, 5), "2026-Q2"),
        (PeriodKind.QUARTER, date(2026, 12, 31), "2026-Q4"),
        (PeriodKind.MONTH, date(2026, 6, 10), "2026-06"),
        (PeriodKind.WEEK, date(2026, 6, 10), "2026-W24"),
        (PeriodKind.WEEK, date(2026, 1, 1), "2026-W01"),
        (PeriodKind.WEEK, date(2027, 1, 3), "2026-W53"),
        (PeriodKind.WEEK, date(2025, 12, 29), "2026-W01"),
        ("quarter", date(2026, 2, 1), "2026-Q1"),
    ],
)
def test_containing(kind: PeriodKind | str, d: date, code: str) -> None:
    period = Period.containing(kind, d)
    assert str(period) == code
    assert d in period


@pytest.mark.parametrize(
    ("kind", "d"),
    [(PeriodKind.NINE_MONTHS, date(2026, 10, 1)), (PeriodKind.MULTI_YEAR, date(2026, 1, 1))],
)
def test_containing_refuses_kinds_that_do_not_cover_the_date(kind: PeriodKind, d: date) -> None:
    with pytest.raises(PeriodError):
        Period.containing(kind, d)


@pytest.mark.parametrize(
    ("code", "previous", "following"),
    [
        ("2026", "2025", "2027"),
        ("2026-H1", "2025-H2", "2026-H2"),
        ("2026-H2", "2026-H1", "2027-H1"),
        ("2026-9M", "2025-9M", "2027-9M"),
        ("2026-Q1", "2025-Q4", "2026-Q2"),
        ("2026-Q4", "2026-Q3", "2027-Q1"),
        ("2026-01", "2025-12", "2026-02"),
        ("2026-12", "2026-11", "2027-01"),
        ("2026-W01", "2025-W52", "2026-W02"),
        ("2026-W53", "2026-W52", "2027-W01"),
        ("2026-2030", "2021-2025", "2031-2035"),
    ],
)
def test_previous_and_next(code: str, previous: str, following: str) -> None:
    period = parse_period(code)
    assert str(period.previous()) == previous
    assert str(period.next()) == following
    assert period.next().previous() == period


def test_order_is_chronological() -> None:
    codes = ["2026", "2026-Q2", "2025-12", "2026-H1", "2026-W01", "2026-Q1", "2026-9M", "2026-01"]
    ordered = sorted(parse_period(code) for code in codes)
    assert [str(p) for p in ordered] == [
        "2025-12",
        "2026-W01",
        "2026-01",
        "2026-Q1",
        "2026-H1",
        "2026-9M",
        "2026",
        "2026-Q2",
    ]
    assert parse_period("2026-Q1") < parse_period("2026-Q2") <= parse_period("2026-Q2")
    assert parse_period("2027") > parse_period("2026-12")


def test_hashable_and_equal_by_value() -> None:
    assert {parse_period("2026-Q2"), parse_period("2026-q2"), parse_period("2026-06")} == {
        Period(PeriodKind.QUARTER, 2026, 2),
        Period(PeriodKind.MONTH, 2026, 6),
    }
    code: object = "2026-Q2"
    assert parse_period("2026-Q2") != code


@pytest.mark.parametrize(("year", "weeks"), [(2026, 53), (2025, 52), (2020, 53), (2027, 52)])
def test_iso_weeks_in_year(year: int, weeks: int) -> None:
    assert iso_weeks_in_year(year) == weeks


years = st.integers(min_value=1900, max_value=2200)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(PeriodKind))
    year = draw(years)
    match kind:
        case PeriodKind.HALF:
            return Period(kind, year, draw(st.integers(1, 2)))
        case PeriodKind.QUARTER:
            return Period(kind, year, draw(st.integers(1, 4)))
        case PeriodKind.MONTH:
            return Period(kind, year, draw(st.integers(1, 12)))
        case PeriodKind.WEEK:
            return Period(kind, year, draw(st.integers(1, iso_weeks_in_year(year))))
        case PeriodKind.MULTI_YEAR:
            return Period(kind, year, end_year=year + draw(st.integers(1, 10)))
        case _:
            return Period(kind, year)


@given(periods())
def test_code_round_trip(period: Period) -> None:
    assert parse_period(str(period)) == period
    assert parse_period(str(period).lower()) == period


@given(periods())
def test_next_starts_after_end(period: Period) -> None:
    following = period.next()
    assert following > period
    assert following.previous() == period
    if period.kind not in (PeriodKind.NINE_MONTHS,):
        assert following.start == period.end + timedelta(days=1)


@given(periods(), st.integers(min_value=2, max_value=28))
def test_data_window_has_the_length_of_the_period(period: Period, cutoff_day: int) -> None:
    start, end = period.data_window(cutoff_day)
    assert start <= end
    if period.kind is PeriodKind.WEEK:
        assert (start, end) == (period.start, period.end)
    else:
        # Shifted back by less than a month: starts before the period and ends inside it.
        assert start < period.start <= end < period.end


@given(st.sampled_from([k for k in PeriodKind if k is not PeriodKind.MULTI_YEAR]), st.dates())
def test_containing_contains(kind: PeriodKind, d: date) -> None:
    if kind is PeriodKind.NINE_MONTHS and d.month > 9:
        return
    with contextlib.suppress(PeriodFormatError):  # years outside 1000-9999 have no code
        period = Period.containing(kind, d)
        assert period.start <= d <= period.end


@given(st.text())
def test_parse_period_only_raises_period_format_error(text: str) -> None:
    with contextlib.suppress(PeriodFormatError):
        parse_period(text)
