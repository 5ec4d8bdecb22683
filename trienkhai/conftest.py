"""Personas shared by every app's tests: a small city → commune → chi bộ tree.

office (Văn phòng, on the commune), leader (on the commune), reporter_a / reporter_b
(on chi bộ A / B), viewer (on the commune), mixed (reporter of A + viewer of the
commune), city_leader (on the city) and outsider (office of another commune).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.orgs.models import OrgUnit

PASSWORD = "Mat-khau-thu-2026"  # noqa: S105 - test personas only


def make_unit(parent: OrgUnit | None, code: str, kind: str, name: str) -> OrgUnit:
    kwargs = {"code": code, "kind": kind, "name": name}
    if parent is None:
        return OrgUnit.objects.add_root(create_kwargs=kwargs)
    return OrgUnit.objects.add_child(parent, create_kwargs=kwargs)


def make_user(username: str, unit: OrgUnit | None = None, role: str = Role.REPORTER) -> User:
    user = User.objects.create_user(username, password=PASSWORD, full_name=username.title())
    if unit is not None:
        Membership.objects.create(user=user, org_unit=unit, role=role)
    return user


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
    city = make_unit(None, "hp", OrgUnit.Kind.CITY_COMMITTEE, "Đảng bộ thành phố Hải Phòng")
    commune = make_unit(city, "tk", OrgUnit.Kind.COMMUNE_COMMITTEE, "Đảng bộ xã Tân Kỳ")
    ubnd = make_unit(commune, "tk-ubnd", OrgUnit.Kind.PEOPLES_COMMITTEE, "UBND xã Tân Kỳ")
    cell_a = make_unit(commune, "tk-cb-a", OrgUnit.Kind.PARTY_CELL, "Chi bộ thôn A")
    cell_b = make_unit(commune, "tk-cb-b", OrgUnit.Kind.PARTY_CELL, "Chi bộ thôn B")
    other = make_unit(city, "lm", OrgUnit.Kind.COMMUNE_COMMITTEE, "Đảng bộ xã Lạc Môn")
    other_cell = make_unit(other, "lm-cb-1", OrgUnit.Kind.PARTY_CELL, "Chi bộ thôn 1 Lạc Môn")
    mixed = make_user("hon_hop", cell_a, Role.REPORTER)
    Membership.objects.create(user=mixed, org_unit=commune, role=Role.VIEWER)
    return World(
        city=city,
        commune=commune,
        ubnd=ubnd,
        cell_a=cell_a,
        cell_b=cell_b,
        other_commune=other,
        other_cell=other_cell,
        office=make_user("van_phong", commune, Role.OFFICE),
        leader=make_user("lanh_dao", commune, Role.LEADER),
        reporter_a=make_user("bao_cao_a", cell_a, Role.REPORTER),
        reporter_b=make_user("bao_cao_b", cell_b, Role.REPORTER),
        viewer=make_user("chi_xem", commune, Role.VIEWER),
        mixed=mixed,
        city_leader=make_user("thanh_uy", city, Role.LEADER),
        outsider=make_user("ngoai", other, Role.OFFICE),
    )
