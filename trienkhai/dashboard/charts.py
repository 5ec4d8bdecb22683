"""The leaders' dashboard's small chart of each target, drawn once per state of its data.

A commune's dashboard shows some thirty of these, so each is a sparkline of a few hundred
bytes on the wire, kept gzipped in the cache under a key made from what the picture shows:
the same data gives the same key (and the same ETag), any new value, edited target or new
required path gives another. Building the key costs the one query of the target's series;
only a change pays for matplotlib.

`chart_rows` gives the same figures as text, for the table that screen readers read beside
each picture and for the XLSX export.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number
from trienkhai.monitoring import chart
from trienkhai.monitoring.assessment import Assessment, Status, assess
from trienkhai.monitoring.progress import series_points, target_spec, today
from trienkhai.monitoring.selectors import Series, series_for_targets
from trienkhai.plans.models import Target
from trienkhai.plans.selectors import figure

# Bump when the drawing changes, so pictures cached by the old code are not served.
VERSION = "1"
CACHE_SECONDS = 7 * 24 * 3600
BEHIND = {Status.NEEDS_ACCELERATION, Status.OFF_TRACK, Status.REGRESSING}


@dataclass(frozen=True)
class SmallChart:
    """What one target's small chart shows, before it is drawn."""

    target: Target
    series: Series
    assessment: Assessment
    data: chart.ChartData

    @property
    def key(self) -> str:
        # A frozen dataclass of floats, strings and tuples has a stable repr.
        digest = hashlib.sha256(f"{VERSION}|{self.data!r}".encode()).hexdigest()
        return f"{self.target.pk}-{digest[:20]}"


@dataclass(frozen=True)
class ChartImage:
    key: str
    gzipped: bytes  # the SVG, gzip-compressed: what almost every browser is sent

    @property
    def svg(self) -> bytes:
        return gzip.decompress(self.gzipped)


def _small_chart(target: Target, series: Series) -> SmallChart:
    assessment = assess(target_spec(target, series), series_points(series), as_of=today())
    data = chart.chart_data(target, series, figure_text=figure(target))
    path = assessment.required_path
    if len(path) > 1:
        points = tuple((float(y), float(v)) for y, v in path)
        data = dataclasses.replace(data, lines=(chart.ChartLine(_("Lộ trình cần đạt"), points),))
    data = dataclasses.replace(data, behind=assessment.status in BEHIND)
    return SmallChart(target, series, assessment, data)


def small_charts(*, targets: Sequence[Target]) -> dict[int, SmallChart]:
    """The small charts of many targets from one query, keyed by target id."""
    all_series = series_for_targets(targets=targets)
    return {t.pk: _small_chart(t, all_series[t.pk]) for t in targets}


def small_chart(*, target: Target) -> SmallChart:
    return small_charts(targets=[target])[target.pk]


def chart_image(small: SmallChart) -> ChartImage:
    """The drawn SVG of `small`, from the cache when this state of its data was drawn."""
    key = small.key
    cache_key = f"dashboard:chart:{key}"
    gzipped = cache.get(cache_key)
    if gzipped is None:
        svg = chart.draw(small.data, "svg", size="small")
        # mtime=0: the same picture gives the same bytes on every server.
        gzipped = gzip.compress(svg, compresslevel=9, mtime=0)
        cache.set(cache_key, gzipped, CACHE_SECONDS)
    return ChartImage(key, gzipped)


def _value_text(value: Decimal, unit: str, provisional: bool) -> str:
    text = format_number(value)
    if unit:
        text = f"{text} {unit}"
    if provisional:
        text += _(" (tạm tính)")
    return text


def rows_of(small: SmallChart) -> list[tuple[str, str]]:
    """(what, figure) rows of the picture: each value, the target, the path still needed."""
    target, series = small.target, small.series
    unit = target.measure_unit
    flow = series.measure == Target.Measure.FLOW
    rows: list[tuple[str, str]] = []
    for p in series.points:
        label = p.label + (_(" (năm gốc)") if p.is_base else "")
        if flow:
            if p.year <= series.base_year:
                continue
            value = _("lũy kế %(value)s") % {
                "value": _value_text(series.cumulative(p), unit, p.provisional)
            }
        else:
            value = _value_text(p.value, unit, p.provisional)
        rows.append((label, value))
    if not rows:
        rows.append((_("Số liệu"), _("Chưa có số liệu")))
    goal = small.data.target_label or _("Mục tiêu")
    rows.append((_("Mục tiêu"), goal.removeprefix(_("Mục tiêu: "))))
    # The path's first point is the base already listed; later years are what is needed.
    last_year = max((p.year for p in series.yearly), default=0)
    for year, needed in small.assessment.required_path[1:]:
        if year <= last_year:
            continue
        # A computed figure: two decimals say it (10,63), six would only be noise.
        shown = round(needed, 2) if abs(needed) < 100 else round(needed)
        text = _value_text(Decimal(shown), unit, False)
        if flow:
            text = _("lũy kế %(value)s") % {"value": text}
        rows.append((_("Lộ trình cần đạt năm %(year)s") % {"year": year}, text))
    return rows


def chart_rows(target: Target) -> list[tuple[str, str]]:
    """The figures of `target`'s small chart as text: (period or line, value) rows."""
    return rows_of(small_chart(target=target))
