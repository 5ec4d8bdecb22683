"""Deadlines: "trước ngày 10/6/2026" → 2026-06-10, "trong quý II năm 2026" → 2026-06-30,
"trong tháng 8/2026" → 2026-08-31. A period given as a whole is due on its last day."""

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
    r"(?P<cue>trong|hết|cuối|trước)\s+quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm\s+)(?P<y>\d{4})",
    _I,
)
_MONTH = re.compile(
    r"(?P<cue>trong|hết|cuối|trước)\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})", _I
)
_MONTHS_OF_YEAR = re.compile(
    r"(?:trong|hết|trước)?\s*(?P<n>3|6|9)\s+tháng\s+(?:đầu\s+)?năm\s+(?P<y>\d{4})", _I
)
_YEAR = re.compile(r"(?:trong|hết|cuối)\s+năm\s+(?P<y>\d{4})", _I)
_TASK_CUE = re.compile(r"hoàn\s+thành|xong|ban\s+hành|xây\s+dựng|tổ\s+chức|báo\s+cáo", _I)
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
