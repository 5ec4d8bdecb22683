"""ISO weeks and the periods a media rule counts in — pure, no Django.

A week belongs to the month (quarter, year) that holds its Thursday: ISO 8601 already
assigns a week to its year that way, and offices count a week straddling two months once,
in the month where most of its days fall. So a month is a whole number of weeks, 4 or 5,
and every count made by week adds up exactly into months, quarters and years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from trienkhai.core.errors import gettext_noop as _

WeekKey = tuple[int, int]  # (ISO year, ISO week)

PERIOD_KINDS = ("day", "week", "month", "quarter", "year")


def week_of(d: date) -> WeekKey:
    iso = d.isocalendar()
    return iso.year, iso.week


def monday(key: WeekKey) -> date:
    return date.fromisocalendar(key[0], key[1], 1)


def thursday(key: WeekKey) -> date:
    return date.fromisocalendar(key[0], key[1], 4)


def week_code(key: WeekKey) -> str:
    return f"{key[0]:04d}-W{key[1]:02d}"


def week_label(key: WeekKey) -> str:
    """ "Tuần 23/2026 (01/06–07/06)": the dates help more than the number alone."""
    start = monday(key)
    end = start + timedelta(days=6)
    return _("Tuần %(week)s/%(year)s (%(start)s–%(end)s)") % {
        "week": key[1],
        "year": key[0],
        "start": f"{start:%d/%m}",
        "end": f"{end:%d/%m}",
    }


def weeks_between(first: date, last: date) -> list[WeekKey]:
    """The weeks from the one holding `first` to the one holding `last`, in order."""
    start = first - timedelta(days=first.weekday())
    weeks: list[WeekKey] = []
    while start <= last:
        weeks.append(week_of(start))
        start += timedelta(days=7)
    return weeks


def start_after(day: date) -> date:
    """The Monday of the first full ISO week after `day` (a plan issued on a Monday still
    starts counting the next Monday: the week of issue is never a full week of the plan)."""
    return day + timedelta(days=7 - day.weekday())


def month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def start_for(*, issued: date | None, partial: str = "") -> date | None:
    """When a plan's rules start counting: the first full week after its date; a plan dated
    only by month ("2026-05") counts from the first full week after that month's last day."""
    if issued is not None:
        return start_after(issued)
    if partial:
        year, _sep, month = partial.partition("-")
        if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
            return start_after(month_end(int(year), int(month)))
    return None


@dataclass(frozen=True)
class Span:
    """One period of a rule: its code ("2026-W23", "2026-06"), label and days.

    `weeks` lists the ISO weeks it is made of (empty for a day); `start`..`end` are the days
    those weeks (or that day) cover, Monday to Sunday.
    """

    code: str
    label: str
    start: date
    end: date
    weeks: tuple[WeekKey, ...] = field(default=())


def period_code_of_week(per: str, key: WeekKey) -> str:
    """The code of the period of kind `per` that week `key` belongs to (Thursday rule)."""
    if per == "week":
        return week_code(key)
    thu = thursday(key)
    if per == "month":
        return f"{thu.year:04d}-{thu.month:02d}"
    if per == "quarter":
        return f"{thu.year:04d}-Q{(thu.month - 1) // 3 + 1}"
    if per == "year":
        return f"{thu.year:04d}"
    raise ValueError(f"no weekly period {per!r}")


def _period_label(per: str, code: str, weeks: list[WeekKey]) -> str:
    if per == "week":
        return week_label(weeks[0])
    if per == "month":
        year, month = code.split("-")
        return _("Tháng %(month)s/%(year)s") % {"month": int(month), "year": year}
    if per == "quarter":
        year, quarter = code.split("-Q")
        roman = ["I", "II", "III", "IV"][int(quarter) - 1]
        return _("Quý %(quarter)s/%(year)s") % {"quarter": roman, "year": year}
    return _("Năm %(year)s") % {"year": code}


def spans(per: str, first: date, last: date) -> list[Span]:
    """The periods of kind `per` made of the weeks from `first`'s to `last`'s, in order.

    A month, quarter or year is listed only when all its weeks lie in the range, so a rule
    never judges a part-period before its start.
    """
    if per == "day":
        days = (last - first).days + 1
        return [
            Span(d.isoformat(), f"{d:%d/%m/%Y}", d, d)
            for d in (first + timedelta(days=i) for i in range(max(days, 0)))
        ]
    weeks = weeks_between(first, last)
    if not weeks:
        return []
    grouped: dict[str, list[WeekKey]] = {}
    for key in weeks:
        grouped.setdefault(period_code_of_week(per, key), []).append(key)
    result = []
    for code, members in grouped.items():
        if per != "week" and not _whole(per, code, members):
            continue
        result.append(
            Span(
                code,
                _period_label(per, code, members),
                monday(members[0]),
                monday(members[-1]) + timedelta(days=6),
                tuple(members),
            )
        )
    return result


def _whole(per: str, code: str, members: list[WeekKey]) -> bool:
    """Do `members` hold every week of the period `code`?"""
    before = monday(members[0]) - timedelta(days=7)
    after = monday(members[-1]) + timedelta(days=7)
    return (
        period_code_of_week(per, week_of(before)) != code
        and period_code_of_week(per, week_of(after)) != code
    )


def prorated(minimum: int, weeks: int, exempt: int) -> int:
    """The minimum of a period some of whose weeks are exempt (Tết): the share of the
    weeks still counted, rounded up, so a rule is never softened below what it says."""
    if weeks <= 0 or exempt <= 0:
        return minimum
    return math.ceil(minimum * (weeks - exempt) / weeks)
