"""Dates that cannot be true are refused; a task given already overdue is confirmed with a note."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.plausibility import NeedsConfirmation
from trienkhai.tasks import services
from trienkhai.tasks.models import Task, TaskUpdate
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory


def test_a_task_given_overdue_needs_a_note_which_is_kept(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    past = timezone.localdate() - timedelta(days=3)
    args: dict[str, Any] = {
        "actor": world.office,
        "plan": plan,
        "text": "Việc",
        "assignee": world.cell_a,
        "due": past,
    }
    with pytest.raises(NeedsConfirmation) as caught:
        services.task_create(**args)
    assert caught.value.doubts[0].field == "due"
    assert format_date_short(past) in caught.value.doubts[0].message
    assert not Task.objects.filter(plan=plan).exists()
    task = services.task_create(**args, confirm_note="Giao bù việc đã làm")
    kept = TaskUpdate.objects.get(task=task, kind=TaskUpdate.Kind.ASSIGNMENT)
    assert kept.note == "Giao bù việc đã làm"
    # Given on its assignment date in the past with a later deadline: nothing to confirm.
    services.task_create(**{**args, "due": past}, assigned_on=past - timedelta(days=10))


def test_a_report_dated_after_today_is_refused_under_its_field(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(actor=world.office, plan=plan, assignee=world.cell_a)
    occ = task.occurrences.get()
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(DomainError) as caught:
        services.progress_add(
            actor=world.reporter_a, occurrence=occ, day=tomorrow, progress=10, note=""
        )
    assert caught.value.field == "day"
    assert format_date_short(tomorrow) in str(caught.value)
    with pytest.raises(DomainError) as caught:
        services.progress_add(
            actor=world.reporter_a, occurrence=occ, day=date(2026, 6, 2), progress=-5, note=""
        )
    assert caught.value.field == "progress"


def test_the_page_asks_for_the_note_under_the_due_field_and_keeps_values(
    client: Any, world: World
) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    client.force_login(world.office)
    past = timezone.localdate() - timedelta(days=3)
    data = {
        "plan": plan.pk,
        "text": "Việc giao muộn",
        "assignee": world.cell_a.pk,
        "recurrence": "once",
        "due": past.strftime("%d/%m/%Y"),
        "deliverable": "none",
    }
    response = client.post(reverse("tasks:create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "trước ngày giao" in " ".join(form.errors["due"])
    assert "confirm_note" in form.errors
    assert "Việc giao muộn" in response.content.decode()
    assert not Task.objects.filter(plan=plan).exists()
    response = client.post(reverse("tasks:create"), {**data, "confirm_note": "Giao bù"})
    assert response.status_code == 302
    assert Task.objects.get(plan=plan).updates.get(kind="assignment").note == "Giao bù"


def test_another_units_user_cannot_open_the_form(client: Any, world: World) -> None:
    SeedPlanFactory.create(org_unit=world.commune)
    client.force_login(world.outsider)
    assert client.get(reverse("tasks:create")).status_code in (403, 404)


def test_a_deadline_moved_before_the_day_of_giving_needs_a_note(client: Any, world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(actor=world.office, plan=plan, assignee=world.cell_a)
    earlier = task.assigned_on - timedelta(days=5)
    with pytest.raises(NeedsConfirmation) as caught:
        services.task_update(actor=world.office, task=task, due=earlier)
    assert caught.value.doubts[0].field == "due"
    task.refresh_from_db()
    assert task.due != earlier
    # The edit page asks for the note, keeps what was typed, then saves with it.
    client.force_login(world.office)
    url = reverse("tasks:edit", args=[task.pk])
    data = {
        "section": task.section,
        "text": task.text,
        "assignee": world.cell_a.pk,
        "recurrence": "once",
        "due": format_date_short(earlier),
        "deliverable": task.deliverable,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].asks_confirmation
    assert f'value="{format_date_short(earlier)}"' in response.content.decode()
    response = client.post(url, {**data, "confirm_note": "Văn bản giao ghi nhầm năm"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due == earlier
    timeline = TaskUpdate.objects.filter(task=task, kind=TaskUpdate.Kind.ASSIGNMENT)
    assert any("Văn bản giao ghi nhầm năm" in u.note for u in timeline)
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
