"""The plan scorecard's arithmetic, with no database: the score from the criteria, the band of
Quy định 366-QĐ/TW it suggests (tham khảo), and the cap on "xuất sắc" within a group.

Score ("điểm thực hiện Kế hoạch", 0–100): each criterion is a fraction good / counted
(coverage groups met, reports accepted, reports on time, tasks done on time, media periods
met, corrective actions verified) times its weight; a criterion with nothing counted for the
unit does not apply, and the weights of those that do are scaled up to 100. Then the office's
bonus (per good practice recognised, up to a ceiling) and penalty (per violation found by an
inspection), the result kept within 0–100, rounded half up to two decimals.

Bands (366-QĐ/TW, Điều 11, for a collective; the score is one criterion of the annual rating,
so the band is only suggested): "hoàn thành xuất sắc" from 90 with every task done on time and
no violation; "hoàn thành tốt" from 70 with every task done on time; "hoàn thành" from 50 with
no more than 20 % of tasks late; below, "không hoàn thành". The share of tasks done beyond
what was asked (≥ 30 % for xuất sắc) is not in the system: it is listed for the office to
confirm.

Cap: within a group of units of the same kind, "xuất sắc" may go to at most `cap_percent` % of
the units rated "tốt" or better (default 20 %), rounded down; the candidates are taken in
rank order (score, then tasks on time, then reports on time, then the unit's code) and those
past the cap keep "tốt", each with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

EXCELLENT, GOOD, FULFILLED, UNFULFILLED = "excellent", "good", "fulfilled", "unfulfilled"
BANDS = (EXCELLENT, GOOD, FULFILLED, UNFULFILLED)  # best first

# The criteria, in the order the scorecard shows them.
COVERAGE, REPORTS_DONE, REPORTS_ON_TIME, TASKS, MEDIA, ACTIONS = (
    "coverage",
    "reports_done",
    "reports_on_time",
    "tasks",
    "media",
    "actions",
)
CRITERIA = (COVERAGE, REPORTS_DONE, REPORTS_ON_TIME, TASKS, MEDIA, ACTIONS)
DEFAULT_WEIGHTS: dict[str, int] = {
    COVERAGE: 20,
    REPORTS_DONE: 15,
    REPORTS_ON_TIME: 15,
    TASKS: 25,
    MEDIA: 15,
    ACTIONS: 10,
}

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Measure:
    """One criterion of one unit: good / counted (counted 0: does not apply)."""

    good: int
    counted: int

    def __post_init__(self) -> None:
        if self.counted < 0 or not 0 <= self.good <= self.counted:
            raise ValueError(f"{self.good}/{self.counted}")

    @property
    def applies(self) -> bool:
        return self.counted > 0

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.good, self.counted) if self.counted else Fraction(0)


@dataclass(frozen=True)
class Adjustments:
    """The office's bonus and penalty: points per good practice recognised (up to `bonus_max`)
    and per violation found."""

    bonus_per_practice: Decimal = Decimal(2)
    bonus_max: Decimal = Decimal(5)
    penalty_per_violation: Decimal = Decimal(5)


@dataclass(frozen=True)
class Points:
    base: Decimal  # from the criteria, 0–100
    bonus: Decimal
    penalty: Decimal
    score: Decimal  # base + bonus − penalty, kept within 0–100


def _round(value: Fraction | Decimal) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def score(
    measures: Mapping[str, Measure],
    weights: Mapping[str, int],
    *,
    practices: int = 0,
    violations: int = 0,
    adjustments: Adjustments = Adjustments(),
) -> Points:
    """The unit's points; the criteria that apply share the 100 in proportion to their weights
    (none apply: base 0)."""
    applying = {k: w for k, w in weights.items() if w > 0 and measures.get(k, _NONE).applies}
    total_weight = sum(applying.values())
    base = (
        sum((Fraction(w) * measures[k].fraction for k, w in applying.items()), Fraction(0))
        * 100
        / total_weight
        if total_weight
        else Fraction(0)
    )
    bonus = min(adjustments.bonus_per_practice * practices, adjustments.bonus_max)
    penalty = adjustments.penalty_per_violation * violations
    raw = _round(base) + bonus - penalty
    return Points(_round(base), bonus, penalty, min(max(raw, Decimal(0)), HUNDRED))


_NONE = Measure(0, 0)


# --- the band of 366-QĐ/TW ---------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One condition of a band, as the scorecard lists it: held, not held, or to confirm."""

    text: str
    held: bool | None  # None: not in the system, the office confirms it


@dataclass(frozen=True)
class BandCheck:
    band: str
    conditions: tuple[Condition, ...]

    @property
    def met(self) -> bool:
        return all(c.held is not False for c in self.conditions)


