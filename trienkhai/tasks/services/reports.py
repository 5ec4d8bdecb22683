"""Writes on occurrences: what the unit reports (progress, completion, "không phát sinh",
the signed plan) and what the assigning body decides (confirm, return)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.tasks.models import (
    Deliverable,
    TaskOccurrence,
    TaskUpdate,
)
from trienkhai.tasks.services.assign import Upload

EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
SIGNED_PLAN_KINDS = ("pdf", "docx", "jpg", "png")


# --- what the unit reports -------------------------------------------------------------------


def _attach(
    update: TaskUpdate, files: Sequence[Upload], actor: Any, allowed: tuple[str, ...]
) -> None:
    for name, data in files:
        stored_file_create(data=data, name=name, user=actor, owner=update, allowed=allowed)


def _reported_day(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise DomainError(f"{what} không được sau ngày hôm nay ({format_date_short(day)}).")


def _lock(occurrence: TaskOccurrence) -> TaskOccurrence:
    return (
        TaskOccurrence.objects.select_for_update()
        .select_related("task__plan__org_unit")
        .get(pk=occurrence.pk)
    )


@transaction.atomic
def progress_add(
    *,
    actor: Any,
    occurrence: TaskOccurrence,
    day: date,
    progress: int | None,
    note: str,
    files: Sequence[Upload] = (),
) -> TaskUpdate:
    task = occurrence.task
    require_cap(actor, Cap.TASKS_UPDATE, task.assignee)
    occurrence = _lock(occurrence)
    _reported_day(day, "Ngày cập nhật")
    if occurrence.completed_on is not None:
        raise DomainError("Nhiệm vụ đã báo cáo hoàn thành; không cập nhật tiến độ nữa.")
    if progress is not None and not 0 <= progress <= 100:
        raise DomainError("Tiến độ phải từ 0 đến 100%.")
    if not note.strip() and progress is None and not files:
        raise DomainError("Hãy nhập tiến độ, ghi chú hoặc đính kèm minh chứng.")
    update = TaskUpdate.objects.create(
        task=task,
        occurrence=occurrence,
        kind=TaskUpdate.Kind.PROGRESS,
        date=day,
        progress=progress,
        note=note.strip(),
        created_by=actor,
    )
    _attach(update, files, actor, EVIDENCE_KINDS)
    if progress is not None:
        occurrence.progress = progress
        occurrence.save(update_fields=["progress", "updated_at"])
    audit_action(
        actor=actor,
        action="tasks.occurrence.progress",
        obj=occurrence,
        summary=f"Cập nhật tiến độ {progress if progress is not None else ''}%: {note[:80]}",
    )
    return update


@transaction.atomic
def occurrence_complete(
    *,
    actor: Any,
    occurrence: TaskOccurrence,
    completed_on: date,
    note: str = "",
    files: Sequence[Upload] = (),
    allowed: tuple[str, ...] = EVIDENCE_KINDS,
) -> TaskUpdate:
    """The unit reports the work done on ``completed_on`` (its own date, which counts)."""
    task = occurrence.task
    require_cap(actor, Cap.TASKS_UPDATE, task.assignee)
    occurrence = _lock(occurrence)
    if occurrence.due is None:
        raise DomainError(
            "Nhiệm vụ thường xuyên không có ngày hoàn thành; hãy cập nhật kết quả định kỳ."
        )
    if occurrence.completed_on is not None:
        raise DomainError("Nhiệm vụ này đã được báo cáo hoàn thành.")
    if occurrence.not_applicable_on is not None:
        raise DomainError("Kỳ này đã báo “không phát sinh”.")
    _reported_day(completed_on, "Ngày hoàn thành")
    if task.deliverable != Deliverable.NONE and not files:
        raise DomainError(
            f"Nhiệm vụ này cần nộp {Deliverable(task.deliverable).label.lower()}: "
            "hãy đính kèm tệp (bản đã ký, bản chụp hoặc PDF)."
        )
    update = TaskUpdate.objects.create(
        task=task,
        occurrence=occurrence,
        kind=TaskUpdate.Kind.COMPLETION,
        date=completed_on,
        progress=100,
        note=note.strip(),
        created_by=actor,
    )
    _attach(update, files, actor, allowed)
    occurrence.completed_on = completed_on
    occurrence.completed_by = actor
    occurrence.reported_at = timezone.now()
    occurrence.progress = 100
    occurrence.save(
        update_fields=["completed_on", "completed_by", "reported_at", "progress", "updated_at"]
    )
    audit_action(
        actor=actor,
        action="tasks.occurrence.completed",
        obj=occurrence,
        summary=f"Báo cáo hoàn thành ngày {format_date_short(completed_on)}",
    )
    return update


def unit_plan_submit(
    *,
    actor: Any,
    occurrence: TaskOccurrence,
    completed_on: date,
    name: str,
    data: bytes,
    note: str = "",
) -> TaskUpdate:
    """The signed plan of the chi bộ: its deliverable, and the task's completion."""
    if not occurrence.task.is_unit_plan:
        raise DomainError("Nhiệm vụ này không phải xây dựng kế hoạch của đơn vị.")
    return occurrence_complete(
        actor=actor,
        occurrence=occurrence,
        completed_on=completed_on,
        note=note or "Nộp kế hoạch thực hiện đã ký.",
        files=[(name, data)],
        allowed=SIGNED_PLAN_KINDS,
    )


