"""A whole city for scale work: many communes, each with its cells, plan and data.

`make_city_demo --committees 114 --cells 40 --years 5` gives the size of Hải Phòng
(≈ 4.600 units). Rows are written with `bulk_create`, audit off: this is load data,
not anyone's work. Idempotent: communes that exist are left as they are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from trienkhai.dissemination.models import Headcount, SessionAttendance, StudySession
from trienkhai.media.models import Channel, MediaTally
from trienkhai.monitoring.models import Observation
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import CoverageThreshold, MediaRule, Plan, Target
from trienkhai.tasks.models import Task, TaskOccurrence, task_search_text

CITY_CODE = "hai-phong"


@dataclass
class CityDemoResult:
    communes: int = 0
    cells: int = 0
    headcounts: int = 0
    sessions: int = 0
    tallies: int = 0
    tasks: int = 0
    targets: int = 0


def _commune_plan(commune: OrgUnit, template: Plan | None) -> Plan:
    plan = Plan.objects.create(
        org_unit=commune,
        programme=getattr(template, "programme", None),
        title=getattr(template, "title", "Kế hoạch triển khai thực hiện Chương trình hành động"),
        symbol="KH/ĐU",
        number=10,
        date=date(2026, 5, 15),
        issuer=commune.name.replace("Đảng bộ", "Đảng ủy").upper(),
        source_name="make_city_demo",
    )
    CoverageThreshold.objects.bulk_create(
        CoverageThreshold(
            plan=plan, audience=audience, group=group, comparator=comparator, value=Decimal(value)
        )
        for audience, group, comparator, value in (
            ("cán bộ chủ chốt", "key_cadres", "=", 100),
            ("đảng viên", "party_members", ">", 95),
        )
    )
    MediaRule.objects.create(
        plan=plan, min_items=2, per="week", channels=["radio", "website", "social", "zalo"]
    )
    return plan


@transaction.atomic
def make_city(*, committees: int, cells: int, years: int, seed: int = 2026) -> CityDemoResult:
    rng = random.Random(seed)
    city = OrgUnit.objects.get(code=CITY_CODE)
    template = Plan.objects.filter(org_unit__code="tan-ky").first()
    result = CityDemoResult()
    first_week = date(2026, 5, 18)
    weeks = [first_week + timedelta(weeks=w) for w in range(52 * years)]
    for number in range(1, committees + 1):
        code = f"hp-xa-{number:03d}"
        if OrgUnit.objects.filter(code=code).exists():
            continue
        commune = OrgUnit.objects.add_child(
            city,
            create_kwargs={
                "code": code,
                "kind": OrgUnit.Kind.COMMUNE_COMMITTEE,
                "name": f"Đảng bộ xã Mẫu {number:03d}",
            },
        )
        result.communes += 1
        cell_units = [
            OrgUnit.objects.add_child(
                commune,
                create_kwargs={
                    "code": f"{code}-cb{c:03d}",
                    "kind": OrgUnit.Kind.PARTY_CELL,
                    "name": f"Chi bộ {c:03d} xã Mẫu {number:03d}",
                },
            )
            for c in range(1, cells + 1)
        ]
        result.cells += len(cell_units)
        plan = _commune_plan(commune, template)
        headcounts = [
            Headcount(
                org_unit=unit,
                group="party_members",
                as_of=date(2026, 1, 1),
                count=rng.randint(15, 90),
            )
            for unit in cell_units
        ]
        headcounts.append(
            Headcount(org_unit=commune, group="key_cadres", as_of=date(2026, 1, 1), count=60)
        )
        Headcount.objects.bulk_create(headcounts)
        result.headcounts += len(headcounts)
        sessions = StudySession.objects.bulk_create(
            [
                StudySession(
                    plan=plan,
                    org_unit=unit,
                    date=date(2026, 6, rng.randint(1, 25)),
                    kind=StudySession.Kind.MAIN,
                    form=StudySession.Form.CELL_MEETING,
                )
                for unit in cell_units
            ]
        )
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(
                    session=session,
                    plan=plan,
                    org_unit=session.org_unit,
                    kind=StudySession.Kind.MAIN,
                    group="party_members",
                    count=round(head.count * rng.uniform(0.85, 1.0)),
                )
                for session, head in zip(sessions, headcounts, strict=False)
            ]
        )
        result.sessions += len(sessions)
        channel = Channel.objects.create(
            org_unit=commune, kind="radio", name=f"Đài truyền thanh xã Mẫu {number:03d}"
        )
        tallies = []
        for monday in weeks:
            iso = monday.isocalendar()
            tallies.append(
                MediaTally(
                    org_unit=commune,
                    channel=channel,
                    iso_year=iso[0],
                    iso_week=iso[1],
                    week_start=monday,
                    count=rng.choice((0, 1, 2, 2, 3, 4)),
                )
            )
        MediaTally.objects.bulk_create(tallies, batch_size=500)
        result.tallies += len(tallies)
        result.tasks += _tasks(plan, cell_units, rng)
        result.targets += _target(plan, commune, rng)
    return result


def _tasks(plan: Plan, cells: list[OrgUnit], rng: random.Random) -> int:
    """One task a chi bộ, due at the end of Q3 2026; about two in three done."""
    given, due = date(2026, 6, 1), date(2026, 9, 30)
    text = "Xây dựng kế hoạch của chi bộ thực hiện Kế hoạch của Đảng ủy."
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            section="IV.1",
            text=text,
            search_text=task_search_text("IV.1", text),
            assignee=cell,
            due=due,
            assigned_on=given,
        )
        for cell in cells
    )
    TaskOccurrence.objects.bulk_create(
        TaskOccurrence(
            task=task,
            starts_on=given,
            due=due,
            completed_on=(
                given + timedelta(days=rng.randint(5, 150)) if rng.random() < 0.67 else None
            ),
        )
        for task in tasks
    )
    return len(tasks)


def _target(plan: Plan, commune: OrgUnit, rng: random.Random) -> int:
    """The commune's own target of households with clean water, and its 2025 figure."""
    target = Target.objects.create(
        plan=plan,
        org_unit=commune,
        ref="1",
        label="Tỷ lệ hộ dân sử dụng nước sạch",
        text="Tỷ lệ hộ dân sử dụng nước sạch đạt 100% vào năm 2030.",
        kind=Target.Kind.SHARE,
        comparator=Target.Comparator.EQ,
        value=Decimal(100),
        measure_unit="%",
        target_year=2030,
        base_year=2025,
    )
    Observation.objects.create(
        target=target,
        org_unit=commune,
        period="2025",
        period_kind="year",
        year=2025,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal(rng.randint(80, 100)),
        measure=target.measure,
        status=Observation.Status.OFFICIAL,
        source="make_city_demo",
        entered_at=datetime(2026, 1, 20, tzinfo=UTC),
    )
    return 1
