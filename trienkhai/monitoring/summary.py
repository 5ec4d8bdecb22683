"""Section V of the summary report and the report form's target figures.

The unit's own targets (those it monitors: `progress.owned_targets`; of the plan reported on
only, when there is one), assessed as of the end of the data window with the values of the
years up to that date's year, the running year's estimate included, as the progress pages do.
The section counts numbered items the way offices write it ("Đạt và vượt 3/5 chỉ tiêu; …")
and lists each target row with its latest value, its status and the pace the remaining years
need. A target without a figure (định tính) is named, not assessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.documents.data import Block, Paragraph, Table
from trienkhai.documents.figures import Figure, register_report_figures
from trienkhai.documents.summary import SummaryScope, register_summary_section
from trienkhai.monitoring.assessment import TALLY_WORDS, Status, Tally, tally
from trienkhai.monitoring.assessment.wording import num, with_unit
from trienkhai.monitoring.progress import (
    ItemProgress,
    TargetProgress,
    assess_targets,
    document_tallies,
    owned_targets,
)
from trienkhai.monitoring.selectors import Point, series_for_targets
from trienkhai.plans.models import Target

SECTION = "targets"
# What a limitation names: the items behind their pace, worst last as offices list them.
BEHIND = (Status.NEEDS_ACCELERATION, Status.OFF_TRACK, Status.REGRESSING)


def scope_targets(scope: SummaryScope) -> list[Target]:
    """The targets the unit owns, of ``scope.plan`` alone when set."""
    targets = owned_targets(unit=scope.unit)
    if scope.plan is not None:
        targets = targets.filter(plan=scope.plan)
    return list(targets)


def latest_values(targets: Sequence[Target], scope: SummaryScope) -> dict[int, Point | None]:
    """Each target's latest yearly value up to the year of ``scope.end`` (one query): the
    values the assessment reads; a later year's is not known yet on that date."""
    series = series_for_targets(targets=targets)
    year = scope.end.year
    return {
        t.pk: next((p for p in reversed(series[t.pk].yearly) if p.year <= year), None)
        for t in targets
    }


@dataclass(frozen=True)
class TargetsResult:
    """The measurable rows with their latest values, the items' tally, the qualitative."""

    rows: list[TargetProgress]
    latest: dict[int, Point | None]
    items: list[ItemProgress]
    tally: Tally
    qualitative: list[Target]


def targets_result(scope: SummaryScope) -> TargetsResult | None:
    """None when the unit owns no target in scope; three queries whatever their number."""
    targets = scope_targets(scope)
    if not targets:
        return None
    assessed = assess_targets(targets, as_of=scope.end, year=scope.end.year)
    documents = document_tallies(assessed)
    # Items are numbered within their document: (plan, "1") and (split, "1") are two.
    keyed = [(f"{doc.key}:{item.item}", item) for doc in documents for item in doc.items]
    return TargetsResult(
        rows=[row for doc in documents for row in doc.rows],
        latest=latest_values(targets, scope),
        items=[item for _key, item in keyed],
        tally=tally({key: [r.status for r in item.rows] for key, item in keyed}),
        qualitative=[t for doc in documents for t in doc.qualitative],
    )


VALUE_TO_FILL = "…" * 8


def value_text(point: Point, unit: str) -> str:
    """ "12,1%/năm (2026)", "6.100 căn (2026, sơ bộ)"."""
    year = f"{point.year}, {_('sơ bộ')}" if point.provisional else str(point.year)
    return f"{with_unit(num(point.value, 4), unit)} ({year})"


def _row(row: TargetProgress, point: Point | None, scope: SummaryScope) -> tuple[str, ...]:
    target, a = row.target, row.assessment
    if point is None:
        # A cell for the office to fill in, not the system saying it has nothing.
        return (target.ref, f"{target.label}: {row.figure}", VALUE_TO_FILL, _("chưa đánh giá"), "")
    value = value_text(point, target.measure_unit)
    return (target.ref, f"{target.label}: {row.figure}", value, a.status.label, a.required_text)


@register_summary_section(SECTION)
def targets_summary(scope: SummaryScope) -> list[Block] | None:
    """The tally sentence, the table of rows, and the qualitative targets named apart."""
    result = targets_result(scope)
    if result is None:
        return None
    blocks: list[Block] = []
    if result.rows:
        blocks += [
            Paragraph(
                _("Kết quả thực hiện các chỉ tiêu (tính đến ngày %(day)s): %(sentence)s")
                % {"day": format_date_short(scope.end), "sentence": result.tally.sentence}
            ),
            Table(
                header_rows=(
                    (
                        _("STT"),
                        _("Chỉ tiêu"),
                        _("Giá trị gần nhất (năm)"),
                        _("Tình trạng"),
                        _("Tốc độ còn cần"),
                    ),
                ),
                rows=tuple(_row(row, result.latest[row.target.pk], scope) for row in result.rows),
                widths_mm=(14.0, 58.0, 32.0, 26.0, 40.0),
            ),
        ]
    if result.qualitative:
        blocks.append(
            Paragraph(
                _("Chỉ tiêu định tính, không tính vào kết quả trên: %(names)s.")
                % {"names": "; ".join(f"{t.ref} {t.label}" for t in result.qualitative)}
            )
        )
    return blocks


@register_summary_section("limitations")
def targets_behind(scope: SummaryScope) -> list[Block] | None:
    """The items that need to speed up, are off track or going the wrong way, by name."""
    result = targets_result(scope)
    if result is None:
        return None
    parts = []
    for status in BEHIND:
        named = [f"{i.label} ({i.item})" for i in result.items if i.status == status]
        if named:
            parts.append(
                _("%(n)s chỉ tiêu %(words)s: %(names)s")
                % {"n": len(named), "words": TALLY_WORDS[status], "names": ", ".join(named)}
            )
    if not parts:
        return None
    return [Paragraph(_("Còn %(parts)s.") % {"parts": "; ".join(parts)})]


@register_report_figures
def target_figures(scope: SummaryScope) -> list[Figure]:
    """Each measurable target's latest value as of ``scope.end`` (None: none entered)."""
    targets = [t for t in scope_targets(scope) if t.kind != Target.Kind.QUALITATIVE]
    latest = latest_values(targets, scope)
    return [
        Figure(
            key=f"target.{t.pk}",
            section=SECTION,
            label=f"{t.ref}. {t.label}",
            value=_value(latest[t.pk]),
            unit=t.measure_unit,
            group=_("Chỉ tiêu"),
            additive=False,
            integer=False,
        )
        for t in targets
    ]


def _value(point: Point | None) -> Decimal | None:
    return None if point is None else point.value
