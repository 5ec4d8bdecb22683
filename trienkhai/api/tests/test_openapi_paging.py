"""The OpenAPI document, pagination and bounded queries."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trienkhai.api.tests.conftest import Data, entered_at
from trienkhai.conftest import World
from trienkhai.media.models import Channel, MediaItem
from trienkhai.media.tests.factories import MediaItemFactory
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.plans.models import Target
from trienkhai.tasks.models import Task
from trienkhai.tasks.tests.factories import TaskFactory

RESOURCES = (
    "org-units",
    "plans",
    "targets",
    "observations",
    "tasks",
    "sessions",
    "media-items",
    "report-requests",
)


def test_openapi_is_served_without_a_token(client: Client, db: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert "/api/v1/auth/token" in paths
    for resource in RESOURCES:
        assert f"/api/v1/{resource}" in paths
        assert f"/api/v1/{resource}/{{obj_id}}" in paths
    assert document["components"]["securitySchemes"]["BearerAuth"]["scheme"] == "bearer"


def test_no_docs_page_from_a_cdn(client: Client, db: Any) -> None:
    assert client.get("/api/v1/docs").status_code == 404


def _many_observations(target: Target, n: int) -> None:
    template = ObservationFactory.create(target=target, period="2025", entered_at=entered_at())
    rows = []
    for i in range(n):
        row = Observation(
            **{
                f.attname: getattr(template, f.attname)
                for f in Observation._meta.concrete_fields
                if not f.primary_key
            }
        )
        row.period = f"p{i}"
        rows.append(row)
    Observation.objects.bulk_create(rows)


def test_limit_offset_and_caps(world: World, data: Data, as_user: Any) -> None:
    _many_observations(data.target, 520)
    api = as_user(world.office)
    total = 522  # the fixture's, the template's and the 520 copies

    default = api.get("/api/v1/observations").json()
    assert default["count"] == total
    assert len(default["items"]) == 50

    capped = api.get("/api/v1/observations", limit=1000).json()
    assert len(capped["items"]) == 500

    first = api.get("/api/v1/observations", limit=3).json()["items"]
    second = api.get("/api/v1/observations", limit=3, offset=3).json()["items"]
    assert len(first) == len(second) == 3
    assert not {r["id"] for r in first} & {r["id"] for r in second}

    tail = api.get("/api/v1/observations", offset=total - 2).json()
    assert len(tail["items"]) == 2 and tail["count"] == total
    assert api.get("/api/v1/observations", limit="x").status_code == 422


def _queries(api: Any, url: str, limit: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url, limit=limit)
    assert response.status_code == 200
    assert len(response.json()["items"]) == limit
    return len(ctx.captured_queries)


@pytest.mark.parametrize("resource", ["observations", "media-items", "tasks"])
def test_a_page_of_500_costs_what_a_page_of_5_does(
    resource: str, world: World, data: Data, as_user: Any
) -> None:
    if resource == "observations":
        _many_observations(data.target, 500)
    elif resource == "media-items":
        channel = Channel.objects.get()
        for i in range(500):
            item = MediaItemFactory.create(org_unit=world.cell_a, channel=channel, title=f"Tin {i}")
            item.targets.add(data.target)
        assert MediaItem.objects.count() >= 500
    else:
        for i in range(500):
            task = TaskFactory.create(plan=data.plan, assignee=world.cell_a, text=f"Nhiệm vụ {i}")
            task.helpers.add(world.ubnd)
        assert Task.objects.count() >= 500
    api = as_user(world.office)
    url = f"/api/v1/{resource}"
    assert _queries(api, url, 500) == _queries(api, url, 5)
