"""Each resource for the office: list and detail, counts, the owning unit on every row."""

from __future__ import annotations

from typing import Any

import pytest

from trienkhai.api.tests.conftest import Data
from trienkhai.conftest import World


def _expected(world: World, data: Data) -> dict[str, tuple[int, Any, int]]:
    """resource → (count for the office, one object, its org_unit id)."""
    return {
        # The office reads its commune's subtree (5 units) and the city above it.
        "org-units": (5, world.cell_a, world.cell_a.pk),
        "plans": (1, data.plan, world.commune.pk),
        "targets": (1, data.target, world.commune.pk),
        "observations": (1, data.observation, world.commune.pk),
        "tasks": (2, data.task_b, world.cell_b.pk),
        "sessions": (2, data.session_a, world.cell_a.pk),
        "media-items": (2, data.item_b, world.cell_b.pk),
    }


@pytest.mark.parametrize(
    "resource",
    ["org-units", "plans", "targets", "observations", "tasks", "sessions", "media-items"],
)
def test_office_lists_and_reads_each_resource(
    resource: str, world: World, data: Data, as_user: Any
) -> None:
    api = as_user(world.office)
    count, obj, unit_id = _expected(world, data)[resource]

    listed = api.get(f"/api/v1/{resource}")
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == count
    assert len(body["items"]) == count
    assert all("org_unit" in row for row in body["items"])
    assert obj.pk in {row["id"] for row in body["items"]}

    detail = api.get(f"/api/v1/{resource}/{obj.pk}")
    assert detail.status_code == 200
    assert detail.json()["id"] == obj.pk
    assert detail.json()["org_unit"] == unit_id


def test_detail_of_a_missing_id_is_404(world: World, data: Data, as_user: Any) -> None:
    response = as_user(world.office).get("/api/v1/plans/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy đối tượng."


def test_no_trailing_slash(world: World, data: Data, as_user: Any) -> None:
    api = as_user(world.office)
    assert api.get("/api/v1/plans/").status_code == 404
    assert api.get(f"/api/v1/plans/{data.plan.pk}/").status_code == 404


def test_report_requests_are_empty(world: World, data: Data, as_user: Any) -> None:
    api = as_user(world.office)
    assert api.get("/api/v1/report-requests").json() == {"items": [], "count": 0}
    assert api.get("/api/v1/report-requests/1").status_code == 404


def test_numbers_and_dates_are_json(world: World, data: Data, as_user: Any) -> None:
    api = as_user(world.office)
    target = api.get(f"/api/v1/targets/{data.target.pk}").json()
    assert target["value"] == 10 and isinstance(target["value"], int)
    assert target["stretch"] == 10.5
    assert target["low"] is None
    assert target["kind"] == "growth_avg"
    assert target["plan"] == data.plan.pk

    observation = api.get(f"/api/v1/observations/{data.observation.pk}").json()
    assert observation["value"] == 12.5
    assert observation["period"] == "2026"
    assert observation["period_start"] == "2026-01-01"
    assert observation["target"] == data.target.pk

    plan = api.get(f"/api/v1/plans/{data.plan.pk}").json()
    assert plan["date"] == "2026-05-12"
    assert plan["number"] == 15
    assert plan["reference"] == "số 15-KH/ĐU"


def test_rows_carry_their_links(world: World, data: Data, as_user: Any) -> None:
    api = as_user(world.office)
    unit = api.get(f"/api/v1/org-units/{world.cell_a.pk}").json()
    assert unit["parent"] == world.commune.pk
    assert unit["code"] == "tk-cb-a"
    assert unit["kind"] == "party_cell"
    assert api.get(f"/api/v1/org-units/{world.city.pk}").json()["parent"] is None

    session = api.get(f"/api/v1/sessions/{data.session_a.pk}").json()
    assert session["attendance"] == [{"group": "party_members", "count": 20}]
    assert session["date"] == "2026-06-05"

    data.task_a.helpers.add(world.ubnd)
    task = api.get(f"/api/v1/tasks/{data.task_a.pk}").json()
    assert task["helpers"] == [world.ubnd.pk]
    assert task["due"] == "2026-06-10"

    item = api.get(f"/api/v1/media-items/{data.item_a.pk}").json()
    assert item["channel_kind"] == "radio"
    assert item["targets"] == []
