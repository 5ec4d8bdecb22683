"""Writes: editing and reassigning, what a unit may report, returning a completion."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.tasks import services
from trienkhai.tasks.models import Recurrence, TaskUpdate
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory

pytestmark = pytest.mark.django_db

# A one-page PDF: uploads are opened and must have a page (core.files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
    b"\nstartxref\n0\n%%EOF\n"
)


def test_reassign_moves_the_task_and_leaves_a_trace(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(actor=world.office, plan=plan, assignee=world.cell_a)
    services.task_update(
        actor=world.office, task=task, assignee=world.cell_b, due=date(2026, 6, 15)
    )
    task.refresh_from_db()
    assert task.assignee == world.cell_b
    assert task.occurrences.get().due == date(2026, 6, 15)
    note = task.updates.get(kind=TaskUpdate.Kind.ASSIGNMENT).note
    assert "Chuyển nhiệm vụ từ Chi bộ thôn A sang Chi bộ thôn B." in note
    assert "Điều chỉnh thời hạn: 10/06/2026 → 15/06/2026." in note
    actions = LogEntry.objects.filter(additional_data__action="tasks.task.reassigned")
    assert actions.count() == 1
    # The reassigned task now belongs to B's reporter, no longer to A's.
    with pytest.raises(PermissionDenied):
        services.progress_add(
            actor=world.reporter_a,
            occurrence=task.occurrences.get(),
            day=date(2026, 6, 1),
            progress=10,
            note="x",
        )
    with pytest.raises(DomainError, match="không thuộc"):
        services.task_update(actor=world.office, task=task, assignee=world.other_cell)
    with pytest.raises(PermissionDenied):
        services.task_update(actor=world.reporter_b, task=task, text="Sửa")


def test_changing_the_rhythm_keeps_reported_periods(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(
        actor=world.office, plan=plan, assignee=world.ubnd, recurrence=Recurrence.QUARTERLY
    )
    assert task.occurrences.count() == 19
    services.task_update(actor=world.office, task=task, recurrence=Recurrence.YEARLY)
    assert list(task.occurrences.values_list("period", flat=True))[:2] == ["2026", "2027"]
    services.occurrence_complete(
        actor=world.office,
        occurrence=task.occurrences.get(period="2026"),
        completed_on=date(2026, 6, 1),
    )
    with pytest.raises(DomainError, match="đã báo cáo"):
        services.task_update(actor=world.office, task=task, recurrence=Recurrence.MONTHLY)
    with pytest.raises(DomainError, match="phải có hạn"):
        services.task_update(actor=world.office, task=task, recurrence=Recurrence.ONCE)


def test_what_a_unit_may_report(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(
        actor=world.office, plan=plan, assignee=world.cell_a, deliverable="report"
    )
    occ = task.occurrences.get()
    actor = world.reporter_a
    with pytest.raises(DomainError, match="đính kèm"):
        services.occurrence_complete(actor=actor, occurrence=occ, completed_on=date(2026, 6, 1))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        services.occurrence_complete(
            actor=actor, occurrence=occ, completed_on=tomorrow, files=[("bc.pdf", PDF)]
        )
    before = occ.task.assigned_on - timedelta(days=1)
    with pytest.raises(DomainError, match="trước ngày giao nhiệm vụ") as caught:
        services.occurrence_complete(
            actor=actor, occurrence=occ, completed_on=before, files=[("bc.pdf", PDF)]
        )
    assert caught.value.field == "completed_on"
    with pytest.raises(DomainError, match="0 đến 100"):
        services.progress_add(
            actor=actor, occurrence=occ, day=date(2026, 6, 1), progress=120, note=""
        )
    with pytest.raises(DomainError, match="định kỳ"):
        services.occurrence_not_applicable(
            actor=actor, occurrence=occ, day=date(2026, 6, 1), note="Không có"
        )
    services.occurrence_complete(
        actor=actor, occurrence=occ, completed_on=date(2026, 6, 1), files=[("bc.pdf", PDF)]
    )
    with pytest.raises(DomainError, match="đã được báo cáo"):
        services.occurrence_complete(
            actor=actor, occurrence=occ, completed_on=date(2026, 6, 1), files=[("bc.pdf", PDF)]
        )
    continuous = AssignedTaskFactory.create(
        actor=world.office, plan=plan, assignee=world.cell_a, recurrence=Recurrence.CONTINUOUS
    )
    with pytest.raises(DomainError, match="thường xuyên"):
        services.occurrence_complete(
            actor=actor, occurrence=continuous.occurrences.get(), completed_on=date(2026, 6, 1)
        )


def test_a_returned_completion_opens_the_task_again(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    occ = AssignedTaskFactory.create(
        actor=world.office, plan=plan, assignee=world.cell_a
    ).occurrences.get()
    services.occurrence_complete(
        actor=world.reporter_a, occurrence=occ, completed_on=date(2026, 6, 9)
    )
    with pytest.raises(DomainError, match="lý do"):
        services.occurrence_return(actor=world.office, occurrence=occ, note=" ")
    services.occurrence_return(actor=world.office, occurrence=occ, note="Thiếu chữ ký.")
    occ.refresh_from_db()
    assert occ.completed_on is None and occ.completed_by is None
    kinds = list(occ.updates.values_list("kind", flat=True))
    assert kinds == ["completion", "returned"]
    # Reported again after the deadline: now late.
    services.occurrence_complete(
        actor=world.reporter_a, occurrence=occ, completed_on=date(2026, 6, 12)
    )
    services.occurrence_confirm(actor=world.leader, occurrence=occ)
    with pytest.raises(DomainError, match="đã được xác nhận"):
        services.occurrence_confirm(actor=world.office, occurrence=occ)


def test_create_checks_the_schedule(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    with pytest.raises(DomainError, match="phải có hạn"):
        services.task_create(
            actor=world.office, plan=plan, text="Việc", assignee=world.cell_a, due=None
        )
    with pytest.raises(DomainError, match="Chỉ nhiệm vụ thực hiện một lần"):
        services.task_create(
            actor=world.office,
            plan=plan,
            text="Việc",
            assignee=world.cell_a,
            recurrence=Recurrence.MONTHLY,
            due=date(2026, 6, 1),
        )
    with pytest.raises(PermissionDenied):
        services.task_create(
            actor=world.outsider,
            plan=plan,
            text="Việc",
            assignee=world.cell_a,
            due=date(2026, 6, 1),
        )
