"""A refused progress report or completion comes back with what the chi bộ typed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.held_files import HELD_FIELD, claim
from trienkhai.tasks.models import TaskUpdate
from trienkhai.tasks.selectors.task import files_for
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory
from trienkhai.tasks.tests.test_pages import PDF

pytestmark = pytest.mark.django_db


def _occurrence(world: World) -> Any:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(
        actor=world.office, plan=plan, assignee=world.cell_a, deliverable="report"
    )
    return task.occurrences.get()


def test_a_refused_progress_keeps_every_value(client: Any, world: World) -> None:
    occ = _occurrence(world)
    client.force_login(world.reporter_a)
    day = timezone.localdate().strftime("%d/%m/%Y")
    note = "Đã họp chi bộ, còn 3 đảng viên đi làm ăn xa"
    response = client.post(
        reverse("tasks:progress", args=[occ.pk]),
        {"day": day, "progress": "150", "note": note},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{day}"' in html and 'value="150"' in html and note in html
    assert response.context["progress_form"].errors["progress"]
    assert not TaskUpdate.objects.filter(occurrence=occ, kind=TaskUpdate.Kind.PROGRESS).exists()
    # Another commune's user never reaches the task.
    client.force_login(world.outsider)
    response = client.post(reverse("tasks:progress", args=[occ.pk]), {"day": day})
    assert response.status_code == 404


def test_a_completion_before_the_task_was_given_shows_under_its_field(
    client: Any, world: World
) -> None:
    occ = _occurrence(world)
    before = (occ.task.assigned_on - timedelta(days=3)).strftime("%d/%m/%Y")
    client.force_login(world.reporter_a)
    response = client.post(
        reverse("tasks:complete", args=[occ.pk]),
        {
            "completed_on": before,
            "note": "Báo cáo kết quả",
            "evidence": SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 200
    form = response.context["complete_form"]
    assert "trước ngày giao nhiệm vụ" in " ".join(form.errors["completed_on"])
    html = response.content.decode()
    assert f'value="{before}"' in html and "Báo cáo kết quả" in html
    # The chosen file is kept on the server: the page names it and carries its token back.
    assert "Đã giữ tệp đã chọn: bao-cao.pdf" in html
    token = form.data[HELD_FIELD]
    assert f'name="{HELD_FIELD}" value="{token}"' in html
    occ.refresh_from_db()
    assert occ.completed_on is None
    # Corrected, without choosing the file again: the kept one is the evidence.
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = client.post(
        reverse("tasks:complete", args=[occ.pk]),
        {"completed_on": today, "note": "Báo cáo kết quả", HELD_FIELD: token},
    )
    assert response.status_code == 302
    update = TaskUpdate.objects.get(occurrence=occ, kind=TaskUpdate.Kind.COMPLETION)
    assert [f.original_name for f in files_for([update])[update.pk]] == ["bao-cao.pdf"]
    # Used once: the token is spent, the folder gone.
    assert claim(token, world.reporter_a.pk) == {}


def test_another_users_token_brings_no_file(client: Any, world: World) -> None:
    occ = _occurrence(world)
    client.force_login(world.reporter_a)
    response = client.post(
        reverse("tasks:progress", args=[occ.pk]),
        {
            "day": "31/12/2099",
            "progress": "40",
            "evidence": SimpleUploadedFile("anh-hop.pdf", PDF, "application/pdf"),
        },
    )
    token = response.context["progress_form"].data[HELD_FIELD]
    # Chi bộ B cannot use chi bộ A's kept file on its own task.
    other = AssignedTaskFactory.create(
        actor=world.office, plan=occ.task.plan, assignee=world.cell_b
    ).occurrences.get()
    client.force_login(world.reporter_b)
    day = timezone.localdate().strftime("%d/%m/%Y")
    response = client.post(
        reverse("tasks:progress", args=[other.pk]),
        {"day": day, "progress": "40", HELD_FIELD: token},
    )
    assert response.status_code == 302
    update = TaskUpdate.objects.get(occurrence=other, kind=TaskUpdate.Kind.PROGRESS)
    assert files_for([update]) == {}
    assert claim(token, world.reporter_a.pk)  # still A's
