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
