"""Figures and phrases of the assessment, written the Vietnamese way.

Every number goes through ``core.numbers.format_number``: "11.247", "12,1", "0,95".
"""

from __future__ import annotations

from decimal import Decimal

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.numbers import format_number
from trienkhai.monitoring.assessment.calc import HUNDRED, Goal, half_up
from trienkhai.monitoring.assessment.types import TargetSpec

THRESHOLDS = _(
    "ngưỡng: R ≥ 0,95 đúng tiến độ; 0,60 ≤ R < 0,95 cần tăng tốc; 0 ≤ R < 0,60 chậm tiến độ; "
    "R < 0 đi ngược mục tiêu"
)


def num(value: Decimal, places: int = 2) -> str:
    """Rounded half up to ``places`` and written without trailing zeros: 12,10 → "12,1"."""
    return format_number(half_up(value, places))


def close(value: Decimal, against: Decimal | None, places: int = 1) -> str:
    """``value`` to ``places`` decimals, more when that would print it equal to ``against``.

    Offices write rates with one decimal ("12,1%"); a mean of 12,96% against a 13% target
    must not read "13,0%" and look met.
    """
    text = num(value, places)
    if against is None:
        return text
    while places < 6 and value != against and half_up(value, places) == against:
        places += 1
        text = num(value, places)
    return text


def with_unit(text: str, unit: str) -> str:
    """ "35" + "%" → "35%", "11.247" + "USD/người" → "11.247 USD/người"."""
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def rate_unit(spec: TargetSpec) -> str:
    return spec.unit if spec.unit.startswith("%/") else "%/năm"


def percent_of(fraction: Decimal, against: Decimal | None = None, places: int = 2) -> str:
    """A growth rate held as a fraction (0.121), written in percent ("12,1")."""
    return close(fraction * HUNDRED, None if against is None else against * HUNDRED, places)


def goal_text(goal: Goal, unit: str) -> str:
    """The target as an office writes it: "trên 35%", "từ 13%/năm trở lên", "47–48%"."""
    c = goal.comparator
    value = with_unit(format_number(goal.figure), unit)
    if c == ">":
        return _("trên %(v)s") % {"v": value}
    if c == ">=":
        return _("từ %(v)s trở lên") % {"v": value}
    if c == "<":
        return _("dưới %(v)s") % {"v": value}
    if c == "<=":
        return _("không quá %(v)s") % {"v": value}
    if c == "~":
        return _("khoảng %(v)s") % {"v": value}
    if c == "range" and goal.low is not None and goal.high is not None:
        span = f"{format_number(goal.low)}–{format_number(goal.high)}"
        return with_unit(span, unit)
    if c == "rank<=":
        return _("trong nhóm %(v)s dẫn đầu") % {"v": format_number(goal.figure)}
    return value


def tolerance_text(goal: Goal, unit: str) -> str:
    """ "±5%: chấp nhận từ 82.650 doanh nghiệp" for a ``~`` goal, else ""."""
    if goal.comparator != "~":
        return ""
    edge = with_unit(num(goal.tolerance_edge, 4), unit)
    side = _("từ") if goal.sign > 0 else _("đến")
    return _("dung sai ±%(t)s%%: chấp nhận %(side)s %(edge)s") % {
        "t": num(goal.tolerance * HUNDRED),
        "side": side,
        "edge": edge,
    }


def sentence_case(text: str) -> str:
    """The first letter upper case, whatever comes first ("%(r)s…" templates included)."""
    return text[:1].upper() + text[1:]


def years_span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def provisional_mark(provisional: bool) -> str:
    return _(" (sơ bộ)") if provisional else ""
