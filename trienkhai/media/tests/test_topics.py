"""Topic coverage: the plan's targets (by numbered item) and solution groups without an item
in the last N weeks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.media.compliance import topic_coverage
from trienkhai.media.tests.conftest import Media, item
from trienkhai.media.tests.factories import ChannelFactory
from trienkhai.plans.tests.factories import ProgrammeFactory, SolutionFactory, TargetFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)  # Wednesday of 2026-W48; 8 weeks back starts Monday 5/10/2026


@pytest.fixture
def topics(world: World, media: Media) -> dict[str, Any]:
    programme = ProgrammeFactory.create(org_unit=world.city)
    media.plan.programme = programme
    media.plan.save()
    target = TargetFactory.create
    found: dict[str, Any] = {
        "own": target(
            plan=media.plan, ref="III.3-a", label="Cán bộ, công chức thành thạo nền tảng số"
        ),
        "12": target(programme=programme, ref="12", label="Thương mại điện tử"),
        "22": target(programme=programme, ref="22", label="Nông thôn mới nâng cao"),
        **{
            f"21.{n}": target(programme=programme, ref=f"21.{n}", label=label)
            for n, label in enumerate(("DTI", "PCI", "PAR Index", "PGI"), start=1)
        },
    }
    found["lead"] = SolutionFactory.create(plan=media.plan, ref="II.2.1", title="Lãnh đạo")
    found["renew"] = SolutionFactory.create(plan=media.plan, ref="II.2.2", title="Đổi mới")
    return found


def test_topic_coverage_lists_exactly_the_targets_without_items_in_the_window(
    world: World, media: Media, topics: dict[str, Any]
) -> None:
    # 21.3 only: the whole numbered item 21 is covered.
    item(world.cell_a, media.radio, date(2026, 11, 2)).targets.add(topics["21.3"])
    # 12 was covered 9 weeks ago: outside the 8-week window.
    item(world.commune, media.radio, date(2026, 10, 4)).targets.add(topics["12"])
    # The plan's own target, by the commune, on the first day of the window.
    item(world.commune, media.website, date(2026, 10, 5)).targets.add(topics["own"])
    item(world.commune, media.radio, date(2026, 11, 20)).solutions.add(topics["lead"])
    # Another commune's item about 22 is not this commune's output.
    other = ChannelFactory.create(org_unit=world.other_commune, name="Đài xã Lạc Môn")
    item(world.other_commune, other, date(2026, 11, 10)).targets.add(topics["22"])

    since, rows = topic_coverage(plan=media.plan, root=world.commune, weeks=8, today=TODAY)
    assert since == date(2026, 10, 5)
    uncovered = {(t.kind, t.ref) for t in rows if not t.covered}
    assert uncovered == {("target", "12"), ("target", "22"), ("solution", "II.2.2")}
    covered = {(t.kind, t.ref): t for t in rows if t.covered}
    assert set(covered) == {("target", "21"), ("target", "III.3-a"), ("solution", "II.2.1")}
    assert covered[("target", "21")].label == "DTI, PCI, PAR Index, PGI"
    assert covered[("target", "21")].last == date(2026, 11, 2)
    twelve = next(t for t in rows if t.ref == "12")
    assert twelve.last == date(2026, 10, 4)
    assert twelve.heading == "chỉ tiêu (12) Thương mại điện tử"

    # A chi bộ sees only its own output: its own item covers 21, nothing else.
    _since, rows = topic_coverage(plan=media.plan, root=world.cell_a, weeks=8, today=TODAY)
    assert {t.ref for t in rows if t.covered} == {"21"}


def test_topics_page(client: Any, world: World, media: Media, topics: dict[str, Any]) -> None:
    item(world.commune, media.radio, timezone.localdate()).targets.add(topics["21.1"])
    client.force_login(world.office)
    response = client.get("/tuyen-truyen/chu-de/", {"tuan": 8})
    html = response.content.decode()
    assert response.status_code == 200
    assert "chỉ tiêu (12) Thương mại điện tử" in html and "trong 8 tuần" in html
    client.force_login(world.outsider)
    assert client.get("/tuyen-truyen/chu-de/", {"don_vi": "tk"}).status_code == 404
