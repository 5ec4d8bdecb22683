"""What the assessment takes in and gives back: plain dataclasses, no Django models.

The caller (``monitoring.progress``) builds a ``TargetSpec`` from a ``Target`` and a list of
``Point``s from its observations; ``assess`` returns an ``Assessment`` that pages, exports and
reports print as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.text import search_key

__all__ = [
    "DEFAULT_TOLERANCE",
    "ON_TRACK_THRESHOLD",
    "SLOW_THRESHOLD",
    "STATUS_CSS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "Assessment",
    "Point",
    "Status",
    "StretchResult",
    "TargetSpec",
    "is_yearly",
]

# Open SDG's thresholds (after Statistics Canada) on R = d·CAGR_o/|CAGR_r|.
ON_TRACK_THRESHOLD = Decimal("0.95")
SLOW_THRESHOLD = Decimal("0.60")
# "khoảng X" is met within ±5% of X unless the target says otherwise.
DEFAULT_TOLERANCE = Decimal("0.05")


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    OFF_TRACK = "off_track"
    REGRESSING = "regressing"
    NO_DATA = "no_data"
    NOT_DUE = "not_due"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def css(self) -> str:
        return STATUS_CSS[self]


# The order offices list them in ("Đạt và vượt …; đúng tiến độ …; cần tăng tốc …").
STATUS_ORDER: tuple[Status, ...] = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.OFF_TRACK,
    Status.REGRESSING,
    Status.NO_DATA,
    Status.NOT_DUE,
)

STATUS_LABELS: dict[Status, str] = {
    Status.ACHIEVED: _("Đạt và vượt"),
    Status.ON_TRACK: _("Đúng tiến độ"),
    Status.NEEDS_ACCELERATION: _("Cần tăng tốc"),
    Status.OFF_TRACK: _("Chậm tiến độ"),
    Status.REGRESSING: _("Giảm, đi ngược mục tiêu"),
    Status.NO_DATA: _("Chưa có số liệu"),
    Status.NOT_DUE: _("Chưa đến kỳ đánh giá"),
}

# Bootstrap contextual colours for badges.
STATUS_CSS: dict[Status, str] = {
    Status.ACHIEVED: "success",
    Status.ON_TRACK: "primary",
    Status.NEEDS_ACCELERATION: "warning",
    Status.OFF_TRACK: "danger",
    Status.REGRESSING: "dark",
    Status.NO_DATA: "secondary",
    Status.NOT_DUE: "light",
}


@dataclass(frozen=True)
class TargetSpec:
    """A target as the assessment needs it (the fields of ``plans.Target``).

    ``kind`` ∈ growth_avg, level, share, count, cumulative, rank, reduction, index, ratio,
    rate, qualitative; ``comparator`` ∈ ``>``, ``>=``, ``=``, ``~``, ``<``, ``<=``, ``range``,
    ``rank<=``. ``=`` means "reach ``value`` in the target's direction". ``tolerance`` is the
    share of ``value`` that ``~`` forgives (0.05 = ±5%). ``yearly`` marks a "hằng năm" target,
    judged year by year (see ``is_yearly``). For a ``reduction`` the series holds either the
    quantity itself (``reduction_values="level"``, e.g. emissions, with the base-year value)
    or the percentage already reduced against the base year (``"percent"``).
    """

    kind: str
    comparator: str
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    stretch: Decimal | None = None
    direction: str = "increase"
    measure: str = "stock"
    target_year: int | None = None
    base_year: int | None = None
    base_value: Decimal | None = None
    start_year: int = 2026
    end_year: int = 2030
    tolerance: Decimal = DEFAULT_TOLERANCE
    yearly: bool = False
    unit: str = ""
    reduction_values: str = "level"

    @property
    def final_year(self) -> int:
        """The year the target is due: its own year, else the end of the period."""
        return self.target_year or self.end_year

    @property
    def first_base_year(self) -> int:
        """The base year: its own (2020 for emissions), else the year before the period."""
        return self.base_year or self.start_year - 1


@dataclass(frozen=True)
class Point:
    """One yearly value of the series; ``provisional`` values (số liệu sơ bộ) are marked."""

    year: int
    value: Decimal
    provisional: bool = False


@dataclass(frozen=True)
class StretchResult:
    """The verdict against the stretch figure of a two-tier target (đạt X, phấn đấu Y)."""

    figure: Decimal
    status: Status
    ratio: Decimal | None
    required_rate: Decimal | None
    text: str


@dataclass(frozen=True)
class Assessment:
    """A target's status for the latest period, with every figure used to reach it.

    ``method`` names the measure: ``cagr`` (Open SDG), ``linear`` (base or target ≤ 0),
    ``level`` (a level already met, or judged without a base),
    ``growth_avg`` (geometric mean of yearly rates), ``cumulative`` (flow summed over the
    period), ``yearly`` ("hằng năm", year by year), ``rank``, ``qualitative``, or ``none``.
    ``ratio`` is R; ``required_rate`` is what each remaining year needs (a growth rate in
    percent for ``cagr`` and ``growth_avg``, an amount per year for ``linear`` and
    ``cumulative``) and ``required_text`` says it ("3 năm còn lại cần tăng 13,6%/năm");
    ``required_path`` is the path from the base to the target in the series' units, running
    totals for ``cumulative`` (``path_cumulative``), where ``observed_path`` holds the running
    totals observed so the chart can draw both on one axis.
    """

    status: Status
    sentence: str
    steps: list[str]
    method: str = "none"
    year: int | None = None
    value: Decimal | None = None
    provisional: bool = False
    base_year: int | None = None
    base_value: Decimal | None = None
    target_figure: Decimal | None = None
    ratio: Decimal | None = None
    observed_rate: Decimal | None = None
    needed_rate: Decimal | None = None
    required_rate: Decimal | None = None
    required_text: str = ""
    remaining_years: int | None = None
    missing_years: list[int] = field(default_factory=list)
    required_path: list[tuple[int, Decimal]] = field(default_factory=list)
    path_cumulative: bool = False
    observed_path: list[tuple[int, Decimal]] = field(default_factory=list)
    stretch: StretchResult | None = None

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def css(self) -> str:
        return self.status.css


def is_yearly(text: str, kind: str = "") -> bool:
    """Whether a target's text sets it for each year ("hằng năm", "hàng năm").

    The parser does not flag these. "Bình quân hằng năm" is an average over the period, not a
    yearly target, and average-growth targets are always judged over the period.
    """
    if kind == "growth_avg":
        return False
    key = search_key(text)
    if "hang nam" not in key:
        return False
    return key.count("hang nam") > key.count("binh quan hang nam")
