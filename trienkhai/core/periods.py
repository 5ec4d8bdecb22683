"""Reporting periods: ``2026``, ``2026-H1``, ``2026-9M``, ``2026-Q2``, ``2026-06``,
``2026-W23``, ``2026-2030``.

These codes appear in URLs, commands and the API, so parsing is strict and ``str(period)``
always gives back the one canonical code. A period's label and calendar dates are separate
from its data window: Party reports close their figures on a cut-off day of the last month
(usually the 15th), so "Quý II" counts data from 15 March to 14 June.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from trienkhai.core.errors import DomainError
from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.text import clean_text, search_key

__all__ = [
    "Period",
    "PeriodError",
    "PeriodFormatError",
    "PeriodKind",
    "iso_weeks_in_year",
    "parse_period",
    "parse_period_text",
    "report_period_choices",
]


class PeriodError(DomainError, ValueError):
    """A period that does not exist or cannot be derived."""

    def __init__(self, message: str, code: str | None = "period") -> None:
        super().__init__(message, code)


class PeriodFormatError(PeriodError):
    """A period code that is malformed or names a period that does not exist."""

    def __init__(self, message: str, code: str | None = "period_format") -> None:
        super().__init__(message, code)


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"
    MULTI_YEAR = "multi_year"


# Four-digit years only: codes sort and read unambiguously, and date() stops at 9999.
MIN_YEAR = 1000
MAX_YEAR = 9999

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# How many of each kind a year holds, for the range check; weeks depend on the year.
_INDEX_RANGE = {
    PeriodKind.HALF: (1, 2),
    PeriodKind.QUARTER: (1, 4),
    PeriodKind.MONTH: (1, 12),
}

_CODE = re.compile(
    r"(?P<year>[0-9]{4})"
    r"(?:-(?:"
    r"H(?P<half>[0-9])"
    r"|(?P<nine>9M)"
    r"|Q(?P<quarter>[0-9])"
    r"|W(?P<week>[0-9]{2})"
    r"|(?P<end_year>[0-9]{4})"
    r"|(?P<month>[0-9]{2})"
    r"))?",
    re.IGNORECASE,
)


def _invalid(code: str, reason: str) -> PeriodFormatError:
    return PeriodFormatError(
        _('Kỳ "%(code)s" không hợp lệ: %(reason)s') % {"code": code, "reason": reason}
    )


def iso_weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always falls in the last ISO week of its year."""
    return date(year, 12, 28).isocalendar().week


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


# The canonical code of each kind of period (what `parse_period` reads back).
_CODE_FORMATS = {
    PeriodKind.YEAR: "{year:04d}",
    PeriodKind.HALF: "{year:04d}-H{index}",
    PeriodKind.NINE_MONTHS: "{year:04d}-9M",
    PeriodKind.QUARTER: "{year:04d}-Q{index}",
    PeriodKind.MONTH: "{year:04d}-{index:02d}",
    PeriodKind.WEEK: "{year:04d}-W{index:02d}",
    PeriodKind.MULTI_YEAR: "{year:04d}-{end_year:04d}",
}


