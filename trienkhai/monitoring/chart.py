"""The chart of a target: its values over the years against the target and stretch lines.

`chart_data` turns a target and its series into plain data; `draw` turns that data into
SVG (for pages, shown with `<img>` so the page's CSP stays strict) or PNG (for documents)
with the same drawing code. matplotlib is imported only when a chart is drawn, and only
its object API is used (`Figure`, never pyplot, which is not thread-safe).

Text stays text in the SVG (`svg.fonttype = "none"`), in DejaVu Sans, which has every
Vietnamese letter; numbers are written the Vietnamese way ("11.247", "12,1").
"""

from __future__ import annotations

import io
import textwrap
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.numbers import format_number

if TYPE_CHECKING:
    from trienkhai.monitoring.selectors import Point, Series
    from trienkhai.plans.models import Target

RED = "#b3171d"
GREEN = "#198754"
BLUE = "#0d6efd"
GREY = "#6c757d"
FONT = "DejaVu Sans"
CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    # Stable ids and no date: the same data gives the same file.
    "svg.hashsalt": "trienkhai",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
# The sparkline: fewer vertices where they would not show at this size.
SMALL_RC: dict[Any, Any] = {"path.simplify_threshold": 0.5}
# rc_context changes matplotlib's global settings for the time of one drawing.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class ChartPoint:
    x: float  # the period's end as a year: 2026 is the end of 2026, 2025.5 the end of June
    value: float
    provisional: bool
    periodic: bool  # a period shorter than a year
    is_base: bool


@dataclass(frozen=True)
class ChartLine:
    """An extra line, e.g. the path the remaining years need (drawn by the assessment)."""

    label: str
    points: tuple[tuple[float, float], ...]
    color: str = GREY
    style: str = "dashdot"


@dataclass(frozen=True)
class ChartData:
    title: str
    y_label: str
    points: tuple[ChartPoint, ...]
    x_min: int
    x_max: int
    target: float | None = None
    target_band: tuple[float, float] | None = None
    target_label: str = ""
    stretch: float | None = None
    stretch_label: str = ""
    # A flow: bars of the yearly values, the line is the running total (lũy kế).
    bars: tuple[tuple[float, float, bool], ...] = ()
    invert_y: bool = False  # ranks: first place at the top
    lines: tuple[ChartLine, ...] = ()
    # The small chart draws the target line red when the assessment says it is behind.
    behind: bool = False


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _x(point: Point) -> float:
    """Where a period sits on the year axis: at its end (December = the year itself)."""
    return point.end.year + (point.end.month - 12) / 12


def chart_data(target: Target, series: Series, *, figure_text: str) -> ChartData:
    """What the chart of `target` shows; a pure function of the target and its series."""
    flow = series.measure == "flow"
    points: list[ChartPoint] = []
    bars: list[tuple[float, float, bool]] = []
    for p in series.points:
        periodic = p.kind != "year"
        if flow:
            if p.year <= series.base_year:
                continue
            shown = series.cumulative(p)
            if not periodic:
                bars.append((float(p.year), float(p.value), p.provisional))
        else:
            shown = p.value
        points.append(ChartPoint(_x(p), float(shown), p.provisional, periodic, p.is_base))
    has_base_point = any(p.is_base for p in points)
    if flow:
        # A running total starts from nothing in the base year.
        points.insert(0, ChartPoint(float(series.base_year), 0.0, False, False, True))
    elif not has_base_point and series.base_value is not None:
        points.insert(
            0,
            ChartPoint(float(series.base_year), float(series.base_value), False, False, True),
        )
    years = [int(p.x) for p in points] + [series.base_year]
    if target.target_year:
        years.append(target.target_year)
    band = None
    if target.comparator == "range" and target.low is not None and target.high is not None:
        band = (float(target.low), float(target.high))
    return ChartData(
        title=f"({target.ref}) {target.label}",
        y_label=target.measure_unit + (_(" (lũy kế)") if flow else ""),
        points=tuple(points),
        x_min=min(years),
        x_max=max(years),
        target=None if band else _f(target.value),
        target_band=band,
        target_label=_target_label(target, figure_text),
        stretch=_f(target.stretch),
        stretch_label=_stretch_label(target),
        bars=tuple(bars),
        invert_y=target.kind == "rank",
    )


