"""Targets of the personas' world: the city's programme, the commune's plan, a cell's plan."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.conftest import World
from trienkhai.plans.models import Plan, Programme, Target
from trienkhai.plans.tests.factories import PlanFactory, ProgrammeFactory, TargetFactory


@dataclass
class Targets:
    programme: Programme
    plan: Plan
    cell_plan: Plan
    grdp: Target  # city reference, growth 13%/năm
    housing: Target  # city reference, cumulative flow 32.900 căn
    emissions: Target  # city reference, base year 2020
    own: Target  # the commune's own target
    qualitative: Target  # the commune's, with no figure
    cell_target: Target  # chi bộ B's own target
    city_office: User


@pytest.fixture
def targets(world: World) -> Targets:
    programme = ProgrammeFactory.create(org_unit=world.city)
    plan = PlanFactory.create(
        org_unit=world.commune, programme=programme, title="Kế hoạch thực hiện"
    )
    cell_plan = PlanFactory.create(
        org_unit=world.cell_b, title="Kế hoạch của chi bộ B", number=None
    )
    target = TargetFactory.create
    return Targets(
        programme=programme,
        plan=plan,
        cell_plan=cell_plan,
        grdp=target(
            programme=programme,
            ref="1.1",
            label="Tăng trưởng GRDP",
            kind=Target.Kind.GROWTH_AVG,
            value=Decimal(13),
            stretch=Decimal(14),
            measure_unit="%/năm",
            target_year=2030,
            order=1,
        ),
        housing=target(
            programme=programme,
            ref="27",
            label="Hoàn thành căn nhà ở xã hội",
            kind=Target.Kind.CUMULATIVE,
            comparator="~",
            value=Decimal(32900),
            measure_unit="căn",
            measure=Target.Measure.FLOW,
            target_year=2030,
            order=27,
        ),
        emissions=target(
            programme=programme,
            ref="20",
            label="Tỷ lệ giảm lượng phát thải khí nhà kính",
            kind=Target.Kind.REDUCTION,
            value=Decimal("43.5"),
            measure_unit="%",
            base_year=2020,
            order=20,
        ),
        own=target(
            plan=plan,
            org_unit=world.commune,
            ref="I.1-a",
            label="Tăng trưởng kinh tế địa phương",
            kind=Target.Kind.GROWTH_AVG,
            value=Decimal(10),
            measure_unit="%/năm",
            target_year=2030,
            order=100,
        ),
        qualitative=target(
            plan=plan,
            org_unit=world.commune,
            ref="II.2.3-a",
            label="Chuyển đổi số",
            kind=Target.Kind.QUALITATIVE,
            comparator="",
            order=101,
        ),
        cell_target=target(
            plan=cell_plan,
            org_unit=world.cell_b,
            ref="1",
            label="Đảng viên sinh hoạt đầy đủ",
            kind=Target.Kind.RATE,
            value=Decimal(95),
            measure_unit="%",
            order=1,
        ),
        city_office=UserFactory.create(username="vp_thanh_uy", unit=world.city, role=Role.OFFICE),
    )
