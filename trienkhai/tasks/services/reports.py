"""Writes on occurrences: what the unit reports (progress, completion, "không phát sinh",
the signed plan) and what the assigning body decides (confirm, return)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.accounts.models import User
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
Kind = TaskUpdate.Kind


# --- what the unit reports -------------------------------------------------------------------


# What each kind of timeline entry leaves in the audit log: its action
# ("tasks.occurrence.<verb>") and its summary, from the entry's progress, note and day.
_AUDIT: dict[str, tuple[str, Promise]] = {
    Kind.PROGRESS: ("progress", gettext_lazy("Cập nhật tiến độ %(progress)s%%: %(note)s")),
    Kind.COMPLETION: ("completed", gettext_lazy("Báo cáo hoàn thành ngày %(day)s")),
    Kind.NOT_APPLICABLE: ("not_applicable", gettext_lazy("Không phát sinh: %(note)s")),
    Kind.CONFIRMATION: ("confirmed", gettext_lazy("Xác nhận hoàn thành")),
    Kind.RETURNED: ("returned", gettext_lazy("Trả lại: %(note)s")),
}


def _record(
    occurrence: TaskOccurrence,
    actor: User,
    kind: str,
    day: date,
    note: str,
    *,
    progress: int | None = None,
    files: Sequence[Upload] = (),
    allowed: tuple[str, ...] = EVIDENCE_KINDS,
) -> TaskUpdate:
    """What every report and decision leaves: an entry on the task's timeline, with its
    evidence files, and an audit entry."""
    update = TaskUpdate.objects.create(
        task=occurrence.task,
        occurrence=occurrence,
        kind=kind,
        date=day,
        progress=progress,
        note=note.strip(),
        created_by=actor,
    )
    for name, data in files:
        stored_file_create(data=data, name=name, user=actor, owner=update, allowed=allowed)
    verb, summary = _AUDIT[kind]
    figures = {
        "progress": "" if progress is None else progress,
        "note": note[:80],
        "day": format_date_short(day),
    }
    audit_action(
        actor=actor,
        action=f"tasks.occurrence.{verb}",
        obj=occurrence,
        summary=str(summary) % figures,
    )
    return update


def _reported_day(day: date, what: str, field: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise DomainError(
            _("%(what)s (%(day)s) không được sau ngày hôm nay (%(today)s).")
            % {"what": what, "day": format_date_short(day), "today": format_date_short(today)},
            field=field,
        )


def _lock(occurrence: TaskOccurrence) -> TaskOccurrence:
    return (
        TaskOccurrence.objects.select_for_update()
        .select_related("task__plan__org_unit")
        .get(pk=occurrence.pk)
    )


@transaction.atomic
def progress_add(
    *,
    actor: User,
    occurrence: TaskOccurrence,
    day: date,
    progress: int | None,
    note: str,
    files: Sequence[Upload] = (),
) -> TaskUpdate:
    require_cap(actor, Cap.TASKS_UPDATE, occurrence.task.assignee)
    occurrence = _lock(occurrence)
    _reported_day(day, _("Ngày cập nhật"), "day")
    if occurrence.completed_on is not None:
        raise DomainError(_("Nhiệm vụ đã báo cáo hoàn thành; không cập nhật tiến độ nữa."))
    if progress is not None and not 0 <= progress <= 100:
        raise DomainError(_("Tiến độ phải từ 0 đến 100%."), field="progress")
    if not note.strip() and progress is None and not files:
        raise DomainError(_("Hãy nhập tiến độ, ghi chú hoặc đính kèm minh chứng."))
    if progress is not None:
        occurrence.progress = progress
        occurrence.save(update_fields=["progress", "updated_at"])
    return _record(occurrence, actor, Kind.PROGRESS, day, note, progress=progress, files=files)


@transaction.atomic
def occurrence_complete(
    *,
    actor: User,
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
            _("Nhiệm vụ thường xuyên không có ngày hoàn thành; hãy cập nhật kết quả định kỳ.")
        )
    if occurrence.completed_on is not None:
        raise DomainError(_("Nhiệm vụ này đã được báo cáo hoàn thành."))
    if occurrence.not_applicable_on is not None:
        raise DomainError(_("Kỳ này đã báo “không phát sinh”."))
    _reported_day(completed_on, _("Ngày hoàn thành"), "completed_on")
    if completed_on < task.assigned_on:
        # Work reported done before it was given is a typo of the date, never a fact.
        raise DomainError(
            _("Ngày hoàn thành (%(done)s) không được trước ngày giao nhiệm vụ (%(given)s).")
            % {
                "done": format_date_short(completed_on),
                "given": format_date_short(task.assigned_on),
            },
            field="completed_on",
        )
    if task.deliverable != Deliverable.NONE and not files:
        raise DomainError(
            _(
                "Nhiệm vụ này cần nộp %(deliverable)s: "
                "hãy đính kèm tệp (bản đã ký, bản chụp hoặc PDF)."
            )
            % {"deliverable": Deliverable(task.deliverable).label.lower()}
        )
    occurrence.completed_on = completed_on
    occurrence.completed_by = actor
    occurrence.reported_at = timezone.now()
    occurrence.progress = 100
    occurrence.save(
        update_fields=["completed_on", "completed_by", "reported_at", "progress", "updated_at"]
    )
    return _record(
        occurrence,
        actor,
        Kind.COMPLETION,
        completed_on,
        note,
        progress=100,
        files=files,
        allowed=allowed,
    )


def unit_plan_submit(
    *,
    actor: User,
    occurrence: TaskOccurrence,
    completed_on: date,
    name: str,
    data: bytes,
    note: str = "",
) -> TaskUpdate:
    """The signed plan of the chi bộ: its deliverable, and the task's completion."""
    if not occurrence.task.is_unit_plan:
        raise DomainError(_("Nhiệm vụ này không phải xây dựng kế hoạch của đơn vị."))
    return occurrence_complete(
        actor=actor,
        occurrence=occurrence,
        completed_on=completed_on,
        note=note or _("Nộp kế hoạch thực hiện đã ký."),
        files=[(name, data)],
        allowed=SIGNED_PLAN_KINDS,
    )