def _target_label(target: Target, figure_text: str) -> str:
    label = _("Mục tiêu: %(figure)s") % {"figure": figure_text}
    if target.target_year:
        label += _(" (năm %(year)s)") % {"year": target.target_year}
    return label


def _stretch_label(target: Target) -> str:
    if target.stretch is None:
        return ""
    shown = format_number(target.stretch)
    if target.comparator == "rank<=":
        shown = f"top {shown}"
    return _("Phấn đấu: %(stretch)s") % {"stretch": shown}


def _tick(value: float, _pos: Any = None) -> str:
    return format_number(Decimal(f"{value:.6g}"))


def _label(value: float) -> str:
    number = Decimal(f"{value:.6g}")
    return format_number(number if abs(number) >= 100 else round(number, 2))


def _draw(data: ChartData, fig: Any) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter

    ax = fig.add_subplot()
    ax.set_title("\n".join(textwrap.wrap(data.title, 80)), fontsize=11, loc="left")
    ax.set_ylabel(data.y_label)
    ax.grid(axis="y", color="#dee2e6", linewidth=0.6)
    if data.target_band is not None:
        low, high = data.target_band
        ax.axhspan(low, high, color=GREEN, alpha=0.15, label=data.target_label)
    elif data.target is not None:
        ax.axhline(data.target, color=GREEN, linestyle="--", linewidth=1.5, label=data.target_label)
    if data.stretch is not None:
        ax.axhline(data.stretch, color=BLUE, linestyle=":", linewidth=1.5, label=data.stretch_label)
    if data.bars:
        bars = ax.bar(
            [b[0] for b in data.bars],
            [b[1] for b in data.bars],
            width=0.5,
            color="#f1aeb5",
            edgecolor=RED,
            linewidth=0.6,
            label=_("Thực hiện trong năm"),
            zorder=1,
        )
        # A provisional year is hatched, as its point is hollow.
        for patch, bar in zip(bars.patches, data.bars, strict=True):
            if bar[2]:
                patch.set_hatch("///")
                patch.set_facecolor("white")
    yearly = [p for p in data.points if not p.periodic]
    if yearly:
        ax.plot(
            [p.x for p in yearly],
            [p.value for p in yearly],
            color=RED,
            linewidth=1.8,
            zorder=2,
            label=_("Lũy kế") if data.bars else "_nolegend_",
        )
    groups = [
        ([p for p in yearly if p.is_base], "s", GREY, GREY, _("Năm gốc")),
        (
            [p for p in yearly if not p.is_base and not p.provisional],
            "o",
            RED,
            RED,
            _("Chính thức"),
        ),
        (
            [p for p in yearly if not p.is_base and p.provisional],
            "o",
            "white",
            RED,
            _("Tạm tính (chưa chính thức)"),
        ),
        ([p for p in data.points if p.periodic], "D", "white", GREY, _("Số liệu trong năm")),
    ]
    for group, marker, face, edge, label in groups:
        if not group:
            continue
        ax.scatter(
            [p.x for p in group],
            [p.value for p in group],
            marker=marker,
            s=46 if marker != "D" else 28,
            facecolors=face,
            edgecolors=edge,
            linewidths=1.6,
            zorder=3,
            label=label,
        )
    for p in yearly:
        ax.annotate(
            _label(p.value) + (_(" (tạm tính)") if p.provisional else ""),
            (p.x, p.value),
            textcoords="offset points",
            xytext=(0, 8 if not data.invert_y else -14),
            ha="center",
            fontsize=8,
            color=GREY if p.provisional else "#212529",
        )
    for line in data.lines:
        ax.plot(
            [x for x, _y in line.points],
            [y for _x, y in line.points],
            color=line.color,
            linestyle=line.style,
            linewidth=1.4,
            label=line.label,
        )
    if not data.points:
        ax.text(
            0.5,
            0.5,
            _("Chưa có số liệu"),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=GREY,
            fontsize=12,
        )
    ax.set_xlim(data.x_min - 0.5, data.x_max + 0.5)
    years = list(range(data.x_min, data.x_max + 1))
    ax.xaxis.set_major_locator(FixedLocator(years))
    ax.set_xticklabels([str(y) for y in years])
    ax.yaxis.set_major_formatter(FuncFormatter(_tick))
    if data.invert_y:
        ax.invert_yaxis()
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.1),
            ncol=2,
            fontsize=8,
            frameon=False,
        )


