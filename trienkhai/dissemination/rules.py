"""The coverage rules, as pure functions: no database here.

A threshold is judged on the exact fraction, never on a rounded percentage: "trên 95%" is
met by 2.909/3.044 (100·2.909 > 95·3.044) and not by 95,0% (100·a = 95·b). Percentages are
printed with two decimals, rounded half up, from the same exact fraction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.numbers import format_number, format_ratio_percent, percent

# Below the threshold by at most this many percentage points: amber, not red.
AMBER_MARGIN = Decimal(10)

# A threshold as words, by comparator: "trên 95%", "từ 90%", "100%".
THRESHOLD_PHRASES = {">": _("trên %(v)s%%"), ">=": _("từ %(v)s%%"), "=": _("%(v)s%%")}


class Status(StrEnum):
    """Advisory colour of one unit: the plan is judged on the rollup only."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no_data"

    @property
    def css(self) -> str:
        return {
            Status.GREEN: "status-green",
            Status.AMBER: "status-amber",
            Status.RED: "status-red",
            Status.NO_DATA: "status-none",
        }[self]

    @property
    def label(self) -> str:
        return {
            Status.GREEN: _("Đạt"),
            Status.AMBER: _("Gần đạt"),
            Status.RED: _("Chưa đạt"),
            Status.NO_DATA: _("Chưa có sĩ số"),
        }[self]


@dataclass(frozen=True)
class Coverage:
    """Σ capped attendees over Σ headcounts (both whole numbers)."""

    numerator: int
    denominator: int

    @property
    def has_data(self) -> bool:
        return self.denominator > 0

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)

    def text(self, noun: str) -> str:
        """ "2.909/3.044 đảng viên, đạt 95,57%"."""
        return format_ratio_percent(self.numerator, self.denominator, noun)


@dataclass(frozen=True)
class Threshold:
    """ "trên 95% đảng viên": a group, a comparator (>, >=, =) and a value in percent."""

    group: str
    comparator: str
    value: Decimal
    audience: str = ""

    @property
    def _fraction(self) -> Fraction:
        return Fraction(self.value) / 100

    def met(self, coverage: Coverage) -> bool | None:
        """Exact: ">" needs 100·a > v·b; ">=" and "=" (reach v) need 100·a ≥ v·b."""
        if not coverage.has_data:
            return None
        ratio = Fraction(coverage.numerator, coverage.denominator)
        if self.comparator == ">":
            return ratio > self._fraction
        return ratio >= self._fraction

    def needed(self, denominator: int) -> int:
        """The fewest people who must attend out of `denominator` to meet the threshold."""
        bound = self._fraction * denominator
        if self.comparator == ">":
            return math.floor(bound) + 1
        return math.ceil(bound)

    def shortfall(self, coverage: Coverage) -> int:
        return max(self.needed(coverage.denominator) - coverage.numerator, 0)

    def status(self, coverage: Coverage) -> Status:
        met = self.met(coverage)
        if met is None:
            return Status.NO_DATA
        if met:
            return Status.GREEN
        pct = Fraction(coverage.numerator, coverage.denominator) * 100
        if coverage.numerator and pct >= Fraction(self.value - AMBER_MARGIN):
            return Status.AMBER
        return Status.RED

    @property
    def phrase(self) -> str:
        """ "trên 95%", "từ 90%", "100%"."""
        phrase = THRESHOLD_PHRASES.get(self.comparator, THRESHOLD_PHRASES["="])
        return phrase % {"v": format_number(self.value)}


@dataclass(frozen=True)
class Judged:
    """A coverage and the threshold it is judged against: a board cell, a group's rollup."""

    threshold: Threshold
    coverage: Coverage

    @property
    def met(self) -> bool | None:
        return self.threshold.met(self.coverage)

    @property
    def status(self) -> Status:
        return self.threshold.status(self.coverage)

    @property
    def shortfall(self) -> int:
        return self.threshold.shortfall(self.coverage)


def capped(attended: int, headcount: int | None) -> int:
    """The unit's numerator: nobody counts twice, and never more than the headcount."""
    if headcount is None:
        return 0
    return min(attended, headcount)
