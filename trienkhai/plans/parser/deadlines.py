"""Deadlines: "trước ngày 10/6/2026" → 2026-06-10, "trong quý II năm 2026" → 2026-06-30,
"trong tháng 8/2026" → 2026-08-31. A period given as a whole is due on its last day.

A deadline that comes back ("trước ngày 10/12 hằng năm", "định kỳ 6 tháng", "hằng quý") is
due on its first occurrence after the plan's date, with its recurrence; "định kỳ báo cáo"
alone names no period and is no deadline.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from trienkhai.core.dates import DateFormatError, parse_date
from trienkhai.plans.parser.words import HAS_DIGIT

_I = re.IGNORECASE
_ON_DATE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|không\s+muộn\s+hơn|xong\s+trước"
    r"|hoàn\s+thành\s+(?:vào|trước|trong))\s+(?:ngày\s+)?"
    r"(?P<date>\d{1,2}\s*([/.-])\s*\d{1,2}\s*\2\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    _I,
)
_QUARTER = re.compile(
    r"(?P<cue>trong|hết|cuối|trước|vào)\s+quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm\s+)(?P<y>\d{4})",
    _I,
)
_MONTH = re.compile(
    r"(?P<cue>trong|hết|cuối|trước|vào)\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})", _I
)
_MONTHS_OF_YEAR = re.compile(
    r"(?:trong|hết|trước)?\s*(?P<n>3|6|9)\s+tháng\s+(?:đầu\s+)?năm\s+(?P<y>\d{4})", _I
)
_YEAR = re.compile(r"(?:trong|hết|cuối)\s+năm\s+(?P<y>\d{4})", _I)
_TASK_CUE = re.compile(
    r"hoàn\s+thành|xong|ban\s+hành|xây\s+dựng|tổ\s+chức|báo\s+cáo|sơ\s+kết|tổng\s+kết", _I
)
_EVERY_YEAR = r"(?:hằng|hàng|mỗi)\s+năm"
_EVERY_MONTH = r"(?:hằng|hàng|mỗi)\s+tháng"
# "trước ngày 10/12 hằng năm": a day and month without a year, every year.
_YEARLY_DAY = re.compile(
    rf"(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|vào)\s+(?:ngày\s+)?"
    rf"(?P<d>\d{{1,2}})\s*(?:/|-|\.|\s+tháng\s+)(?P<m>\d{{1,2}})(?!\s*[/.-]?\s*\d)"
    rf"(?:\s+|\s*,\s*)(?:của\s+)?{_EVERY_YEAR}",
    _I,
)
# "trước ngày 15 hằng tháng"
_MONTHLY_DAY = re.compile(
    rf"(?:trước|chậm\s+nhất(?:\s+là)?|vào)\s+ngày\s+(?P<d>\d{{1,2}})\s+(?:của\s+)?{_EVERY_MONTH}",
    _I,
)
# "định kỳ 6 tháng", "định kỳ hằng quý", "báo cáo hằng quý", "định kỳ hằng năm".
_PERIODIC = re.compile(
    r"(?:định\s+kỳ\s+(?:(?P<n>3|6)\s+tháng(?:\s+một\s+lần)?|(?:hằng|hàng|mỗi)\s+"
    r"(?P<p1>quý|tháng|năm))|(?:hằng|hàng|mỗi)\s+(?P<p2>quý))",
    _I,
)
_PERIOD_MONTHS = {"tháng": 1, "quý": 3, "năm": 12}
_DAY_BASED = re.compile(r"^(?:trước|chậm\s+nhất|hạn\s+chót|vào)\b", _I)
RECURRENCE_OF_MONTHS = {1: "monthly", 3: "quarterly", 6: "half_yearly", 12: "yearly"}
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> date | None:
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _period_end(year: int, first_month: int, last_month: int, *, before: bool) -> date | None:
    """Last day of the period, or the day before it starts for "trước quý III/2026"."""
    end = _month_end(year, last_month)
    if end is None or not before:
        return end
    first_day = date(year, first_month, 1)
    return first_day - timedelta(days=1) if first_day > date.min else None


def _after(day: int, month: int, issued: date) -> date | None:
    """The first ``day``/``month`` on or after ``issued``."""
    for year in (issued.year, issued.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= issued:
            return candidate
    return None


def _next_period_end(months: int, issued: date) -> date:
    """The end of the first period of ``months`` (1, 3, 6, 12) that ends on or after
    ``issued``: periods are counted from January, as offices report."""
    last = ((issued.month - 1) // months + 1) * months
    end = _month_end(issued.year, last)
    assert end is not None
    return end


def recurring_in(text: str, issued: date) -> list[tuple[int, date, str]]:
    """(position, first due date, recurrence) of every recurring deadline in ``text``."""
    found: list[tuple[int, date, str]] = []
    for match in _YEARLY_DAY.finditer(text):
        due = _after(int(match["d"]), int(match["m"]), issued)
        if due:
            found.append((match.start(), due, "yearly"))
    for match in _MONTHLY_DAY.finditer(text):
        day = int(match["d"])
        for months_ahead in range(3):
            year = issued.year + (issued.month - 1 + months_ahead) // 12
            month = (issued.month - 1 + months_ahead) % 12 + 1
            try:
                due = date(year, month, day)
            except ValueError:
                continue
            if due >= issued:
                found.append((match.start(), due, "monthly"))
                break
    if found:
        return found
    for match in _PERIODIC.finditer(text):
        months = (
            int(match["n"]) if match["n"] else _PERIOD_MONTHS[(match["p1"] or match["p2"]).lower()]
        )
        found.append(
            (match.start(), _next_period_end(months, issued), RECURRENCE_OF_MONTHS[months])
        )
        break  # one recurring deadline a sentence: "định kỳ 6 tháng, hằng năm" is the first
    return found


def deadlines_in(text: str, issued: date | None = None) -> list[tuple[int, date, str | None]]:
    """Every deadline of ``text`` in text order: the fixed ones (``dues_in``) and, given the
    plan's date, the recurring ones (recurrence None for a fixed one)."""
    found: list[tuple[int, date, str | None]] = [(pos, due, None) for pos, due in dues_in(text)]
    if issued is None:
        return found
    recurring = recurring_in(text, issued)
    periodic = [r for r in recurring if not _DAY_BASED.search(text[r[0] :])]
    if found and periodic and len(recurring) == len(periodic):
        # "Định kỳ 6 tháng báo cáo …, lần đầu trước ngày 20/6/2026": the date written is the
        # first occurrence of the recurring deadline, not a second deadline.
        pos, due, _none = found[0]
        return [(pos, due, periodic[0][2]), *found[1:]]
    taken = {pos for pos, _due, _r in found}
    found += [(p, d, r) for p, d, r in recurring if p not in taken]
    found.sort(key=lambda item: item[0])
    return found


