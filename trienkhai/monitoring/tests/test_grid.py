"""The yearly grid of a unit's targets: saving, and a query count that does not grow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.monitoring import services
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db


def add_targets(world: World, plan: Plan, n: int) -> list[Target]:
    rows = [
        TargetFactory.build(
            plan=plan,
            org_unit=world.commune,
            ref=f"G.{i}",
            label=f"Chỉ tiêu lưới {i}",
            text="x",
            kind="share",
            value=Decimal(90),
            measure_unit="%",
            order=200 + i,
        )
        for i in range(n)
    ]
    created = Target.objects.bulk_create(rows)
    services.observations_save_many(
        actor=world.office,
        unit=world.commune,
        items=[
            services.ValueInput(t, year, Decimal(80 + i % 7), status)
            for i, t in enumerate(created)
            for year, status in (("2025", "official"), ("2026", "provisional"))
        ],
    )
    return created


def grid_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("monitoring:grid", args=["tk", 2026]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_grid_query_count_is_the_same_for_10_and_100_targets(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(world.office)
    add_targets(world, targets.plan, 10)
    small = grid_queries(client)
    add_targets(world, targets.plan, 90)
    assert Target.objects.filter(org_unit=world.commune).count() > 100
    assert grid_queries(client) == small


def test_grid_shows_the_units_targets_and_saves_them(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(world.office)
    url = reverse("monitoring:grid", args=["tk", 2026])
    html = client.get(url).content.decode()
    assert targets.own.label in html
    assert targets.qualitative.label not in html  # no figure to enter
    assert targets.grdp.label not in html  # the city's, entered by the city
    response = client.post(
        url,
        {
            f"v{targets.own.pk}": "9,5",
            f"p{targets.own.pk}": "on",
            f"s{targets.own.pk}": "UBND xã ước tính",
        },
    )
    assert response.status_code == 302
    obs = Observation.objects.get()
    assert (obs.period, obs.value, obs.status, obs.source) == (
        "2026",
        Decimal("9.5"),
        "provisional",
        "UBND xã ước tính",
    )
    # The official figure arrives later; the provisional one is kept, the official one shown.
    client.post(url, {f"v{targets.own.pk}": "9,8", f"s{targets.own.pk}": "Thống kê"})
    assert Observation.objects.count() == 2
    html = client.get(url).content.decode()
    assert 'value="9,8"' in html
    assert "đã có số chính thức thay số tạm tính" in html


def test_grid_errors_name_the_row_and_save_nothing(
    client: Any, world: World, targets: Targets
) -> None:
    [other] = add_targets(world, targets.plan, 1)
    Observation.objects.all().delete()
    client.force_login(world.office)
    response = client.post(
        reverse("monitoring:grid", args=["tk", 2026]),
        {f"v{targets.own.pk}": "9,5", f"v{other.pk}": "12.34"},
    )
    assert response.status_code == 200
    assert "không đúng định dạng" in response.content.decode()
    assert not Observation.objects.exists()


def test_the_city_grid_lists_the_programmes_targets(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(targets.city_office)
    html = client.get(reverse("monitoring:grid", args=["hp", 2026])).content.decode()
    for target in (targets.grdp, targets.housing, targets.emissions):
        assert target.label in html
    assert "Chương trình 20-CTr/TU" in html
