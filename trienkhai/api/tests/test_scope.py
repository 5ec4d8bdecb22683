"""Read scope: the API shows exactly what the pages show, and a foreign object is a 404."""

from __future__ import annotations

from typing import Any

import pytest

from trienkhai.api.tests.conftest import Data
from trienkhai.conftest import World


def test_reporter_gets_404_on_another_cells_objects(world: World, data: Data, as_user: Any) -> None:
    api = as_user(world.reporter_a)
    assert api.get(f"/api/v1/sessions/{data.session_b.pk}").status_code == 404
    assert api.get(f"/api/v1/tasks/{data.task_b.pk}").status_code == 404
    assert api.get(f"/api/v1/media-items/{data.item_b.pk}").status_code == 404
    assert api.get(f"/api/v1/org-units/{world.cell_b.pk}").status_code == 404
    # The same ids of its own cell are readable.
    assert api.get(f"/api/v1/sessions/{data.session_a.pk}").status_code == 200
    assert api.get(f"/api/v1/tasks/{data.task_a.pk}").status_code == 200
    assert api.get(f"/api/v1/media-items/{data.item_a.pk}").status_code == 200


def test_reporter_gets_404_on_another_communes_plan(world: World, data: Data, as_user: Any) -> None:
    api = as_user(world.reporter_a)
    assert api.get(f"/api/v1/plans/{data.other_plan.pk}").status_code == 404
    # Its own commune's plan is addressed to it: readable.
    assert api.get(f"/api/v1/plans/{data.plan.pk}").status_code == 200


def test_outsider_sees_nothing_of_the_commune(world: World, data: Data, as_user: Any) -> None:
    api = as_user(world.outsider)
    assert [row["id"] for row in api.get("/api/v1/plans").json()["items"]] == [data.other_plan.pk]
    for resource in ("targets", "observations", "tasks", "sessions", "media-items"):
        assert api.get(f"/api/v1/{resource}").json() == {"items": [], "count": 0}
    assert api.get(f"/api/v1/targets/{data.target.pk}").status_code == 404


@pytest.mark.parametrize("resource", ["tasks", "sessions", "media-items"])
def test_lists_are_scoped_to_the_cell(
    resource: str, world: World, data: Data, as_user: Any
) -> None:
    rows = as_user(world.reporter_a).get(f"/api/v1/{resource}").json()
    assert rows["count"] == 1
    assert {row["org_unit"] for row in rows["items"]} == {world.cell_a.pk}


def test_reporter_lists_no_unit_of_cell_b(world: World, data: Data, as_user: Any) -> None:
    rows = as_user(world.reporter_a).get("/api/v1/org-units").json()["items"]
    ids = {row["id"] for row in rows}
    # Its cell and the units above it, nothing beside it.
    assert ids == {world.cell_a.pk, world.commune.pk, world.city.pk}
