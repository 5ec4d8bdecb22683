"""A plan with the seed's thresholds for the `world` personas, and data helpers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.dissemination import services
from trienkhai.dissemination.models import Headcount, StudySession
from trienkhai.dissemination.services import SessionData
from trienkhai.dissemination.tests.factories import HeadcountFactory, StudySessionFactory
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan
from trienkhai.plans.tests.factories import (
    CoverageThresholdFactory,
    PlanDeadlineFactory,
    PlanFactory,
)

DEMO_PASSWORD = "Demo-trinh-duyet-2026"
PARTY, KEY, UNION = "party_members", "key_cadres", "union_members"
DEADLINE = date(2026, 6, 30)
AS_OF = date(2026, 5, 1)


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, transactional_db: Any) -> str:
    """The demo data, with a known password; returns the password."""
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", verbosity=0)
    return DEMO_PASSWORD


def make_plan(unit: OrgUnit) -> Plan:
    """The seed plan's thresholds (100% of key cadres, over 95% of party members, over 90% of
    union members) and its two deadlines."""
    plan = PlanFactory.create(
        org_unit=unit,
        title="Kế hoạch tuyên truyền, quán triệt Chương trình hành động số 20-CTr/TU",
        seeded=True,
    )
    for group, comparator, value, audience in (
        (KEY, "=", 100, "cán bộ chủ chốt"),
        (PARTY, ">", 95, "đảng viên"),
        (UNION, ">", 90, "đoàn viên, hội viên"),
    ):
        CoverageThresholdFactory.create(
            plan=plan, group=group, comparator=comparator, value=Decimal(value), audience=audience
        )
    PlanDeadlineFactory.create(plan=plan)
    PlanDeadlineFactory.create(
        plan=plan,
        text="Tổ chức quán triệt, tuyên truyền và triển khai thực hiện Kế hoạch hoàn thành "
        "trong quý II năm 2026.",
        due=DEADLINE,
    )
    return plan


@pytest.fixture
def plan(world: World) -> Plan:
    return make_plan(world.commune)


@pytest.fixture
def mass_org(world: World) -> OrgUnit:
    unit = OrgUnitFactory.create
    front = unit(
        parent=world.commune, code="tk-mttq", kind=OrgUnit.Kind.FRONT, name="Ủy ban MTTQ xã Tân Kỳ"
    )
    return unit(
        parent=front, code="tk-doan", kind=OrgUnit.Kind.MASS_ORG, name="Đoàn Thanh niên xã Tân Kỳ"
    )


def headcount(unit: OrgUnit, count: int, group: str = PARTY, as_of: date = AS_OF) -> Headcount:
    return HeadcountFactory.create(org_unit=unit, group=group, as_of=as_of, count=count)


def record(
    actor: User,
    plan: Plan,
    unit: OrgUnit,
    count: int,
    *,
    day: date = date(2026, 6, 1),
    kind: str = StudySession.Kind.MAIN,
    group: str = PARTY,
) -> StudySession:
    """A session through the service, so test data obeys the same rules as the form."""
    data = SessionData(
        date=day,
        kind=kind,
        form=StudySession.Form.CELL_MEETING,
        attendees={group: count},
    )
    return services.session_create(actor=actor, plan=plan, unit=unit, data=data)


def raw_session(
    plan: Plan, unit: OrgUnit, count: int, *, day: date, kind: str, group: str = PARTY
) -> StudySession:
    """A session written directly (bulk data for query counts, corner cases)."""
    return StudySessionFactory.create(
        plan=plan, org_unit=unit, date=day, kind=kind, attended=count, group=group
    )


def bulk_cells(parent: OrgUnit, n: int, prefix: str) -> list[OrgUnit]:
    """`n` chi bộ under `parent`, inserted at once with their tree paths."""
    parent.refresh_from_db()
    start = parent.numchild
    cells = [
        OrgUnit(
            path=OrgUnit._get_path(parent.path, parent.depth + 1, start + i + 1),
            depth=parent.depth + 1,
            numchild=0,
            code=f"{prefix}-{i:04d}",
            name=f"Chi bộ {prefix} {i + 1}",
            kind=OrgUnit.Kind.PARTY_CELL,
        )
        for i in range(n)
    ]
    OrgUnit.objects.bulk_create(cells)
    OrgUnit.objects.filter(pk=parent.pk).update(numchild=start + n)
    return list(OrgUnit.objects.filter(code__startswith=f"{prefix}-").order_by("path"))
