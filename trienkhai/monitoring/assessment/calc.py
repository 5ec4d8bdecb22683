"""The arithmetic of the assessment: goals, growth rates and the ratio R, in Decimal.

Roots are computed in a 34-digit context; R is then rounded to 9 places before it meets a
threshold, so figures built to sit exactly on 0,95 or 0,60 are not pushed off it by the last
digit of a root.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

from trienkhai.monitoring.assessment.types import (
    ON_TRACK_THRESHOLD,
    SLOW_THRESHOLD,
    Status,
    TargetSpec,
)

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
R_PLACES = 9


@contextmanager
def precise() -> Iterator[None]:
    with localcontext() as ctx:
        ctx.prec = 34
        yield


def rounded(value: Decimal, places: int = R_PLACES) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def growth(ratio: Decimal, years: int) -> Decimal:
    """The yearly growth that turns 1 into ``ratio`` in ``years`` years: ratio^(1/years) − 1."""
    with precise():
        if years == 1:
            return ratio - ONE
        if ratio == ZERO:
            return -ONE
        return ratio ** (ONE / Decimal(years)) - ONE


def status_for_ratio(ratio: Decimal) -> Status:
    if ratio >= ON_TRACK_THRESHOLD:
        return Status.ON_TRACK
    if ratio >= SLOW_THRESHOLD:
        return Status.NEEDS_ACCELERATION
    if ratio >= ZERO:
        return Status.OFF_TRACK
    return Status.REGRESSING


def past_due(status: Status) -> Status:
    """The status once the period or the target year is over and the goal is not met: there is
    no pace left to keep, so "on track" and "needs acceleration" become "off track"."""
    if status in (Status.ON_TRACK, Status.NEEDS_ACCELERATION):
        return Status.OFF_TRACK
    return status


@dataclass(frozen=True)
class Goal:
    """What "met" means for one figure, and the figure progress is measured to.

    ``sign`` is +1 when more is better, −1 when less is (``<``, ``<=``, ranks, decreasing
    targets). A range is measured to its floor (the end nearer the start) and met anywhere
    inside or beyond it; ``~`` is measured to its value and met within the tolerance or beyond.
    """

    comparator: str
    figure: Decimal
    sign: int
    low: Decimal | None = None
    high: Decimal | None = None
    tolerance: Decimal = ZERO

    def met(self, x: Decimal) -> bool:
        c, v = self.comparator, self.figure
        if c == ">":
            return x > v
        if c == ">=":
            return x >= v
        if c == "<":
            return x < v
        if c in ("<=", "rank<="):
            return x <= v
        if c == "~":
            edge = self.tolerance_edge
            return x >= edge if self.sign > 0 else x <= edge
        # "=", "range" (figure is already the floor) and anything else: reach it.
        return x >= v if self.sign > 0 else x <= v

    @property
    def tolerance_edge(self) -> Decimal:
        """The value ``~`` still accepts: 87.000 ± 5% → 82.650 for an increase."""
        with precise():
            return self.figure * (ONE - self.sign * self.tolerance)


def direction_sign(spec: TargetSpec) -> int:
    if spec.comparator in ("<", "<=", "rank<=") or spec.kind == "rank":
        return -1
    if spec.comparator in (">", ">="):
        return 1
    return -1 if spec.direction == "decrease" else 1


def goal_for(spec: TargetSpec, figure: Decimal | None = None) -> Goal | None:
    """The goal of ``spec``; with ``figure`` the stretch goal, met by reaching it."""
    sign = direction_sign(spec)
    if figure is not None:
        comparator = "rank<=" if spec.comparator == "rank<=" or spec.kind == "rank" else "="
        return Goal(comparator, figure, sign)
    if spec.comparator == "range":
        if spec.low is None or spec.high is None:
            return None
        floor = spec.low if sign > 0 else spec.high
        return Goal("range", floor, sign, low=spec.low, high=spec.high)
    if spec.value is None:
        return None
    return Goal(spec.comparator or "=", spec.value, sign, tolerance=spec.tolerance)


def ratio_of(observed: Decimal, needed: Decimal, sign: int) -> Decimal | None:
    """R = d·observed/|needed|, rounded for the thresholds; None when nothing is needed."""
    if needed == ZERO:
        return None
    with precise():
        return rounded(sign * observed / abs(needed))
