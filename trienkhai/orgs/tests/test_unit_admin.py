"""The office adds, renames and closes units; every change is in the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def entries_for(unit: OrgUnit) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(unit).order_by("pk"))


def test_office_adds_a_cell_under_the_commune_with_audit(client: Any, world: World) -> None:
    client.force_login(world.office)
    response = client.post(
        reverse("orgs:create", args=["tk"]),
        {
            "name": "Chi bộ thôn C",
            "code": "tk-cb-c",
            "kind": "party_cell",
            "valid_from": "01/07/2026",
        },
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="tk-cb-c")
    assert OrgUnit.objects.get_parent(unit) == world.commune
    assert unit.valid_from.isoformat() == "2026-07-01"
    [entry] = entries_for(unit)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == world.office
    assert entry.additional_data["org_unit_path"] == unit.path


def test_rename_logs_only_the_changed_field(client: Any, world: World) -> None:
    client.force_login(world.office)
    client.post(
        reverse("orgs:update", args=["tk-cb-a"]), {"name": "Chi bộ thôn An", "short_name": ""}
    )
    entry = entries_for(world.cell_a)[-1]
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.changes_dict["name"] == ["Chi bộ thôn A", "Chi bộ thôn An"]
    assert entry.actor == world.office
    assert entry.additional_data["org_unit_path"] == world.cell_a.path


def test_close_with_successor_keeps_the_unit_and_its_place(client: Any, world: World) -> None:
    client.force_login(world.office)
    path_before = world.cell_b.path
    response = client.post(
        reverse("orgs:close", args=["tk-cb-b"]),
        {"valid_to": "30/06/2026", "successor": world.cell_a.pk},
    )
    assert response.status_code == 302
    closed = OrgUnit.objects.get(code="tk-cb-b")
    assert closed.valid_to.isoformat() == "2026-06-30"
    assert closed.successor == world.cell_a
    assert closed.path == path_before  # never moved
    actions = [e.additional_data.get("action") for e in entries_for(closed)]
    assert "orgs.unit.closed" in actions


def test_cell_reporter_cannot_add_units_and_outsider_gets_404(client: Any, world: World) -> None:
    client.force_login(world.reporter_a)
    assert client.get(reverse("orgs:create", args=["tk-cb-a"])).status_code == 403
    client.force_login(world.outsider)
    assert client.get(reverse("orgs:create", args=["tk"])).status_code == 404
    assert (
        client.post(reverse("orgs:close", args=["tk-cb-a"]), {"valid_to": "30/06/2026"}).status_code
        == 404
    )


def test_duplicate_code_is_a_vietnamese_error_and_saves_nothing(client: Any, world: World) -> None:
    client.force_login(world.office)
    before = OrgUnit.objects.count()
    response = client.post(
        reverse("orgs:create", args=["tk"]),
        {"name": "Trùng", "code": "tk-cb-a", "kind": "party_cell"},
    )
    assert response.status_code == 200
    assert "đã được dùng" in response.content.decode()
    assert OrgUnit.objects.count() == before
