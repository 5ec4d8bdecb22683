"""What a unit still has to record for the plans it implements: its main study session of
each group it owns, and the headcount the coverage is measured against.

A main session is asked for once the plan's dissemination deadline is near (within
`NEAR_DAYS`) or past; a plan that names no such deadline asks for it at once. Two queries
for the unit plus two per plan, whatever the number of sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trienkhai.dissemination.coverage import dissemination_deadline, plan_thresholds
from trienkhai.dissemination.models import (
    GROUP_NOUNS,
    Headcount,
    SessionAttendance,
    StudySession,
    groups_owned_by,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

NEAR_DAYS = 14


@dataclass(frozen=True)
class MissingSession:
    plan: Plan
    group: str
    due: date | None

    @property
    def noun(self) -> str:
        return GROUP_NOUNS.get(self.group, self.group)


@dataclass(frozen=True)
class Missing:
    sessions: list[MissingSession]
    headcount_groups: list[str]  # groups the unit owns with no headcount yet

    @property
    def headcount_nouns(self) -> list[str]:
        return [GROUP_NOUNS.get(g, g) for g in self.headcount_groups]


def missing_for(*, unit: OrgUnit, plans: Sequence[Plan], today: date) -> Missing:
    owned = groups_owned_by(unit.kind)
    if not owned or not plans:
        return Missing([], [])
    recorded = set(
        SessionAttendance.objects.filter(
            plan__in=[p.pk for p in plans], org_unit=unit, kind=StudySession.Kind.MAIN
        ).values_list("plan_id", "group")
    )
    sessions: list[MissingSession] = []
    asked: set[str] = set()
    for plan in plans:
        groups = [t.group for t in plan_thresholds(plan) if t.group in owned]
        if not groups:
            continue
        asked.update(groups)
        deadline = dissemination_deadline(plan)
        due = deadline.due if deadline else None
        if due is not None and due > today + timedelta(days=NEAR_DAYS):
            continue
        sessions += [MissingSession(plan, g, due) for g in groups if (plan.pk, g) not in recorded]
    counted = set(
        Headcount.objects.filter(org_unit=unit, group__in=asked, as_of__lte=today)
        .values_list("group", flat=True)
        .distinct()
    )
    return Missing(sessions, [g for g in owned if g in asked and g not in counted])