@transaction.atomic
def occurrence_not_applicable(
    *, actor: Any, occurrence: TaskOccurrence, day: date, note: str
) -> TaskUpdate:
    """ "Không phát sinh": nothing to do in this period of a recurring task."""
    task = occurrence.task
    require_cap(actor, Cap.TASKS_UPDATE, task.assignee)
    occurrence = _lock(occurrence)
    if not occurrence.period:
        raise DomainError("Chỉ nhiệm vụ định kỳ mới báo “không phát sinh” cho từng kỳ.")
    if occurrence.completed_on is not None or occurrence.not_applicable_on is not None:
        raise DomainError("Kỳ này đã có báo cáo.")
    _reported_day(day, "Ngày báo cáo")
    if not note.strip():
        raise DomainError("Hãy ghi rõ lý do không phát sinh.")
    occurrence.not_applicable_on = day
    occurrence.save(update_fields=["not_applicable_on", "updated_at"])
    update = TaskUpdate.objects.create(
        task=task,
        occurrence=occurrence,
        kind=TaskUpdate.Kind.NOT_APPLICABLE,
        date=day,
        note=note.strip(),
        created_by=actor,
    )
    audit_action(
        actor=actor,
        action="tasks.occurrence.not_applicable",
        obj=occurrence,
        summary=f"Không phát sinh: {note[:80]}",
    )
    return update


# --- what the assigning body does ------------------------------------------------------------


def _require_confirm(actor: Any, occurrence: TaskOccurrence) -> None:
    require_cap(actor, Cap.TASKS_CONFIRM, occurrence.task.plan.org_unit)
    # Whoever reported the work cannot also vouch for it.
    if occurrence.completed_by_id is not None and occurrence.completed_by_id == actor.pk:
        raise PermissionDenied


@transaction.atomic
def occurrence_confirm(*, actor: Any, occurrence: TaskOccurrence, note: str = "") -> TaskUpdate:
    occurrence = _lock(occurrence)
    _require_confirm(actor, occurrence)
    if occurrence.completed_on is None:
        raise DomainError("Đơn vị chưa báo cáo hoàn thành nên chưa xác nhận được.")
    if occurrence.confirmed_at is not None:
        raise DomainError("Nhiệm vụ này đã được xác nhận.")
    occurrence.confirmed_at = timezone.now()
    occurrence.confirmed_by = actor
    occurrence.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    update = TaskUpdate.objects.create(
        task=occurrence.task,
        occurrence=occurrence,
        kind=TaskUpdate.Kind.CONFIRMATION,
        date=timezone.localdate(),
        note=note.strip(),
        created_by=actor,
    )
    audit_action(
        actor=actor,
        action="tasks.occurrence.confirmed",
        obj=occurrence,
        summary="Xác nhận hoàn thành",
    )
    return update


@transaction.atomic
def occurrence_return(*, actor: Any, occurrence: TaskOccurrence, note: str) -> TaskUpdate:
    """Trả lại: the completion is not accepted; the task is open again."""
    occurrence = _lock(occurrence)
    _require_confirm(actor, occurrence)
    if occurrence.completed_on is None:
        raise DomainError("Đơn vị chưa báo cáo hoàn thành.")
    if not note.strip():
        raise DomainError("Hãy ghi rõ lý do trả lại để đơn vị bổ sung.")
    occurrence.completed_on = None
    occurrence.completed_by = None
    occurrence.reported_at = None
    occurrence.confirmed_at = None
    occurrence.confirmed_by = None
    occurrence.save(
        update_fields=[
            "completed_on",
            "completed_by",
            "reported_at",
            "confirmed_at",
            "confirmed_by",
            "updated_at",
        ]
    )
    update = TaskUpdate.objects.create(
        task=occurrence.task,
        occurrence=occurrence,
        kind=TaskUpdate.Kind.RETURNED,
        date=timezone.localdate(),
        note=note.strip(),
        created_by=actor,
    )
    audit_action(
        actor=actor,
        action="tasks.occurrence.returned",
        obj=occurrence,
        summary=f"Trả lại: {note[:80]}",
    )
    return update