def dues_in(text: str) -> list[tuple[int, date]]:
    """(position, due date) of every deadline written in ``text``, in text order."""
    found: list[tuple[int, date]] = []
    if not HAS_DIGIT.search(text):
        return found
    for match in _ON_DATE.finditer(text):
        try:
            found.append((match.start(), parse_date(match["date"])))
        except DateFormatError:
            continue
    for match in _QUARTER.finditer(text):
        year, quarter = int(match["y"]), _QUARTERS[match["q"].upper()]
        before = match["cue"].lower() == "trước"
        end = _period_end(year, quarter * 3 - 2, quarter * 3, before=before)
        if end:
            found.append((match.start(), end))
    for match in _MONTH.finditer(text):
        year, month = int(match["y"]), int(match["m"])
        end = _period_end(year, month, month, before=match["cue"].lower() == "trước")
        if end:
            found.append((match.start(), end))
    for match in _MONTHS_OF_YEAR.finditer(text):
        end = _month_end(int(match["y"]), int(match["n"]))
        if end and _TASK_CUE.search(text):
            found.append((match.start(), end))
    if not found and _TASK_CUE.search(text):
        for match in _YEAR.finditer(text):
            end = _month_end(int(match["y"]), 12)
            if end:
                found.append((match.start(), end))
    found.sort(key=lambda pair: pair[0])
    return found
