"""`GET /api/v1/scorecards`: each item's fields (the score a JSON number, no band for the units
that are not party organisations), the year filter and paging, frozen once signed off, the
user's own subtrees only (404 for a unit outside them), bounded queries."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.emulation import services
from trienkhai.emulation.models import Band, Scorecard, ScoreRound
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/scorecards"
FIELDS = {
    "org_unit",
    "unit_code",
    "kind",
    "year",
    "score",
    "band_suggested",
    "band_final",
    "rank_in_group",
    "frozen",
}


def card(
    round_: ScoreRound,
    unit: OrgUnit,
    score: str,
    band: str | None = None,
    *,
    capped: str | None = None,
    rank: int = 1,
) -> Scorecard:
    return Scorecard.objects.create(
        round=round_,
        org_unit=unit,
        kind=unit.kind,
        base=Decimal(score),
        score=Decimal(score),
        band_suggested=band,
        band_capped=capped or band,
        rank_in_group=rank,
    )


def scored_world(world: World) -> dict[str, Scorecard]:
    """Tân Kỳ's 2025 and 2026 rounds and Lạc Môn's 2026 round, written as computed."""
    r2025 = ScoreRound.objects.create(org_unit=world.commune, year=2025)
    r2026 = ScoreRound.objects.create(org_unit=world.commune, year=2026)
    other = ScoreRound.objects.create(org_unit=world.other_commune, year=2026)
    return {
        "a2025": card(r2025, world.cell_a, "71.5", Band.GOOD),
        "ubnd": card(r2026, world.ubnd, "77.27"),
        "a": card(r2026, world.cell_a, "93.75", Band.EXCELLENT, capped=Band.GOOD, rank=2),
        "b": card(r2026, world.cell_b, "100.00", Band.EXCELLENT, rank=1),
        "other": card(other, world.other_cell, "60", Band.FULFILLED),
    }


def test_the_items_and_their_values(world: World, as_user: Any) -> None:
    scored_world(world)

    response = as_user(world.office).get(URL, year=2026)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    items = {i["unit_code"]: i for i in body["items"]}
    assert all(set(i) == FIELDS for i in body["items"])
    assert items["tk-cb-a"] == {
        "org_unit": world.cell_a.pk,
        "unit_code": "tk-cb-a",
        "kind": "party_cell",
        "year": 2026,
        "score": 93.75,
        "band_suggested": "excellent",
        "band_final": "good",  # past the cap on "xuất sắc"
        "rank_in_group": 2,
        "frozen": False,
    }
    # An integral score is a JSON integer, not a string.
    assert items["tk-cb-b"]["score"] == 100 and isinstance(items["tk-cb-b"]["score"], int)
    assert items["tk-cb-b"]["band_final"] == "excellent"
    # UBND is scored but has no band of 366-QĐ/TW.
    assert items["tk-ubnd"]["kind"] == "peoples_committee"
    assert items["tk-ubnd"]["score"] == 77.27
    assert items["tk-ubnd"]["band_suggested"] is None
    assert items["tk-ubnd"]["band_final"] is None


def test_every_year_without_a_year_and_paging(world: World, as_user: Any) -> None:
    scored_world(world)
    api = as_user(world.office)

    every = api.get(URL).json()
    assert every["count"] == 4
    # By year, then in tree order.
    assert [(i["year"], i["unit_code"]) for i in every["items"]] == [
        (2025, "tk-cb-a"),
        (2026, "tk-ubnd"),
        (2026, "tk-cb-a"),
        (2026, "tk-cb-b"),
    ]
    only = api.get(URL, year=2025).json()
    assert [(i["year"], i["score"], i["band_final"]) for i in only["items"]] == [
        (2025, 71.5, "good")
    ]
    assert api.get(URL, year=2024).json() == {"items": [], "count": 0}
    page = api.get(URL, limit=2, offset=1).json()
    assert page["count"] == 4
    assert [(i["year"], i["unit_code"]) for i in page["items"]] == [
        (2026, "tk-ubnd"),
        (2026, "tk-cb-a"),
    ]
    assert api.get(URL, year="hai-nghin").status_code == 422


def test_a_unit_narrows_the_list(world: World, as_user: Any) -> None:
    scored_world(world)

    items = as_user(world.office).get(URL, unit="tk-cb-b").json()["items"]

    assert [(i["year"], i["unit_code"]) for i in items] == [(2026, "tk-cb-b")]


def test_a_unit_outside_the_own_subtrees_is_404(world: World, as_user: Any) -> None:
    scored_world(world)

    office = as_user(world.office)
    assert office.get(URL, unit="lm").status_code == 404
    assert office.get(URL, unit="lm-cb-1").status_code == 404
    assert office.get(URL, unit="khong-co").status_code == 404
    # A chi bộ reads its own cards, not its commune's list (its neighbours' ranks).
    reporter = as_user(world.reporter_a)
    assert reporter.get(URL, unit="tk").status_code == 404
    assert reporter.get(URL, unit="tk-cb-b").status_code == 404
    own = reporter.get(URL).json()
    assert [(i["year"], i["unit_code"]) for i in own["items"]] == [
        (2025, "tk-cb-a"),
        (2026, "tk-cb-a"),
    ]


def test_an_outsider_reads_nothing_of_the_commune(world: World, as_user: Any) -> None:
    scored_world(world)
    outsider = as_user(world.outsider)

    assert outsider.get(URL, unit="tk").status_code == 404
    assert outsider.get(URL, unit="tk-cb-a").status_code == 404
    own = outsider.get(URL).json()
    assert [(i["unit_code"], i["score"], i["band_final"]) for i in own["items"]] == [
        ("lm-cb-1", 60, "fulfilled")
    ]


def test_an_override_shows_and_signing_off_freezes(world: World, as_user: Any) -> None:
    round_ = services.round_open(actor=world.office, committee=world.commune, year=2026)
    round_ = services.round_compute(actor=world.office, round_=round_)
    cell_a = round_.cards.get(org_unit=world.cell_a)
    services.card_override(
        actor=world.office,
        card=cell_a,
        version=cell_a.version,
        band=Band.FULFILLED,
        reason="Chi bộ mới chia tách, nhiệm vụ được giao từ quý III.",
    )
    api = as_user(world.office)

    before = {i["unit_code"]: i for i in api.get(URL, year=2026).json()["items"]}
    assert set(before) == {"tk-ubnd", "tk-cb-a", "tk-cb-b"}
    assert not any(i["frozen"] for i in before.values())
    # Nothing was counted for the chi bộ: 0 points, "không hoàn thành" suggested.
    assert before["tk-cb-a"]["score"] == 0
    assert before["tk-cb-a"]["band_suggested"] == "unfulfilled"
    assert before["tk-cb-a"]["band_final"] == "fulfilled"
    assert before["tk-cb-b"]["band_final"] == "unfulfilled"

    round_.refresh_from_db()
    services.round_sign_off(actor=world.office, round_=round_, version=round_.version)

    after = api.get(URL, year=2026).json()["items"]
    assert [i["frozen"] for i in after] == [True, True, True]
    assert {i["unit_code"]: i["band_final"] for i in after}["tk-cb-a"] == "fulfilled"


def test_the_query_count_does_not_grow_with_the_cards(world: World, as_user: Any) -> None:
    round_ = ScoreRound.objects.create(org_unit=world.commune, year=2026)
    card(round_, world.cell_a, "80", Band.GOOD)
    api = as_user(world.office)

    with CaptureQueriesContext(connection) as few:
        assert api.get(URL).json()["count"] == 1
    for n in range(12):
        card(round_, OrgUnitFactory.create(parent=world.commune), str(50 + n), Band.FULFILLED)
    with CaptureQueriesContext(connection) as many:
        assert api.get(URL).json()["count"] == 13
    assert len(many) == len(few)


def test_a_token_is_required_and_the_path_is_documented(client: Client) -> None:
    assert client.get(URL).status_code == 401
    paths = json.loads(client.get("/api/v1/openapi.json").content)["paths"]
    assert set(paths[URL]["get"]["responses"]) >= {"200", "401", "404"}
