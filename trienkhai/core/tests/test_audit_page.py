from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.audit import audit_action

pytestmark = pytest.mark.django_db


def rows(response: Any) -> str:
    """The log table only (unit names also appear in the filter's select)."""
    html = response.content.decode()
    start = html.find("<tbody>")
    return html[start : html.find("</tbody>")] if start >= 0 else ""


def change(client: Any, world: World) -> None:
    client.force_login(world.office)
    client.post(
        reverse("orgs:update", args=["tk-cb-a"]), {"name": "Chi bộ thôn A mới", "short_name": ""}
    )
    client.post(
        reverse("orgs:update", args=["tk-cb-b"]), {"name": "Chi bộ thôn B mới", "short_name": ""}
    )


def test_reporter_sees_own_cell_changes_only(client: Any, world: World) -> None:
    change(client, world)
    client.force_login(world.reporter_a)
    html = rows(client.get(reverse("audit_log")))
    assert "Chi bộ thôn A mới" in html
    assert "Chi bộ thôn B" not in html


def test_office_sees_the_commune_and_filters_by_unit(client: Any, world: World) -> None:
    change(client, world)
    client.force_login(world.office)
    html = rows(client.get(reverse("audit_log")))
    assert "Chi bộ thôn A mới" in html and "Chi bộ thôn B mới" in html
    filtered = rows(client.get(reverse("audit_log"), {"unit": world.cell_b.pk}))
    assert "Chi bộ thôn B mới" in filtered and "Chi bộ thôn A mới" not in filtered


def test_outsider_sees_nothing_of_this_commune(client: Any, world: World) -> None:
    change(client, world)
    client.force_login(world.outsider)
    html = rows(client.get(reverse("audit_log")))
    assert "Chi bộ thôn A mới" not in html
    # The filter cannot name a unit outside the scope either.
    response = client.get(reverse("audit_log"), {"unit": world.cell_a.pk})
    assert "Chi bộ thôn A mới" not in rows(response)


def test_viewer_without_audit_right_sees_an_empty_log(client: Any, world: World) -> None:
    change(client, world)
    client.force_login(world.viewer)
    assert "Chi bộ thôn A mới" not in rows(client.get(reverse("audit_log")))


def test_domain_action_carries_unit_path(world: World) -> None:
    entry = audit_action(
        actor=world.office, action="test.done", obj=world.cell_a, summary="Thử", data={"rows": 3}
    )
    assert entry.additional_data == {
        "action": "test.done",
        "rows": 3,
        "org_unit_id": world.cell_a.pk,
        "org_unit_path": world.cell_a.path,
    }


def test_audit_page_query_count_is_bounded(
    client: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    client.force_login(world.office)
    for n in range(30):
        client.post(
            reverse("orgs:update", args=["tk-cb-a"]), {"name": f"Tên {n}", "short_name": ""}
        )
    # A constant: session, user, scope, the types of audited models (one query, cache cold),
    # the count and the page, their actors and units, the menu, the unread notifications…
    with django_assert_max_num_queries(16):
        assert client.get(reverse("audit_log")).status_code == 200
