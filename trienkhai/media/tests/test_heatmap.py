"""The heat map (weeks × units) and the overview keep their query count as data grows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.media.compliance import heat_map
from trienkhai.media.models import ChannelKind, MediaItem, MediaTally
from trienkhai.media.tests.conftest import Media
from trienkhai.media.tests.factories import ChannelFactory, MediaItemFactory, MediaTallyFactory
from trienkhai.media.weeks import week_of
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

TODAY = date(2027, 5, 19)


def fill(world: World, media: Media, units: int, weeks: int) -> list[OrgUnit]:
    """`units` chi bộ under the commune, each with an item and a tally in each of `weeks`."""
    existing = OrgUnit.objects.filter(
        path__startswith=world.commune.path, depth=world.commune.depth + 1
    ).count()
    cells = [
        OrgUnitFactory.create(
            parent=world.commune, code=f"cb-{existing + n:03d}", name=f"Chi bộ {n}"
        )
        for n in range(units)
    ]
    zalo = [
        ChannelFactory.create(org_unit=c, kind=ChannelKind.ZALO, name=f"Zalo {c.code}")
        for c in cells
    ]
    items, tallies = [], []
    last_monday = TODAY - timedelta(days=TODAY.weekday())
    for week in range(weeks):
        day = last_monday - timedelta(weeks=week) + timedelta(days=1)
        for cell, channel in zip(cells, zalo, strict=True):
            item = MediaItemFactory.build(org_unit=cell, channel=media.radio, date=day, title="Tin")
            item.set_week(*week_of(day))
            items.append(item)
            tallies.append(
                MediaTallyFactory.build(org_unit=cell, channel=channel, day=day, count=week % 3)
            )
    MediaItem.objects.bulk_create(items)
    MediaTally.objects.bulk_create(tallies)
    return cells


def count_queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_heat_map_query_count_30_units_52_weeks_equals_3_units_4_weeks(
    world: World, media: Media
) -> None:
    fill(world, media, units=3, weeks=4)
    small = count_queries(
        lambda: heat_map(plan=media.plan, root=world.commune, weeks=4, today=TODAY)
    )
    fill(world, media, units=27, weeks=52)
    result: list[Any] = []
    large = count_queries(
        lambda: result.append(heat_map(plan=media.plan, root=world.commune, weeks=52, today=TODAY))
    )
    assert small == large <= 6
    heat = result[0]
    assert len(heat.weeks) == 52
    # The commune, its UBND, chi bộ A and B, and the 30 chi bộ made here.
    assert len(heat.rows) == 34
    root = heat.rows[0]
    # This week: one item per chi bộ and tallies of 0; last week: one item and a tally of 1.
    assert root.is_root and root.cells[-1].count == 30 and root.cells[-2].count == 60


def test_heat_map_sums_items_and_tallies_per_unit_and_colours_the_rule(
    world: World, media: Media
) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    MediaItemFactory.create(
        org_unit=world.cell_a, channel=media.radio, date=monday - timedelta(days=6), title="Tin"
    )
    MediaTallyFactory.create(
        org_unit=world.cell_a, channel=media.zalo_a, day=monday - timedelta(days=6), count=2
    )
    MediaItemFactory.create(
        org_unit=world.commune, channel=media.press, date=monday - timedelta(days=5), title="Báo"
    )
    heat = heat_map(plan=media.plan, root=world.commune, weeks=2, today=TODAY)
    rows = {r.unit.code: r for r in heat.rows}
    assert [c.count for c in rows["tk-cb-a"].cells] == [3, 0]
    assert [c.count for c in rows["tk"].cells] == [3, 0]  # the press item is not counted
    assert rows["tk"].cells[0].css == "heat-met"
    assert rows["tk"].cells[1].css == "heat-current"
    # The rule binds the commune: its chi bộ are shown without the rule's colours.
    assert rows["tk-cb-a"].cells[0].css == "heat-some"
    assert rows["tk-cb-b"].cells[0].css == "heat-zero"


def test_overview_page_keeps_its_query_count(client: Any, world: World, media: Media) -> None:
    fill(world, media, units=3, weeks=4)
    client.force_login(world.office)
    client.get("/tuyen-truyen/", {"tuan": 4})  # warm the session and content types
    small = count_queries(lambda: client.get("/tuyen-truyen/", {"tuan": 4}))
    fill(world, media, units=27, weeks=52)
    large = count_queries(lambda: client.get("/tuyen-truyen/", {"tuan": 52}))
    assert small == large <= 30