@functools.total_ordering
@dataclass(frozen=True)
class Period:
    """One reporting period. Build it with ``parse_period`` or ``Period.containing``.

    ``index`` is the half (1 to 2), quarter (1 to 4), month (1 to 12) or ISO week (1 to 53);
    ``year`` is the ISO year for weeks; ``end_year`` is set only for multi-year periods.
    """

    kind: PeriodKind
    year: int
    index: int | None = None
    end_year: int | None = None

    def __post_init__(self) -> None:
        # Accept the plain string value too, but store the enum so equality is exact.
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        problem = self._problem()
        if problem is not None:
            try:
                shown = self.code
            except (TypeError, ValueError):
                # A missing index cannot be formatted; the fields still say what was asked.
                shown = f"{self.kind} {self.year} {self.index} {self.end_year}"
            raise _invalid(shown, problem)

    def _problem(self) -> str | None:
        return self._problem_of(self.kind, self.year, self.index, self.end_year)

    @staticmethod
    def _problem_of(
        kind: PeriodKind, year: int, index: int | None, end_year: int | None
    ) -> str | None:
        """Why these fields make no period, or None when they do."""
        if not MIN_YEAR <= year <= MAX_YEAR:
            return _("năm phải có bốn chữ số, từ %(min)d đến %(max)d") % {
                "min": MIN_YEAR,
                "max": MAX_YEAR,
            }
        needs_index = kind in _INDEX_RANGE or kind is PeriodKind.WEEK
        if needs_index != (index is not None):
            return _("số thứ tự của kỳ không khớp với loại kỳ")
        if (kind is PeriodKind.MULTI_YEAR) != (end_year is not None):
            return _("chỉ kỳ nhiều năm mới có năm kết thúc")
        if index is not None:
            if kind is PeriodKind.WEEK:
                weeks = iso_weeks_in_year(year)
                if not 1 <= index <= weeks:
                    return _("năm %(year)d (theo ISO) chỉ có các tuần từ 01 đến %(weeks)d") % {
                        "year": year,
                        "weeks": weeks,
                    }
            else:
                low, high = _INDEX_RANGE[kind]
                if not low <= index <= high:
                    return {
                        PeriodKind.HALF: _("chỉ có H1 (6 tháng đầu năm) và H2 (6 tháng cuối năm)"),
                        PeriodKind.QUARTER: _("quý phải từ Q1 đến Q4"),
                        PeriodKind.MONTH: _("tháng phải từ 01 đến 12"),
                    }[kind]
        if end_year is not None:
            if end_year <= year:
                return _("năm kết thúc phải sau năm bắt đầu")
            if end_year > MAX_YEAR:
                return _("năm kết thúc phải có bốn chữ số")
        return None

    # --- names -----------------------------------------------------------------------------

    @property
    def code(self) -> str:
        """The canonical code, as used in URLs: "2026-Q2", "2026-06", "2026-W05"…"""
        return _CODE_FORMATS[self.kind].format(
            year=self.year, index=self.index or 0, end_year=self.end_year or 0
        )

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """The Vietnamese name: "Quý II năm 2026", "6 tháng đầu năm 2026"…"""
        values = {"year": self.year, "index": self.index, "end_year": self.end_year}
        match self.kind:
            case PeriodKind.YEAR:
                return _("Năm %(year)d") % values
            case PeriodKind.HALF:
                if self.index == 1:
                    return _("6 tháng đầu năm %(year)d") % values
                return _("6 tháng cuối năm %(year)d") % values
            case PeriodKind.NINE_MONTHS:
                return _("9 tháng năm %(year)d") % values
            case PeriodKind.QUARTER:
                assert self.index is not None
                return _("Quý %(roman)s năm %(year)d") % {**values, "roman": _ROMAN[self.index]}
            case PeriodKind.MONTH:
                return _("Tháng %(index)d năm %(year)d") % values
            case PeriodKind.WEEK:
                return _("Tuần %(index)d năm %(year)d") % values
            case PeriodKind.MULTI_YEAR:
                # An en dash, as printed in Party documents; escaped so it cannot be mistyped.
                return _("Giai đoạn %(year)d\u2013%(end_year)d") % values

    @property
    def short_label(self) -> str:
        """The form offices write in lists: "Quý II/2026", "Tháng 6/2026", "Năm 2026"…"""
        values = {"year": self.year, "index": self.index}
        match self.kind:
            case PeriodKind.QUARTER:
                assert self.index is not None
                return _("Quý %(roman)s/%(year)d") % {**values, "roman": _ROMAN[self.index]}
            case PeriodKind.MONTH:
                return _("Tháng %(index)d/%(year)d") % values
            case PeriodKind.WEEK:
                return _("Tuần %(index)d/%(year)d") % values
            case _:
                return self.label

    # --- dates -----------------------------------------------------------------------------

    def _months(self) -> tuple[int, int, int, int]:
        """(first year, first month, last year, last month) of a month-based period."""
        match self.kind:
            case PeriodKind.YEAR:
                return self.year, 1, self.year, 12
            case PeriodKind.HALF:
                assert self.index is not None
                first = 6 * (self.index - 1) + 1
                return self.year, first, self.year, first + 5
            case PeriodKind.NINE_MONTHS:
                return self.year, 1, self.year, 9
            case PeriodKind.QUARTER:
                assert self.index is not None
                first = 3 * (self.index - 1) + 1
                return self.year, first, self.year, first + 2
            case PeriodKind.MONTH:
                assert self.index is not None
                return self.year, self.index, self.year, self.index
            case PeriodKind.MULTI_YEAR:
                assert self.end_year is not None
                return self.year, 1, self.end_year, 12
            case PeriodKind.WEEK:
                raise AssertionError("weeks are not made of months")

    @property
    def start(self) -> date:
        """First calendar day (Monday for ISO weeks)."""
        if self.kind is PeriodKind.WEEK:
            assert self.index is not None
            return date.fromisocalendar(self.year, self.index, 1)
        first_year, first_month, _last_year, _last_month = self._months()
        return date(first_year, first_month, 1)

    @property
    def end(self) -> date:
        """Last calendar day, inclusive (Sunday for ISO weeks)."""
        if self.kind is PeriodKind.WEEK:
            return self.start + timedelta(days=6)
        _first_year, _first_month, last_year, last_month = self._months()
        return _month_end(last_year, last_month)

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    def data_window(self, cutoff_day: int = 15) -> tuple[date, date]:
        """Days whose data a report on this period counts, both inclusive.

        Figures close on ``cutoff_day`` of the last month so the report can be written before
        the period ends: from ``cutoff_day`` of the month before the period starts to the day
        before ``cutoff_day`` in its last month (2026-Q2 → 15/3/2026 to 14/6/2026).
        ``cutoff_day=1`` gives the calendar period; a week's window is the week itself.
        """
        if not 1 <= cutoff_day <= 28:
            raise ValueError("cutoff_day must be between 1 and 28")
        if cutoff_day == 1 or self.kind is PeriodKind.WEEK:
            return self.start, self.end
        first_year, first_month, last_year, last_month = self._months()
        before_year, before_month = _add_months(first_year, first_month, -1)
        if before_year < 1:
            raise PeriodError(_("Kỳ %(code)s quá sớm để tính khoảng số liệu") % {"code": self})
        window_start = date(before_year, before_month, cutoff_day)
        window_end = date(last_year, last_month, cutoff_day) - timedelta(days=1)
        return window_start, window_end

    # --- navigation ------------------------------------------------------------------------

    @classmethod
    def containing(cls, kind: PeriodKind | str, d: date) -> Period:
        """The period of ``kind`` that contains ``d``.

        There is no nine-month period from October to December, and multi-year periods are
        not a fixed partition of time, so those raise ``PeriodError``.
        """
        kind = PeriodKind(kind)
        match kind:
            case PeriodKind.YEAR:
                return cls(kind, d.year)
            case PeriodKind.HALF:
                return cls(kind, d.year, 1 if d.month <= 6 else 2)
            case PeriodKind.NINE_MONTHS:
                if d.month > 9:
                    raise PeriodError(
                        _("Ngày %(date)s không thuộc kỳ 9 tháng nào (kỳ 9 tháng hết 30/9)")
                        % {"date": d.strftime("%d/%m/%Y")}
                    )
                return cls(kind, d.year)
            case PeriodKind.QUARTER:
                return cls(kind, d.year, (d.month - 1) // 3 + 1)
            case PeriodKind.MONTH:
                return cls(kind, d.year, d.month)
            case PeriodKind.WEEK:
                iso = d.isocalendar()
                return cls(kind, iso.year, iso.week)
            case PeriodKind.MULTI_YEAR:
                raise PeriodError(_("Kỳ nhiều năm không xác định được từ một ngày"))

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` places later (earlier if negative) in the same series."""
        match self.kind:
            case PeriodKind.YEAR | PeriodKind.NINE_MONTHS:
                return Period(self.kind, self.year + steps)
            case PeriodKind.HALF | PeriodKind.QUARTER | PeriodKind.MONTH:
                assert self.index is not None
                per_year = _INDEX_RANGE[self.kind][1]
                total = self.year * per_year + (self.index - 1) + steps
                return Period(self.kind, total // per_year, total % per_year + 1)
            case PeriodKind.WEEK:
                try:
                    monday = self.start + timedelta(weeks=steps)
                except OverflowError:
                    monday = date.max if steps > 0 else date.min
                return Period.containing(self.kind, monday)
            case PeriodKind.MULTI_YEAR:
                assert self.end_year is not None
                span = (self.end_year - self.year + 1) * steps
                return Period(self.kind, self.year + span, end_year=self.end_year + span)

    def next(self) -> Period:
        return self.shifted(1)

    def previous(self) -> Period:
        return self.shifted(-1)

    # --- order -----------------------------------------------------------------------------

    def _sort_key(self) -> tuple[date, date]:
        # Start then end: chronological, and a shorter period before a longer one starting
        # the same day (2026-Q1 < 2026-H1 < 2026-9M < 2026). No two periods share both.
        return self.start, self.end

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()


def parse_period(code: str) -> Period:
    """Read a period code strictly; ``PeriodFormatError`` names the code when it is wrong."""
    text = code.strip()
    match = _CODE.fullmatch(text)
    if match is None:
        raise PeriodFormatError(
            _(
                'Kỳ "%(code)s" không đúng định dạng: dùng 2026, 2026-H1, 2026-9M, 2026-Q2, '
                "2026-06, 2026-W23 hoặc 2026-2030"
            )
            % {"code": text}
        )
    year = int(match["year"])
    kind: PeriodKind
    index: int | None = None
    end_year: int | None = None
    if match["half"]:
        kind, index = PeriodKind.HALF, int(match["half"])
    elif match["nine"]:
        kind = PeriodKind.NINE_MONTHS
    elif match["quarter"]:
        kind, index = PeriodKind.QUARTER, int(match["quarter"])
    elif match["week"]:
        kind, index = PeriodKind.WEEK, int(match["week"])
    elif match["end_year"]:
        kind, end_year = PeriodKind.MULTI_YEAR, int(match["end_year"])
    elif match["month"]:
        kind, index = PeriodKind.MONTH, int(match["month"])
    else:
        kind = PeriodKind.YEAR
    # Checked before construction so the message names the code as the user wrote it.
    problem = Period._problem_of(kind, year, index, end_year)
    if problem is not None:
        raise _invalid(text, problem)
    return Period(kind, year, index, end_year)


# --- periods as people type them -------------------------------------------------------------

_TO_YEAR = r"(?:\s*/\s*|\s+nam\s+|\s+)"  # "…/2026", "… năm 2026", "… 2026"
_YEAR = r"(?P<year>[0-9]{4})"
# Matched against the text lower-cased and stripped of accents ("Quý" → "quy", "đầu" → "dau"),
# so "quy 2/2026" typed on a keyboard without Vietnamese input reads the same.
_TEXT_FORMS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"(?:(?:bao cao|so ket|tong ket)\s+)?" + pattern))
    for kind, pattern in (
        (PeriodKind.QUARTER, rf"(?:quy|q)\s*(?P<index>iv|i{{1,3}}|[0-9]{{1,2}}){_TO_YEAR}{_YEAR}"),
        (PeriodKind.HALF, rf"6\s*thang(?:\s+(?P<half>dau|cuoi))?{_TO_YEAR}{_YEAR}"),
        (PeriodKind.NINE_MONTHS, rf"9\s*thang(?:\s+dau)?{_TO_YEAR}{_YEAR}"),
        (PeriodKind.YEAR, rf"nam\s*{_YEAR}"),
        # "Tháng 6/2026", "tháng 06 năm 2026", and the bare "6/2026".
        (
            PeriodKind.MONTH,
            rf"(?:thang\s*(?P<index>[0-9]{{1,2}}){_TO_YEAR}|(?P<m>[0-9]{{1,2}})\s*/\s*){_YEAR}",
        ),
        (PeriodKind.WEEK, rf"tuan\s*(?P<index>[0-9]{{1,2}}){_TO_YEAR}{_YEAR}"),
        (
            PeriodKind.MULTI_YEAR,
            rf"(?:(?:giai doan|nhiem ky)\s*)?{_YEAR}\s*-\s*(?P<end_year>[0-9]{{4}})",
        ),
    )
)
_ROMAN_VALUE = {roman.lower(): number for number, roman in _ROMAN.items()}
# "2026–2030" is printed with an en dash; offices copy it from documents or type a hyphen.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2013\u2014\u2212", "-"))


def parse_period_text(text: str) -> Period:
    """A period as an office types it ("Quý II/2026", "6 tháng đầu năm 2026",
    "Giai đoạn 2026–2030") or its code ("2026-Q2"); ``PeriodFormatError`` names the text."""
    shown = clean_text(text)
    if _CODE.fullmatch(shown):
        return parse_period(shown)
    plain = search_key(shown).translate(_DASHES)
    for kind, pattern in _TEXT_FORMS:
        match = pattern.fullmatch(plain)
        if match is None:
            continue
        found = match.groupdict()
        index: int | None = None
        if kind is PeriodKind.HALF:
            index = 2 if found["half"] == "cuoi" else 1
        elif raw := found.get("index") or found.get("m"):
            index = _ROMAN_VALUE.get(raw) or int(raw)
        end_year = int(found["end_year"]) if found.get("end_year") else None
        year = int(found["year"])
        problem = Period._problem_of(kind, year, index, end_year)
        if problem is not None:
            raise _invalid(shown, problem)
        return Period(kind, year, index, end_year)
    raise PeriodFormatError(
        _(
            'Không hiểu kỳ "%(text)s": hãy gõ như Quý II/2026, 6 tháng đầu năm 2026, '
            "9 tháng năm 2026, Năm 2026, Tháng 6/2026, Giai đoạn 2026\u20132030, hoặc theo mã "
            "2026-Q2, 2026-H1, 2026-9M, 2026, 2026-06, 2026-2030"
        )
        % {"text": shown}
    )


def report_period_choices(years: Iterable[int]) -> list[tuple[str, str]]:
    """(code, short label) of the quarters, halves, nine months and whole year of ``years``,
    in the order their reports fall due: by end day, the shorter period first."""
    periods = [
        Period(kind, year, index)
        for year in set(years)
        for kind, index in (
            *((PeriodKind.QUARTER, q) for q in range(1, 5)),
            (PeriodKind.HALF, 1),
            (PeriodKind.HALF, 2),
            (PeriodKind.NINE_MONTHS, None),
            (PeriodKind.YEAR, None),
        )
    ]
    periods.sort(key=lambda p: (p.end, -p.start.toordinal()))
    return [(p.code, p.short_label) for p in periods]
