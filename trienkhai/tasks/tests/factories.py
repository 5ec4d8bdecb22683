"""Small builders for the tasks tests: a plan of the `world` commune and tasks on it."""

from __future__ import annotations

from datetime import date
from typing import Any

from trienkhai.conftest import World
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks import services
from trienkhai.tasks.models import Recurrence, Task

ASSIGNED = date(2026, 5, 20)


def make_plan(world: World, **kwargs: Any) -> Plan:
    defaults: dict[str, Any] = {
        "org_unit": world.commune,
        "title": "tuyên truyền, quán triệt và triển khai thực hiện Chương trình hành động",
        "number": 15,
        "date": date(2026, 5, 12),
        "issuer": "ĐẢNG ỦY XÃ TÂN KỲ",
        "start_year": 2026,
        "end_year": 2030,
    }
    return Plan.objects.create(**{**defaults, **kwargs})


def make_task(
    world: World,
    plan: Plan,
    unit: OrgUnit | None = None,
    *,
    due: date | None = date(2026, 6, 10),
    recurrence: str = Recurrence.ONCE,
    text: str = "Xây dựng kế hoạch thực hiện",
    section: str = "IV.6",
    **kwargs: Any,
) -> Task:
    if recurrence != Recurrence.ONCE:
        due = None
    return services.task_create(
        actor=world.office,
        plan=plan,
        text=text,
        section=section,
        assignee=unit or world.cell_a,
        recurrence=recurrence,
        due=due,
        assigned_on=kwargs.pop("assigned_on", ASSIGNED),
        **kwargs,
    )
