"""An inspection committee under the personas' commune, its member, and a started inspection
of cells A and B."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.tests.factories import MembershipFactory, UserFactory
from trienkhai.conftest import World
from trienkhai.inspections import services
from trienkhai.inspections.models import Inspection
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory


@dataclass
class Body:
    unit: OrgUnit
    member: User  # office of the UBKT, viewer of the commune


@pytest.fixture
def body(world: World) -> Body:
    unit = OrgUnitFactory.create(
        parent=world.commune,
        code="tk-ubkt",
        kind=OrgUnit.Kind.INSPECTION_COMMITTEE,
        name="Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ",
        short_name="Ủy ban Kiểm tra",
    )
    member = UserFactory.create(username="ubkt", unit=unit, role=Role.OFFICE)
    MembershipFactory.create(user=member, org_unit=world.commune, role=Role.VIEWER)
    return Body(unit, member)


def header(world: World, **changes: Any) -> services.Header:
    values: dict[str, Any] = {
        "kind": Inspection.Kind.INSPECTION,
        "title": "việc triển khai thực hiện Kế hoạch tại các chi bộ",
        "units": [world.cell_a, world.cell_b],
        "start": date(2026, 11, 23),
        "end": date(2026, 12, 18),
        "team": "Đồng chí Trần Văn Khiêm — Trưởng đoàn",
    }
    values.update(changes)
    return services.Header(**values)


@pytest.fixture
def started(world: World, body: Body) -> Inspection:
    """An inspection of cells A and B whose decision is issued (the team at work)."""
    inspection = services.inspection_create(
        actor=world.office, body=body.unit, header=header(world)
    )
    return services.inspection_decide(
        actor=world.office,
        inspection=inspection,
        version=inspection.version,
        day=date(2026, 11, 16),
    )
