"""`GET /api/v1/slow-units`: the contract's shape, the user's own subtrees only (404 for a
unit outside them), paging like the other lists."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.inspections.models import CorrectiveAction, Finding, Inspection
from trienkhai.orgs.models import OrgUnit
from trienkhai.tasks.models import TaskOccurrence
from trienkhai.tasks.tests.factories import TaskFactory

URL = "/api/v1/slow-units"


def overdue_action(unit: OrgUnit, body: OrgUnit, days: int = 5) -> None:
    today = timezone.localdate()
    inspection = Inspection.objects.create(
        org_unit=body,
        kind=Inspection.Kind.SUPERVISION,
        title="Giám sát việc thực hiện Kế hoạch",
        start=today - timedelta(days=40),
        end=today - timedelta(days=30),
    )
    found = Finding.objects.create(inspection=inspection, org_unit=unit, text="Chậm triển khai")
    CorrectiveAction.objects.create(
        finding=found, org_unit=unit, text="Khắc phục", due=today - timedelta(days=days)
    )


def overdue_task(unit: OrgUnit, plan_unit: OrgUnit) -> None:
    due = timezone.localdate() - timedelta(days=10)
    task = TaskFactory.create(
        plan__org_unit=plan_unit, assignee=unit, due=due, assigned_on=date(2026, 1, 5)
    )
    TaskOccurrence.objects.create(task=task, starts_on=task.assigned_on, due=due)


def slow_world(world: World) -> None:
    overdue_action(world.cell_a, world.commune)
    overdue_task(world.cell_a, world.commune)
    overdue_task(world.cell_b, world.commune)
    overdue_action(world.other_cell, world.other_commune)


def test_the_shape_of_the_list(world: World, as_user: Any) -> None:
    slow_world(world)

    response = as_user(world.office).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["items"][0]
    assert set(first) == {"org_unit", "unit_code", "name", "reasons"}
    assert first == {
        "org_unit": world.cell_a.pk,
        "unit_code": "tk-cb-a",
        "name": "Chi bộ thôn A",
        "reasons": [
            {
                "kind": "overdue_tasks",
                "count": 1,
                "text": "1 nhiệm vụ quá hạn (lâu nhất 10 ngày)",
            },
            {"kind": "overdue_actions", "count": 1, "text": "1 yêu cầu khắc phục quá hạn"},
        ],
    }
    assert [i["unit_code"] for i in body["items"]] == ["tk-cb-a", "tk-cb-b"]


def test_a_unit_narrows_the_list_and_paging_works(world: World, as_user: Any) -> None:
    slow_world(world)
    api = as_user(world.office)

    assert [i["unit_code"] for i in api.get(URL, unit="tk-cb-b").json()["items"]] == ["tk-cb-b"]
    page = api.get(URL, limit=1, offset=1).json()
    assert page["count"] == 2
    assert [i["unit_code"] for i in page["items"]] == ["tk-cb-b"]


def test_a_unit_outside_the_read_scope_is_404(world: World, as_user: Any) -> None:
    slow_world(world)

    assert as_user(world.office).get(URL, unit="lm").status_code == 404
    assert as_user(world.office).get(URL, unit="khong-co").status_code == 404
    # A chi bộ reads its own list, not its commune's (its neighbours) nor the neighbour's.
    reporter = as_user(world.reporter_a)
    assert reporter.get(URL, unit="tk").status_code == 404
    assert reporter.get(URL, unit="tk-cb-b").status_code == 404
    assert [i["unit_code"] for i in reporter.get(URL).json()["items"]] == ["tk-cb-a"]


def test_an_outsider_sees_nothing_of_the_commune(world: World, as_user: Any) -> None:
    slow_world(world)
    outsider = as_user(world.outsider)

    own = outsider.get(URL).json()
    assert [i["unit_code"] for i in own["items"]] == ["lm-cb-1"]
    assert outsider.get(URL, unit="tk").status_code == 404
    assert outsider.get(URL, unit="tk-cb-a").status_code == 404


def test_a_token_is_required(client: Any) -> None:
    assert client.get(URL).status_code == 401