FLOORS = {EXCELLENT: Decimal(90), GOOD: Decimal(70), FULFILLED: Decimal(50)}


def band_checks(points: Decimal, tasks: Measure, violations: int) -> list[BandCheck]:
    """Each band above "không hoàn thành" with its conditions for this unit, best first."""
    all_on_time = tasks.good == tasks.counted  # no task counted: nothing late
    late_share = Fraction(tasks.counted - tasks.good, tasks.counted) if tasks.counted else 0
    return [
        BandCheck(
            EXCELLENT,
            (
                Condition(_("Điểm từ 90 trở lên"), points >= FLOORS[EXCELLENT]),
                Condition(_("100% nhiệm vụ hoàn thành đúng hạn"), all_on_time),
                Condition(_("Không có vi phạm qua kiểm tra, giám sát"), violations == 0),
                Condition(_("Ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu"), None),
            ),
        ),
        BandCheck(
            GOOD,
            (
                Condition(_("Điểm từ 70 đến dưới 90"), points >= FLOORS[GOOD]),
                Condition(_("100% nhiệm vụ hoàn thành đúng hạn"), all_on_time),
            ),
        ),
        BandCheck(
            FULFILLED,
            (
                Condition(_("Điểm từ 50 đến dưới 70"), points >= FLOORS[FULFILLED]),
                Condition(_("Nhiệm vụ chậm tiến độ không quá 20%"), late_share <= Fraction(1, 5)),
            ),
        ),
    ]


def suggested_band(checks: Sequence[BandCheck]) -> str:
    """The best band whose conditions hold (those to confirm do not stand in the way)."""
    return next((c.band for c in checks if c.met), UNFULFILLED)


# --- the cap on "xuất sắc" within a group ------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """What ranks a unit in its group."""

    key: int  # the unit's pk
    code: str
    score: Decimal
    tasks: Fraction
    reports_on_time: Fraction
    band: str  # suggested


@dataclass
class Ranked:
    key: int
    rank: int
    band: str  # after the cap
    capped: bool = False
    note: str = ""
    tie: list[str] = field(default_factory=list)


def _order(c: Candidate) -> tuple[Decimal, Fraction, Fraction, str]:
    return (-c.score, -c.tasks, -c.reports_on_time, c.code)


def _percent(f: Fraction) -> str:
    value = _round(f * 100).normalize()
    return f"{value:f}".replace(".", ",") + "%"


def _why_before(a: Candidate, b: Candidate) -> str:
    """Why `a` ranks before `b`: the first measure of the order that tells them apart."""
    if a.score != b.score:
        return _("điểm %(a)s > %(b)s") % {"a": _score_text(a.score), "b": _score_text(b.score)}
    if a.tasks != b.tasks:
        return _("cùng điểm; nhiệm vụ đúng hạn %(a)s > %(b)s") % {
            "a": _percent(a.tasks),
            "b": _percent(b.tasks),
        }
    if a.reports_on_time != b.reports_on_time:
        return _("cùng điểm, cùng tỉ lệ nhiệm vụ đúng hạn; báo cáo đúng hạn %(a)s > %(b)s") % {
            "a": _percent(a.reports_on_time),
            "b": _percent(b.reports_on_time),
        }
    return _("bằng nhau mọi tiêu chí; theo thứ tự mã đơn vị (%(a)s trước %(b)s)") % {
        "a": a.code,
        "b": b.code,
    }


def _score_text(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def apply_cap(group: Sequence[Candidate], cap_percent: int) -> dict[int, Ranked]:
    """Rank a group of same-kind units and keep "xuất sắc" within the cap."""
    ordered = sorted(group, key=_order)
    ranked = {c.key: Ranked(c.key, i, c.band) for i, c in enumerate(ordered, start=1)}
    rated_good = sum(1 for c in ordered if c.band in (EXCELLENT, GOOD))
    allowed = rated_good * cap_percent // 100
    candidates = [c for c in ordered if c.band == EXCELLENT]
    for position, c in enumerate(candidates):
        if position < allowed:
            continue
        row = ranked[c.key]
        # Why it falls past the cap: what puts the one before it ahead.
        if position > 0:
            row.tie.append(_why_before(candidates[position - 1], c))
        row.band, row.capped = GOOD, True
        row.note = _(
            "Vượt tỉ lệ: tối đa %(allowed)s đơn vị xuất sắc (%(cap)s%% của %(good)s đơn vị "
            "hoàn thành tốt trở lên); xếp thứ %(position)s trong %(n)s đơn vị đủ điều kiện"
        ) % {
            "allowed": allowed,
            "cap": cap_percent,
            "good": rated_good,
            "position": position + 1,
            "n": len(candidates),
        }
    return ranked
