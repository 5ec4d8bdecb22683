"""Each dashboard costs the same SQL queries for a commune of 3 chi bộ and one of 30
(and the city's for 1 commune and for 10): its tiles read grouped counts, never a row each."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.demo.city import CITY_CODE, make_city
from trienkhai.inspections import slow
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city() -> OrgUnit:
    return OrgUnitFactory.create(
        code=CITY_CODE, kind=OrgUnit.Kind.CITY_COMMITTEE, name="Đảng bộ thành phố Hải Phòng"
    )


def _queries(client: Any, user: User | None, path: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    client.get(path)  # the first request warms what is kept per process (content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def _person(unit_code: str, role: str, name: str) -> User:
    return UserFactory.create(username=name, unit=OrgUnit.objects.get(code=unit_code), role=role)


def test_commune_dashboards_cost_the_same_for_ten_times_the_chi_bo(
    client: Any, city: OrgUnit
) -> None:
    make_city(committees=1, cells=3, years=1)
    make_city(committees=2, cells=30, years=1)
    small, large = "hp-xa-001", "hp-xa-002"
    assert OrgUnit.objects.filter(code__startswith=f"{large}-cb").count() == 10 * 3
    for role, path in (
        (Role.LEADER, "/tong-quan/"),
        (Role.OFFICE, "/viec-hom-nay/"),
        (Role.OFFICE, "/"),
    ):
        few = _queries(client, _person(small, role, f"{role}-{path}-a"), path)
        many = _queries(client, _person(large, role, f"{role}-{path}-b"), path)
        assert few == many, (role, path, few, many)
    # A chi bộ's home, and the public page of each commune.
    few = _queries(client, _person(f"{small}-cb001", Role.REPORTER, "cb-a"), "/")
    many = _queries(client, _person(f"{large}-cb001", Role.REPORTER, "cb-b"), "/")
    assert few == many
    assert _queries(client, None, f"/cong-khai/{small}/") == _queries(
        client, None, f"/cong-khai/{large}/"
    )


def test_the_city_dashboard_costs_the_same_for_ten_times_the_communes(
    client: Any, city: OrgUnit
) -> None:
    leader = UserFactory.create(username="tu-hp", unit=city, role=Role.LEADER)
    make_city(committees=2, cells=2, years=1)
    few = _queries(client, leader, "/tong-quan/")
    slow_few = client.get("/tong-quan/").context["board"].tile("slow").figures[0].count
    make_city(committees=20, cells=2, years=1)
    many = _queries(client, leader, "/tong-quan/")
    assert few == many
    # The slow units of every commune's plan are counted, and there are more of them now.
    slow_many = client.get("/tong-quan/").context["board"].tile("slow").figures[0].count
    assert slow_many == len(slow.slow_units(root=city, today=timezone.localdate()))
    assert slow_many > slow_few
