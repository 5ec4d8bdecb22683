"""A plan chosen on one page sticks on the next; nothing switches silently to the newest."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.dissemination.tests.conftest import make_plan
from trienkhai.plans.models import Plan
from trienkhai.plans.tests.factories import MediaRuleFactory


def _two_plans(world: World) -> tuple[Plan, Plan]:
    older = make_plan(world.commune)
    Plan.objects.filter(pk=older.pk).update(
        date=date(2025, 3, 1), number=7, title="Kế hoạch thực hiện Nghị quyết năm 2025"
    )
    newer = make_plan(world.commune)
    Plan.objects.filter(pk=newer.pk).update(date=date(2026, 5, 20), number=15)
    for plan in (older, newer):
        MediaRuleFactory.create(plan=plan)
    older.refresh_from_db()
    newer.refresh_from_db()
    return older, newer


def _plan_on(client: Any, name: str, **query: Any) -> Plan:
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert isinstance(plan, Plan)
    # The page names the plan it shows.
    assert plan.title in response.content.decode()
    return plan


def test_without_a_choice_the_page_names_the_newest(client: Any, world: World) -> None:
    _, newer = _two_plans(world)
    client.force_login(world.office)
    assert _plan_on(client, "dissemination:board") == newer


def test_a_chosen_plan_sticks_across_pages(client: Any, world: World) -> None:
    older, newer = _two_plans(world)
    client.force_login(world.office)
    assert _plan_on(client, "dissemination:board", ke_hoach=older.pk) == older
    assert _plan_on(client, "dissemination:board") == older
    assert _plan_on(client, "media:overview") == older
    # Choosing the other plan moves every page to it.
    assert _plan_on(client, "media:overview", ke_hoach=newer.pk) == newer
    assert _plan_on(client, "dissemination:board") == newer


def test_a_remembered_plan_outside_the_scope_is_not_shown(client: Any, world: World) -> None:
    older, _ = _two_plans(world)
    client.force_login(world.outsider)
    assert client.get(reverse("dissemination:board"), {"ke_hoach": older.pk}).status_code == 404
    # The refused choice is not kept either: the page falls back to what the user reads.
    response = client.get(reverse("dissemination:board"))
    assert response.context is None or response.context.get("plan") != older
