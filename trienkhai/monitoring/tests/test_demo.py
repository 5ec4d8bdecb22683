"""The demo loader: figures as written, provisional ones marked, idempotent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trienkhai.conftest import World
from trienkhai.core.demo import DemoContext
from trienkhai.monitoring import demo
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.conftest import Targets

pytestmark = pytest.mark.django_db


def test_demo_loads_the_programme_figures_once(world: World, targets: Targets) -> None:
    ctx = DemoContext(password="x", reset_passwords=False)
    ctx.units = {"hai-phong": world.city, "tan-ky": world.commune}
    ctx.users = {"admin": targets.city_office}
    demo.load(ctx)
    stored = {
        (o.target.ref, o.period): (o.value, o.status)
        for o in Observation.objects.select_related("target")
    }
    assert stored == {
        ("1.1", "2025"): (Decimal("10.2"), "official"),
        ("1.1", "2026"): (Decimal("12.1"), "provisional"),
        ("20", "2020"): (Decimal(0), "official"),
        ("20", "2025"): (Decimal("21.5"), "official"),
        ("20", "2026"): (Decimal(26), "provisional"),
        ("27", "2025"): (Decimal(3200), "official"),
        ("27", "2026-H1"): (Decimal(2500), "official"),
        ("27", "2026"): (Decimal(6100), "provisional"),
    }
    assert {o.measure for o in Observation.objects.filter(target=targets.housing)} == {"flow"}
    demo.load(ctx)
    assert Observation.objects.count() == len(stored)


def test_every_demo_figure_is_a_valid_number_and_period() -> None:
    from trienkhai.core.numbers import parse_number
    from trienkhai.monitoring.services import check_period

    for rows in (*demo.CITY.values(), *demo.COMMUNE.values()):
        for period, text, mark in rows:
            check_period(period)
            parse_number(text)
            assert mark in ("", demo.P)
