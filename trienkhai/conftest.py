"""Personas shared by every app's tests: a small city → commune → chi bộ tree.

office (Văn phòng, on the commune), leader (on the commune), reporter_a / reporter_b
(on chi bộ A / B), viewer (on the commune), mixed (reporter of A + viewer of the
commune), city_leader (on the city) and outsider (office of another commune).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

__all__ = ["PASSWORD", "World"]


@dataclass
class World:
    city: OrgUnit
    commune: OrgUnit
    ubnd: OrgUnit
    cell_a: OrgUnit
    cell_b: OrgUnit
    other_commune: OrgUnit
    other_cell: OrgUnit
    office: User
    leader: User
    reporter_a: User
    reporter_b: User
    viewer: User
    mixed: User
    city_leader: User
    outsider: User


@pytest.fixture
def world(db: Any) -> World:
    unit = OrgUnitFactory.create
    city = unit(code="hp", kind=OrgUnit.Kind.CITY_COMMITTEE, name="Đảng bộ thành phố Hải Phòng")
    commune = unit(
        parent=city, code="tk", kind=OrgUnit.Kind.COMMUNE_COMMITTEE, name="Đảng bộ xã Tân Kỳ"
    )
    ubnd = unit(
        parent=commune, code="tk-ubnd", kind=OrgUnit.Kind.PEOPLES_COMMITTEE, name="UBND xã Tân Kỳ"
    )
    cell_a = unit(parent=commune, code="tk-cb-a", name="Chi bộ thôn A")
    cell_b = unit(parent=commune, code="tk-cb-b", name="Chi bộ thôn B")
    other = unit(
        parent=city, code="lm", kind=OrgUnit.Kind.COMMUNE_COMMITTEE, name="Đảng bộ xã Lạc Môn"
    )
    other_cell = unit(parent=other, code="lm-cb-1", name="Chi bộ thôn 1 Lạc Môn")
    user = UserFactory.create
    mixed = user(username="hon_hop", unit=cell_a, role=Role.REPORTER)
    MembershipFactory.create(user=mixed, org_unit=commune, role=Role.VIEWER)
    return World(
        city=city,
        commune=commune,
        ubnd=ubnd,
        cell_a=cell_a,
        cell_b=cell_b,
        other_commune=other,
        other_cell=other_cell,
        office=user(username="van_phong", unit=commune, role=Role.OFFICE),
        leader=user(username="lanh_dao", unit=commune, role=Role.LEADER),
        reporter_a=user(username="bao_cao_a", unit=cell_a, role=Role.REPORTER),
        reporter_b=user(username="bao_cao_b", unit=cell_b, role=Role.REPORTER),
        viewer=user(username="chi_xem", unit=commune, role=Role.VIEWER),
        mixed=mixed,
        city_leader=user(username="thanh_uy", unit=city, role=Role.LEADER),
        outsider=user(username="ngoai", unit=other, role=Role.OFFICE),
    )
