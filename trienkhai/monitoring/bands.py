"""Which values of a target are impossible, and which are only doubtful (pure rules).

A value outside its target kind's **hard** bounds cannot be true (a share above 100 % or
below 0, a negative count, a rank below 1): it is refused. A value outside the kind's
**plausible band**, or one that jumps too far from the previous value of the same kind of
period, may be true but seldom is: the user confirms it with a note (`core.plausibility`).

The band of each kind is `DEFAULT_BANDS`; an office may set a target's own band
(`TargetBand`), which replaces the soft bounds and the jump, never the hard bounds.
docs/monitoring.md lists the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number

D = Decimal


@dataclass(frozen=True)
class Band:
    """Soft `low`…`high` and `jump`; hard `floor`…`ceiling` (None: no bound that side).

    `jump` is the largest change from the previous value: in the figure's own unit
    (percentage points, places) when `jump_in_points`, else in percent of that value."""

    low: Decimal | None = None
    high: Decimal | None = None
    jump: Decimal | None = None
    jump_in_points: bool = False
    floor: Decimal | None = None
    ceiling: Decimal | None = None


# Values are in the target's own unit: growth and shares in %, ranks in places.
POINTS = D(15)  # a rate or share moving more than 15 percentage points in one step
DEFAULT_BANDS: dict[str, Band] = {
    # A yearly growth rate beyond −20 … +30 %/năm is a typing slip more often than a fact.
    "growth_avg": Band(low=D(-20), high=D(30), jump=POINTS, jump_in_points=True),
    "rate": Band(low=D(0), high=D(100), jump=POINTS, jump_in_points=True),
    "share": Band(floor=D(0), ceiling=D(100), jump=POINTS, jump_in_points=True),
    # The share already cut against the base year: above 100 % is nothing left to cut.
    "reduction": Band(low=D(0), ceiling=D(100), jump=POINTS, jump_in_points=True),
    "count": Band(floor=D(0), jump=D(50)),
    "cumulative": Band(floor=D(0), jump=D(50)),
    "ratio": Band(floor=D(0), jump=D(50)),
    "level": Band(jump=D(50)),
    "index": Band(jump=D(50)),
    # Among the 34 provinces and cities since 2025.
    "rank": Band(floor=D(1), high=D(34), jump=D(10), jump_in_points=True),
}
NO_BAND = Band()


def default_band(kind: str) -> Band:
    return DEFAULT_BANDS.get(kind, NO_BAND)


def own_band(kind: str, *, low: Decimal | None, high: Decimal | None, jump: Decimal | None) -> Band:
    """A target's own band: its soft bounds and jump replace the kind's, the hard ones stay."""
    return replace(default_band(kind), low=low, high=high, jump=jump)


@dataclass(frozen=True)
class Previous:
    """The value a new one is compared with: the last one of the same kind of period."""

    label: str  # "Năm 2025"
    value: Decimal


def _hard_reason(kind: str, band: Band, value: Decimal) -> str:
    if band.floor is not None and value < band.floor:
        if kind == "rank":
            return _("thứ hạng phải từ %(n)s trở lên") % {"n": format_number(band.floor)}
        if kind == "share":
            return _("tỷ lệ, tỷ trọng không được âm")
        return _("số lượng không được âm")
    if band.ceiling is not None and value > band.ceiling:
        if kind == "reduction":
            return _("không thể giảm quá %(n)s%%") % {"n": format_number(band.ceiling)}
        return _("tỷ lệ, tỷ trọng không được quá %(n)s%%") % {"n": format_number(band.ceiling)}
    return ""


def impossible(value: Decimal, band: Band, *, kind: str, ref: str) -> str:
    """Why the value cannot be true (the message to refuse it with), or ""."""
    reason = _hard_reason(kind, band, value)
    if not reason:
        return ""
    return _("Chỉ tiêu (%(ref)s): giá trị %(value)s không thể có — %(reason)s.") % {
        "ref": ref,
        "value": format_number(value),
        "reason": reason,
    }


def _with_unit(value: Decimal, unit: str) -> str:
    text = format_number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def _band_text(band: Band, unit: str) -> str:
    if band.low is not None and band.high is not None:
        return _("từ %(low)s đến %(high)s") % {
            "low": _with_unit(band.low, unit),
            "high": _with_unit(band.high, unit),
        }
    if band.low is not None:
        return _("từ %(low)s trở lên") % {"low": _with_unit(band.low, unit)}
    return _("không quá %(high)s") % {"high": _with_unit(band.high or D(0), unit)}


def points_unit(kind: str, unit: str) -> str:
    if kind == "rank":
        return _("bậc")
    if unit.startswith("%"):
        return _("điểm phần trăm")
    return unit


def doubts(
    value: Decimal,
    band: Band,
    *,
    kind: str,
    ref: str,
    unit: str,
    previous: Previous | None,
) -> list[str]:
    """What makes the value doubtful: outside the band, or too far from the previous one."""
    found: list[str] = []
    outside = (band.low is not None and value < band.low) or (
        band.high is not None and value > band.high
    )
    if outside:
        found.append(
            _(
                "Chỉ tiêu (%(ref)s): giá trị %(value)s nằm ngoài khoảng thường gặp "
                "(%(band)s) — kiểm tra lại, hoặc ghi chú vì sao số liệu đúng."
            )
            % {"ref": ref, "value": _with_unit(value, unit), "band": _band_text(band, unit)}
        )
    jump = _jump(value, band, kind=kind, unit=unit, previous=previous)
    if jump and previous is not None:
        found.append(
            _(
                "Chỉ tiêu (%(ref)s): giá trị %(value)s chênh %(change)s so với %(period)s "
                "(%(previous)s), quá mức %(limit)s thường gặp."
            )
            % {
                "ref": ref,
                "value": _with_unit(value, unit),
                "change": jump[0],
                "period": previous.label.lower(),
                "previous": _with_unit(previous.value, unit),
                "limit": jump[1],
            }
        )
    return found


def _jump(
    value: Decimal, band: Band, *, kind: str, unit: str, previous: Previous | None
) -> tuple[str, str] | None:
    """(the change, the limit) as text when the change is beyond the band's jump."""
    if band.jump is None or previous is None:
        return None
    if band.jump_in_points:
        change = abs(value - previous.value)
        if change <= band.jump:
            return None
        words = points_unit(kind, unit)
        return (f"{format_number(change)} {words}", f"{format_number(band.jump)} {words}")
    if previous.value == 0:
        return None  # from nothing, any first amount is a new start, not a jump
    ratio = abs(value - previous.value) / abs(previous.value) * 100
    if ratio <= band.jump:
        return None
    return (f"{format_number(ratio.quantize(D(1)))}%", f"{format_number(band.jump)}%")
