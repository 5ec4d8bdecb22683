"""Section IV of the summary report: the task totals on the official two axes."""

from __future__ import annotations

from trienkhai.core.periods import Period
from trienkhai.documents.data import Block
from trienkhai.documents.summary import register_summary_section
from trienkhai.orgs.models import OrgUnit


@register_summary_section("programmes")
def task_totals(unit: OrgUnit, period: Period) -> list[Block] | None:
    """Tasks assigned to the unit and the units under it, as of the period's last day."""
    from trienkhai.tasks.selectors import unit_summary

    return unit_summary(unit=unit, ref=period.end)


@register_summary_section("limitations")
def task_limitations(unit: OrgUnit, period: Period) -> list[Block] | None:
    """Overdue work is the first "hạn chế" an office writes."""
    from trienkhai.core.numbers import format_number
    from trienkhai.documents.data import Paragraph
    from trienkhai.tasks.selectors.overview import unit_counts

    totals = unit_counts(unit=unit, ref=period.end)
    late = totals.overdue + totals.done_late
    if not late:
        return None
    parts = []
    if totals.overdue:
        parts.append(f"{format_number(totals.overdue)} nhiệm vụ quá hạn chưa hoàn thành")
    if totals.done_late:
        parts.append(f"{format_number(totals.done_late)} nhiệm vụ hoàn thành chậm so với thời hạn")
    return [Paragraph(f"Còn {' và '.join(parts)}.")]
