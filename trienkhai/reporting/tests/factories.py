"""A quarterly schedule of chi bộ reports under the world's commune, reviewed by it."""

from __future__ import annotations

from typing import Any

from trienkhai.core.periods import parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.tests.factories import PlanFactory
from trienkhai.reporting.models import ReportRequest, ReportSchedule, ScheduleKind
from trienkhai.reporting.opening import open_period


def quarterly(unit: OrgUnit, **fields: Any) -> ReportSchedule:
    plan = fields.pop("plan", None) or PlanFactory.create(
        org_unit=unit, start_year=2026, end_year=2030
    )
    values: dict[str, Any] = {
        "plan": plan,
        "org_unit": unit,
        "title": "Báo cáo quý kết quả thực hiện Kế hoạch",
        "kind": ScheduleKind.QUARTER,
        "unit_kinds": [OrgUnit.Kind.PARTY_CELL],
        "reviewer": unit,
        **fields,
    }
    return ReportSchedule.objects.create(**values)


def requests_for(schedule: ReportSchedule, period: str = "2026-Q3") -> dict[str, ReportRequest]:
    """Open the period; the requests by unit code."""
    open_period(schedule, parse_period(period))
    return {
        r.org_unit.code: r
        for r in ReportRequest.objects.filter(schedule=schedule, period=period).select_related(
            "org_unit", "schedule"
        )
    }