@transaction.atomic
def occurrence_not_applicable(
    *, actor: User, occurrence: TaskOccurrence, day: date, note: str
) -> TaskUpdate:
    """ "Không phát sinh": nothing to do in this period of a recurring task."""
    require_cap(actor, Cap.TASKS_UPDATE, occurrence.task.assignee)
    occurrence = _lock(occurrence)
    if not occurrence.period:
        raise DomainError(_("Chỉ nhiệm vụ định kỳ mới báo “không phát sinh” cho từng kỳ."))
    if occurrence.completed_on is not None or occurrence.not_applicable_on is not None:
        raise DomainError(_("Kỳ này đã có báo cáo."))
    _reported_day(day, _("Ngày báo cáo"), "day")
    if not note.strip():
        raise DomainError(_("Hãy ghi rõ lý do không phát sinh."))
    occurrence.not_applicable_on = day
    occurrence.save(update_fields=["not_applicable_on", "updated_at"])
    return _record(occurrence, actor, Kind.NOT_APPLICABLE, day, note)


# --- what the assigning body does ------------------------------------------------------------


def _require_confirm(actor: User, occurrence: TaskOccurrence) -> None:
    require_cap(actor, Cap.TASKS_CONFIRM, occurrence.task.plan.org_unit)
    # Whoever reported the work cannot also vouch for it.
    if occurrence.completed_by_id is not None and occurrence.completed_by_id == actor.pk:
        raise PermissionDenied


@transaction.atomic
def occurrence_confirm(*, actor: User, occurrence: TaskOccurrence, note: str = "") -> TaskUpdate:
    occurrence = _lock(occurrence)
    _require_confirm(actor, occurrence)
    if occurrence.completed_on is None:
        raise DomainError(_("Đơn vị chưa báo cáo hoàn thành nên chưa xác nhận được."))
    if occurrence.confirmed_at is not None:
        raise DomainError(_("Nhiệm vụ này đã được xác nhận."))
    occurrence.confirmed_at = timezone.now()
    occurrence.confirmed_by = actor
    occurrence.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    return _record(occurrence, actor, Kind.CONFIRMATION, timezone.localdate(), note)


@transaction.atomic
def occurrence_return(*, actor: User, occurrence: TaskOccurrence, note: str) -> TaskUpdate:
    """Trả lại: the completion is not accepted; the task is open again."""
    occurrence = _lock(occurrence)
    _require_confirm(actor, occurrence)
    if occurrence.completed_on is None:
        raise DomainError(_("Đơn vị chưa báo cáo hoàn thành."))
    if not note.strip():
        raise DomainError(_("Hãy ghi rõ lý do trả lại để đơn vị bổ sung."))
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
    return _record(occurrence, actor, Kind.RETURNED, timezone.localdate(), note)
