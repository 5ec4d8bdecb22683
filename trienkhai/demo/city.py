"""A whole city for scale work: many communes, each with its cells, plan and data.

`make_city_demo --committees 114 --cells 40 --years 5` gives the size of Hải Phòng
(≈ 4.600 units). Rows are written with `bulk_create`, audit off: this is load data,
not anyone's work. Idempotent: communes that exist are left as they are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from trienkhai.dissemination.models import Headcount, SessionAttendance, StudySession
from trienkhai.media.models import Channel, MediaTally
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import CoverageThreshold, MediaRule, Plan

CITY_CODE = "hai-phong"


@dataclass
class CityDemoResult:
    communes: int = 0
    cells: int = 0
    headcounts: int = 0
    sessions: int = 0
    tallies: int = 0


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
    return result
