"""The targets page with statuses keeps the same number of queries for 50 and 500 targets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.plans.models import Programme, Target
from trienkhai.plans.tests.factories import ProgrammeFactory, TargetFactory

pytestmark = pytest.mark.django_db

KINDS = [
    # kind, comparator, value, measure
    (Target.Kind.LEVEL, "=", Decimal(200), Target.Measure.STOCK),
    (Target.Kind.GROWTH_AVG, ">=", Decimal(10), Target.Measure.STOCK),
    (Target.Kind.CUMULATIVE, "~", Decimal(5000), Target.Measure.FLOW),
    (Target.Kind.RANK, "rank<=", Decimal(5), Target.Measure.STOCK),
    (Target.Kind.SHARE, ">", Decimal(60), Target.Measure.STOCK),
]


def _programme(world: World, n: int) -> Programme:
    programme = ProgrammeFactory.create(org_unit=world.city, number=f"{n}-CTr/TU")
    targets = Target.objects.bulk_create(
        TargetFactory.build(
            programme=programme,
            ref=f"{i // 2 + 1}.{i % 2 + 1}",
            label=f"Chỉ tiêu {i}",
            text=f"Chỉ tiêu {i}",
            kind=kind,
            comparator=comparator,
            value=value,
            measure=measure,
            measure_unit="%",
            order=i,
        )
        for i, (kind, comparator, value, measure) in ((i, KINDS[i % len(KINDS)]) for i in range(n))
    )
    now = timezone.now()
    rows = []
    for i, target in enumerate(targets):
        for code, value in (("2025", 100 + i % 7), ("2026", 105 + i % 11)):
            rows.append(
                ObservationFactory.build(
                    target=target, period=code, value=Decimal(value), entered_at=now
                )
            )
    Observation.objects.bulk_create(rows)
    return programme


def _queries(client: Client, world: World) -> tuple[int, str]:
    url = reverse("progress:unit", args=[world.city.code])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"nam": "2026"})
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_same_query_count_for_50_and_500_targets(client: Client, world: World) -> None:
    client.force_login(world.city_leader)
    programme = _programme(world, 50)
    small, html = _queries(client, world)
    assert html.count('class="progress-row"') == 50
    Target.objects.filter(programme=programme).delete()
    _programme(world, 500)
    large, html = _queries(client, world)
    assert html.count('class="progress-row"') == 500
    assert small == large
    assert large <= 12


def test_export_query_count_does_not_grow(client: Client, world: World) -> None:
    client.force_login(world.city_leader)
    url = reverse("progress:export", args=[world.city.code])
    programme = _programme(world, 20)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, {"nam": "2026"}).status_code == 200
    Target.objects.filter(programme=programme).delete()
    _programme(world, 200)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url, {"nam": "2026"}).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)
