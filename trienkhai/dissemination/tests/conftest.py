"""A plan with the seed's thresholds for the `world` personas, and data helpers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.accounts.models import User
from trienkhai.conftest import World, make_unit
from trienkhai.dissemination import services
from trienkhai.dissemination.models import Headcount, SessionAttendance, StudySession
from trienkhai.dissemination.services import SessionData
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import CoverageThreshold, Plan, PlanDeadline

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
    plan = Plan.objects.create(
        org_unit=unit,
        title="Kế hoạch tuyên truyền, quán triệt Chương trình hành động số 20-CTr/TU",
        number=15,
        date=date(2026, 5, 12),
        start_year=2026,
        end_year=2030,
    )
    for group, comparator, value, audience in (
        (KEY, "=", 100, "cán bộ chủ chốt"),
        (PARTY, ">", 95, "đảng viên"),
        (UNION, ">", 90, "đoàn viên, hội viên"),
    ):
        CoverageThreshold.objects.create(
            plan=plan, group=group, comparator=comparator, value=Decimal(value), audience=audience
        )
    PlanDeadline.objects.create(
        plan=plan,
        text="Các chi bộ xây dựng kế hoạch thực hiện, hoàn thành trước ngày 10/6/2026.",
        due=date(2026, 6, 10),
    )
    PlanDeadline.objects.create(
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
    front = make_unit(world.commune, "tk-mttq", OrgUnit.Kind.FRONT, "Ủy ban MTTQ xã Tân Kỳ")
    return make_unit(front, "tk-doan", OrgUnit.Kind.MASS_ORG, "Đoàn Thanh niên xã Tân Kỳ")


def headcount(unit: OrgUnit, count: int, group: str = PARTY, as_of: date = AS_OF) -> Headcount:
    return Headcount.objects.create(org_unit=unit, group=group, as_of=as_of, count=count)


def record(
    actor: User,
    plan: Plan,
    unit: OrgUnit,
    count: int,
    *,
    day: date = date(2026, 6, 1),
    kind: str = StudySession.Kind.MAIN,
    group: str = PARTY,
    confirm: bool = False,
    note: str = "",
) -> StudySession:
    """A session through the service, so test data obeys the same rules as the form."""
    data = SessionData(
        date=day,
        kind=kind,
        form=StudySession.Form.CELL_MEETING,
        attendees={group: count},
        confirm_over=confirm,
        over_note=note,
    )
    return services.session_create(actor=actor, plan=plan, unit=unit, data=data)


def raw_session(
    plan: Plan, unit: OrgUnit, count: int, *, day: date, kind: str, group: str = PARTY
) -> StudySession:
    """A session written directly (bulk data for query counts, corner cases)."""
    session = StudySession.objects.create(
        plan=plan, org_unit=unit, date=day, kind=kind, form=StudySession.Form.CONFERENCE
    )
    SessionAttendance.objects.create(
        session=session, plan=plan, org_unit=unit, kind=kind, group=group, count=count
    )
    return session


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