def _draw_small(data: ChartData, fig: Any) -> None:
    """A sparkline: the values, the target and the path they need, and the last value.

    No title, legend or axis text: the page says which target it is and shows the same
    figures in a table beside it. The `gid`s name the three lines in the SVG.
    """
    ax = fig.add_axes((0.02, 0.06, 0.8, 0.88))
    ax.set_axis_off()
    target_color = RED if data.behind else GREEN
    if data.target_band is not None:
        ax.axhspan(*data.target_band, color=target_color, alpha=0.2, linewidth=0, gid="target")
    elif data.target is not None:
        ax.axhline(data.target, color=target_color, linestyle="--", linewidth=1, gid="target")
    for line in data.lines:
        ax.plot(
            [x for x, _y in line.points],
            [y for _x, y in line.points],
            color=GREY,
            linestyle=":",
            linewidth=1,
            gid="path",
        )
    yearly = [p for p in data.points if not p.periodic]
    if yearly:
        ax.plot(
            [p.x for p in yearly],
            [p.value for p in yearly],
            color=BLUE,  # not red: a red target line means behind
            linewidth=1.2,
            marker="o",
            markersize=2.5,
            gid="values",
        )
        provisional = [p for p in yearly if p.provisional]
        if provisional:
            # Hollow, as on the full chart: a figure not yet official.
            ax.plot(
                [p.x for p in provisional],
                [p.value for p in provisional],
                linestyle="none",
                marker="o",
                markersize=2.5,
                markerfacecolor="white",
                markeredgecolor=BLUE,
                markeredgewidth=0.8,
                gid="provisional",
            )
    periodic = [p for p in data.points if p.periodic]
    if periodic:
        ax.plot(
            [p.x for p in periodic],
            [p.value for p in periodic],
            linestyle="none",
            marker="o",
            markersize=2.5,
            markerfacecolor="white",
            markeredgecolor=GREY,
            markeredgewidth=0.6,
            gid="periods",
        )
    ax.set_xlim(data.x_min - 0.2, data.x_max + 0.2)
    ax.margins(y=0.12)  # room for the dots at the top and bottom
    if data.invert_y:
        ax.invert_yaxis()
    if data.points:
        last = data.points[-1]
        ax.annotate(
            _label(last.value),
            (last.x, last.value),
            xycoords="data",
            xytext=(1.02, last.value),
            textcoords=("axes fraction", "data"),
            va="center",
            fontsize=8,
            color=GREY if last.provisional else "#212529",
            annotation_clip=False,
        )


# 220 × 90 CSS pixels: the SVG backend measures in points (72 to the inch, 96 px to it).
SMALL_SIZE = (220 * 0.75 / 72, 90 * 0.75 / 72)


def draw(
    data: ChartData,
    fmt: Literal["svg", "png"] = "svg",
    *,
    dpi: int = 150,
    size: Literal["full", "small"] = "full",
) -> bytes:
    """The chart as SVG (text kept as text) or PNG bytes, from the same drawing.

    `size="small"` is the dashboard's sparkline (about 220 × 90 px, 2–3 KB gzipped).
    """
    import matplotlib
    from matplotlib.figure import Figure

    small = size == "small"
    buffer = io.BytesIO()
    with _LOCK, matplotlib.rc_context(RC | SMALL_RC if small else RC):
        if small:
            fig = Figure(figsize=SMALL_SIZE)
            fig.patch.set_visible(False)  # the page's background shows through
            _draw_small(data, fig)
        else:
            fig = Figure(figsize=(8, 4.8), layout="constrained")
            _draw(data, fig)
        metadata: dict[str, Any]
        if fmt == "png":
            metadata = {"Software": None}
        elif small:
            # Dublin Core metadata is a third of a sparkline's bytes and nobody reads it.
            metadata = dict.fromkeys(("Date", "Creator", "Format", "Type"))
        else:
            metadata = {"Date": None}
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()
