"""Must show 3: another unit's evidence file is a 404; a reporter cannot confirm its own task.
Every view answers 404 to another unit and 403 to a visible unit without the right."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.models import StoredFile
from trienkhai.tasks import services
from trienkhai.tasks.models import Task, TaskOccurrence
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory

pytestmark = pytest.mark.django_db

# A one-page PDF: uploads are opened and must have a page (core.files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
    b"\nstartxref\n0\n%%EOF\n"
)


@pytest.fixture
def tasks(world: World) -> tuple[Task, Task]:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    return (
        AssignedTaskFactory.create(
            actor=world.office, plan=plan, assignee=world.cell_a, deliverable="document"
        ),
        AssignedTaskFactory.create(
            actor=world.office, plan=plan, assignee=world.cell_b, deliverable="document"
        ),
    )


def _complete(client: Any, occurrence: TaskOccurrence, day: str = "05/06/2026") -> Any:
    return client.post(
        reverse("tasks:complete", args=[occurrence.pk]),
        {
            "completed_on": day,
            "note": "Đã ban hành kế hoạch",
            "evidence": SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf"),
        },
    )


def test_another_units_evidence_file_is_404(
    client: Any, world: World, tasks: tuple[Task, Task]
) -> None:
    _task_a, task_b = tasks
    client.force_login(world.reporter_b)
    response = _complete(client, task_b.occurrences.get())
    assert response.status_code == 302
    stored = StoredFile.objects.get()
    assert stored.owner is not None and stored.owner.task == task_b
    url = reverse("core:file_download", args=[stored.pk])
    assert client.get(url).status_code == 200
    for user in (world.reporter_a, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    for user in (world.office, world.viewer, world.city_leader):
        client.force_login(user)
        assert client.get(url).status_code == 200, user


def test_reporter_cannot_confirm_its_own_task(
    client: Any, world: World, tasks: tuple[Task, Task]
) -> None:
    task_a, _ = tasks
    occurrence = task_a.occurrences.get()
    client.force_login(world.reporter_a)
    assert _complete(client, occurrence).status_code == 302
    occurrence.refresh_from_db()
    assert (
        occurrence.completed_on == date(2026, 6, 5) and occurrence.completed_by == world.reporter_a
    )
    response = client.post(reverse("tasks:confirm", args=[occurrence.pk]))
    assert response.status_code == 403
    assert (
        client.post(reverse("tasks:return", args=[occurrence.pk]), {"note": "x"}).status_code == 403
    )
    occurrence.refresh_from_db()
    assert occurrence.confirmed_at is None
    # The detail page offers no confirm button to the reporter.
    page = client.get(reverse("tasks:detail", args=[task_a.pk]))
    assert "Xác nhận hoàn thành" not in page.content.decode()
    client.force_login(world.office)
    page = client.get(reverse("tasks:detail", args=[task_a.pk]))
    assert "Xác nhận hoàn thành" in page.content.decode()
    assert client.post(reverse("tasks:confirm", args=[occurrence.pk])).status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.confirmed_by == world.office


def test_whoever_reported_the_completion_cannot_confirm_it(world: World) -> None:
    # The office may type a report in for a unit ("nhập thay"), but not vouch for it too.
    plan = SeedPlanFactory.create(org_unit=world.commune)
    occurrence = AssignedTaskFactory.create(
        actor=world.office, plan=plan, assignee=world.cell_a
    ).occurrences.get()
    services.occurrence_complete(
        actor=world.office, occurrence=occurrence, completed_on=date(2026, 6, 1)
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.occurrence_confirm(actor=world.office, occurrence=occurrence)
    services.occurrence_confirm(actor=world.leader, occurrence=occurrence)


def test_other_units_task_pages_are_404(
    client: Any, world: World, tasks: tuple[Task, Task]
) -> None:
    task_a, task_b = tasks
    occ_b = task_b.occurrences.get()
    urls_get = [
        reverse("tasks:detail", args=[task_b.pk]),
        reverse("tasks:edit", args=[task_b.pk]),
        reverse("tasks:unit_plan_draft", args=[task_b.pk]),
    ]
    urls_post = [
        reverse(name, args=[occ_b.pk])
        for name in ("tasks:progress", "tasks:complete", "tasks:not_applicable", "tasks:confirm")
    ] + [reverse("tasks:unit_plan_submit", args=[task_b.pk])]
    for user in (world.reporter_a, world.outsider):
        client.force_login(user)
        for url in urls_get:
            assert client.get(url).status_code == 404, (user, url)
        for url in urls_post:
            assert client.post(url, {"note": "x"}).status_code == 404, (user, url)
    client.force_login(world.outsider)
    assert client.get(reverse("tasks:detail", args=[task_a.pk])).status_code == 404
    plan_id = task_a.plan_id
    assert client.get(reverse("tasks:assign", args=[plan_id])).status_code == 404


def test_visible_without_the_right_is_403(
    client: Any, world: World, tasks: tuple[Task, Task]
) -> None:
    task_a, task_b = tasks
    client.force_login(world.reporter_a)
    assert client.get(reverse("tasks:detail", args=[task_a.pk])).status_code == 200
    assert client.get(reverse("tasks:edit", args=[task_a.pk])).status_code == 403
    assert client.get(reverse("tasks:create")).status_code == 403
    assert client.get(reverse("tasks:assign_index")).status_code == 403
    client.force_login(world.viewer)
    assert client.get(reverse("tasks:detail", args=[task_b.pk])).status_code == 200
    url = reverse("tasks:progress", args=[task_b.occurrences.get().pk])
    assert client.post(url, {"day": "01/06/2026", "progress": "20"}).status_code == 403
    assert client.get(reverse("tasks:unit_plan_draft", args=[task_b.pk])).status_code == 403
    # The mixed user reports for cell A only; reading B through the commune is not writing.
    client.force_login(world.mixed)
    assert client.post(url, {"day": "01/06/2026", "progress": "20"}).status_code == 403


def test_lists_show_a_reporter_only_its_units(
    client: Any, world: World, tasks: tuple[Task, Task]
) -> None:
    task_a, task_b = tasks
    client.force_login(world.reporter_a)
    rows = client.get(reverse("tasks:list")).context["page"].object_list
    assert {r.task_id for r in rows} == {task_a.pk}
    client.force_login(world.office)
    rows = client.get(reverse("tasks:list")).context["page"].object_list
    assert {r.task_id for r in rows} == {task_a.pk, task_b.pk}
    client.force_login(world.outsider)
    assert list(client.get(reverse("tasks:list")).context["page"].object_list) == []
    assert client.get(reverse("tasks:matrix")).context["rows"] == []
    assert client.get(reverse("tasks:board")).context["board"].total == 0
    assert client.get(reverse("tasks:overdue")).context["totals"].total == 0
    # A helper unit sees the task among its "phối hợp" tasks.
    services.task_update(actor=world.office, task=task_b, helpers=[world.cell_a])
    client.force_login(world.reporter_a)
    rows = client.get(reverse("tasks:list"), {"vai_tro": "phoi-hop"}).context["page"].object_list
    assert {r.task_id for r in rows} == {task_b.pk}
    assert client.get(reverse("tasks:detail", args=[task_b.pk])).status_code == 200
