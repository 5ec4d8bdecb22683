"""Who a duty goes to, and the preview of assigning a plan (reads only).

The duty's kind comes from the plan parser: an `OrgUnit.Kind`, or `party_orgs` ("các tổ chức
đảng trực thuộc": the chi bộ and đảng bộ bộ phận directly under the issuer), `party_cells`
("các chi bộ": the chi bộ directly under it), `front_and_mass_orgs` (the MTTQ and the mass
organisations under it), `other` (the office chooses).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, PlanDuty
from trienkhai.tasks.models import Task
from trienkhai.tasks.rules import Schedule, schedule_for

K = OrgUnit.Kind


def _children(units: Sequence[OrgUnit], root: OrgUnit) -> list[OrgUnit]:
    return [u for u in units if u.depth == root.depth + 1]


def assignees_for(kind: str, root: OrgUnit, units: Sequence[OrgUnit]) -> list[OrgUnit]:
    """The units under ``root`` a duty of ``kind`` fans out to; ``units``: root's subtree."""
    children = _children(units, root)
    if kind == "party_orgs":
        return [u for u in children if u.kind in OrgUnit.PARTY_ORG_KINDS]
    if kind == "party_cells":
        return [u for u in children if u.kind == K.PARTY_CELL]
    if kind in ("front_and_mass_orgs", K.MASS_ORG):
        fronts = [u for u in children if u.kind == K.FRONT]
        mass = [
            u
            for u in units
            if u.kind == K.MASS_ORG and any(u.path.startswith(f.path) for f in fronts)
        ]
        return (fronts if kind != K.MASS_ORG else []) + mass
    if kind == root.kind:
        return [root]
    if kind in K.values:
        direct = [u for u in children if u.kind == kind]
        if direct:
            return direct
        # A body one level further down (e.g. under the Ban Thường vụ): the nearest ones.
        deeper = [u for u in units if u.kind == kind and u.depth > root.depth]
        if deeper:
            top = min(u.depth for u in deeper)
            return [u for u in deeper if u.depth == top]
    return []


def subtree_units(root: OrgUnit, day: date) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.valid_on(day)
        .in_subtree(root)
        .filter(depth__lte=root.depth + 2)
        .order_by("path")
    )


@dataclass
class DutyPreview:
    duty: PlanDuty
    schedule: Schedule
    units: list[OrgUnit]
    existing: int = 0
    # Units that would get a new task (not assigned before).
    new_units: list[OrgUnit] = field(default_factory=list)


def plan_preview(*, plan: Plan, day: date) -> list[DutyPreview]:
    """Each duty of the plan, its proposed schedule and the units it fans out to."""
    units = subtree_units(plan.org_unit, day)
    deadlines = [(d.text, d.due) for d in plan.deadlines.all()]
    assigned: dict[int, set[int]] = {}
    for duty_id, unit_id in Task.objects.filter(plan=plan, duty__isnull=False).values_list(
        "duty_id", "origin_unit_id"
    ):
        assigned.setdefault(duty_id, set()).add(unit_id)
    out: list[DutyPreview] = []
    for duty in plan.duties.order_by("order", "pk"):
        targets = assignees_for(duty.kind, plan.org_unit, units)
        done = assigned.get(duty.pk, set())
        out.append(
            DutyPreview(
                duty=duty,
                schedule=schedule_for(
                    text=duty.text, kind=duty.kind, due=duty.due, deadlines=deadlines
                ),
                units=targets,
                existing=len(done),
                new_units=[u for u in targets if u.pk not in done],
            )
        )
    return out
