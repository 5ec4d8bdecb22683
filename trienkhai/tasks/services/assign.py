"""Writes of the assigning body: assign a plan (the fan-out), add, edit and reassign tasks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.plausibility import Doubt, confirm
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.lifecycle import require_in_force
from trienkhai.plans.models import Plan
from trienkhai.tasks.fanout import plan_preview
from trienkhai.tasks.models import (
    RECURRING,
    Deliverable,
    Recurrence,
    Task,
    TaskOccurrence,
    TaskUpdate,
    task_search_text,
)
from trienkhai.tasks.rules import due_text, occurrences_for

Upload = tuple[str, bytes]  # (file name, content)


def _plan_end(plan: Plan) -> date | None:
    return date(plan.end_year, 12, 31) if plan.end_year else None


def _check_schedule(recurrence: str, due: date | None) -> None:
    if recurrence == Recurrence.ONCE and due is None:
        raise DomainError(_("Nhiệm vụ thực hiện một lần phải có hạn hoàn thành."))
    if recurrence != Recurrence.ONCE and due is not None:
        raise DomainError(
            _(
                "Chỉ nhiệm vụ thực hiện một lần mới có hạn hoàn thành; nhiệm vụ thường xuyên "
                "hoặc định kỳ được tính hạn theo từng kỳ."
            )
        )


def _overdue_doubt(due: date | None, given: date) -> Doubt | None:
    """A task given with its deadline already past is seldom meant (often a wrong year)."""
    if due is None or due >= given:
        return None
    return Doubt(
        _("Hạn hoàn thành (%(due)s) trước ngày giao (%(given)s): nhiệm vụ quá hạn ngay khi giao.")
        % {"due": format_date_short(due), "given": format_date_short(given)},
        field="due",
    )


def _check_assignee(plan: Plan, unit: OrgUnit) -> None:
    if not plan.org_unit.contains(unit):
        raise DomainError(
            _("“%(unit)s” không thuộc %(plan_unit)s: không giao được.")
            % {"unit": unit.name, "plan_unit": plan.org_unit.name}
        )


# --- assigning a plan ------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyChoice:
    """What the office changed on the preview for one duty."""

    include: bool = True
    recurrence: str | None = None
    due: date | None = None
    deliverable: str | None = None
    # For a duty the fan-out could not place ("other"): the unit the office picked.
    unit: OrgUnit | None = None


@dataclass(frozen=True)
class AssignResult:
    created: int
    skipped: int


@transaction.atomic
def plan_assign(
    *,
    actor: User,
    plan: Plan,
    assigned_on: date,
    choices: dict[int, DutyChoice] | None = None,
) -> AssignResult:
    """Turn the plan's duties into tasks, one per assignee unit; assigning again adds only
    what is missing (a new unit, a duty added since), never a duplicate."""
    require_cap(actor, Cap.TASKS_ASSIGN, plan.org_unit)
    require_in_force(plan)
    # One assignment at a time per plan (PostgreSQL; SQLite's IMMEDIATE transactions do it).
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    choices = choices or {}
    end = _plan_end(plan)
    new_tasks: list[Task] = []
    skipped = 0
    for preview in plan_preview(plan=plan, day=assigned_on):
        choice = choices.get(preview.duty.pk, DutyChoice())
        skipped += preview.existing
        if not choice.include:
            continue
        units = preview.new_units
        if not preview.units and choice.unit is not None:
            _check_assignee(plan, choice.unit)
            units = [] if preview.existing else [choice.unit]
        if choice.recurrence:
            recurrence, due = choice.recurrence, choice.due
        else:
            recurrence, due = preview.schedule.recurrence, preview.schedule.due
        if recurrence != Recurrence.ONCE:
            due = None
        _check_schedule(recurrence, due)
        deliverable = choice.deliverable or preview.schedule.deliverable
        for unit in units:
            new_tasks.append(
                Task(
                    plan=plan,
                    duty=preview.duty,
                    solution_id=preview.duty.solution_id,
                    section=preview.duty.section,
                    body=preview.duty.body,
                    text=preview.duty.text,
                    assignee=unit,
                    origin_unit=unit,
                    recurrence=recurrence,
                    due=due,
                    assigned_on=assigned_on,
                    ends_on=end if recurrence in RECURRING else None,
                    deliverable=deliverable,
                    is_unit_plan=preview.schedule.unit_plan
                    and unit.kind in OrgUnit.PARTY_ORG_KINDS,
                    order=preview.duty.order,
                    created_by=actor,
                    search_text=task_search_text(preview.duty.section, preview.duty.text),
                )
            )
    # bulk_create skips auditlog's signals: the assignment writes one summary entry instead.
    created = Task.objects.bulk_create(new_tasks)
    TaskOccurrence.objects.bulk_create(
        TaskOccurrence(task=task, period=spec.period, starts_on=spec.starts_on, due=spec.due)
        for task in created
        for spec in occurrences_for(
            recurrence=task.recurrence,
            due=task.due,
            assigned_on=task.assigned_on,
            ends_on=task.ends_on,
        )
    )
    audit_action(
        actor=actor,
        action="tasks.plan.assigned",
        obj=plan,
        summary=_("Giao %(n)s nhiệm vụ của %(plan)s (bỏ qua %(skipped)s đã giao trước)")
        % {"n": len(created), "plan": plan, "skipped": skipped},
        unit=plan.org_unit,
        data={"created": len(created), "skipped": skipped, "assigned_on": str(assigned_on)},
    )
    return AssignResult(created=len(created), skipped=skipped)


# --- adding and editing tasks ----------------------------------------------------------------


def _sync_occurrences(task: Task) -> None:
    """Make the occurrences match the task's schedule, keeping every one that holds data."""
    wanted = {
        spec.period: spec
        for spec in occurrences_for(
            recurrence=task.recurrence,
            due=task.due,
            assigned_on=task.assigned_on,
            ends_on=task.ends_on,
        )
    }
    existing = {o.period: o for o in task.occurrences.all()}
    for period, occurrence in existing.items():
        if period in wanted:
            continue
        if (
            occurrence.completed_on
            or occurrence.not_applicable_on
            or occurrence.updates.filter(
                kind__in=(TaskUpdate.Kind.PROGRESS, TaskUpdate.Kind.COMPLETION)
            ).exists()
        ):
            raise DomainError(
                _(
                    "Không đổi được thời hạn: đơn vị đã báo cáo ở kỳ %(period)s. "
                    "Hãy giao nhiệm vụ mới thay vì sửa."
                )
                % {"period": occurrence.period_label or _("hiện tại")}
            )
        occurrence.delete()
    for period, spec in wanted.items():
        current = existing.get(period)
        if current is None:
            TaskOccurrence.objects.create(
                task=task, period=period, starts_on=spec.starts_on, due=spec.due
            )
        elif (current.starts_on, current.due) != (spec.starts_on, spec.due):
            current.starts_on, current.due = spec.starts_on, spec.due
            current.save(update_fields=["starts_on", "due", "updated_at"])


@transaction.atomic
def task_create(
    *,
    actor: User,
    plan: Plan,
    text: str,
    assignee: OrgUnit,
    recurrence: str = Recurrence.ONCE,
    due: date | None = None,
    section: str = "",
    helpers: Sequence[OrgUnit] = (),
    deliverable: str = Deliverable.NONE,
    assigned_on: date | None = None,
    ends_on: date | None = None,
    is_unit_plan: bool = False,
    confirm_note: str = "",
) -> Task:
    require_cap(actor, Cap.TASKS_ASSIGN, plan.org_unit)
    require_in_force(plan)
    _check_assignee(plan, assignee)
    for helper in helpers:
        _check_assignee(plan, helper)
    _check_schedule(recurrence, due)
    if not text.strip():
        raise DomainError(_("Chưa nhập nội dung nhiệm vụ."))
    given = assigned_on or timezone.localdate()
    note = confirm([_overdue_doubt(due, given)], confirm_note)
    task = Task.objects.create(
        plan=plan,
        section=section,
        text=text.strip(),
        assignee=assignee,
        recurrence=recurrence,
        due=due,
        assigned_on=given,
        ends_on=(ends_on or _plan_end(plan)) if recurrence in RECURRING else None,
        deliverable=deliverable,
        is_unit_plan=is_unit_plan,
        order=10_000,
        created_by=actor,
    )
    task.helpers.set([h for h in helpers if h.pk != assignee.pk])
    _sync_occurrences(task)
    audit_action(
        actor=actor,
        action="tasks.task.created",
        obj=task,
        summary=_("Giao nhiệm vụ cho %(unit)s: %(text)s")
        % {"unit": assignee.name, "text": task.text[:80]}
        + (_(" Xác nhận: %(note)s") % {"note": note} if note else ""),
        created=True,
    )
    if note:
        # Kept on the task's timeline, where whoever reads the overdue task sees why.
        TaskUpdate.objects.create(
            task=task, kind=TaskUpdate.Kind.ASSIGNMENT, date=given, note=note, created_by=actor
        )
    return task


EDITABLE = ("text", "section", "recurrence", "due", "ends_on", "deliverable", "assignee")


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: Task,
    helpers: Sequence[OrgUnit] | None = None,
    confirm_note: str = "",
    **changes: Any,
) -> Task:
    """Edit or reassign a task (the office). A reassignment moves the open work to the new
    unit and stays on the timeline; a deadline moved before the day the task was given asks
    for a note, as when a task is created already overdue."""
    require_cap(actor, Cap.TASKS_ASSIGN, task.plan.org_unit)
    require_in_force(task.plan)
    note = ""
    if "due" in changes:
        note = confirm([_overdue_doubt(changes["due"], task.assigned_on)], confirm_note)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    old_assignee = task.assignee
    old_due = due_text(task.recurrence, task.due)
    for name, value in changes.items():
        setattr(task, name, value)
    if task.recurrence != Recurrence.ONCE and "due" not in changes:
        task.due = None
    _check_schedule(task.recurrence, task.due)
    _check_assignee(task.plan, task.assignee)
    if task.recurrence in RECURRING:
        task.ends_on = task.ends_on or _plan_end(task.plan)
    else:
        task.ends_on = None
    task.save()
    if helpers is not None:
        for helper in helpers:
            _check_assignee(task.plan, helper)
        task.helpers.set([h for h in helpers if h.pk != task.assignee_id])
    _sync_occurrences(task)
    notes: list[str] = []
    if task.assignee_id != old_assignee.pk:
        notes.append(
            _("Chuyển nhiệm vụ từ %(old)s sang %(new)s.")
            % {"old": old_assignee.name, "new": task.assignee.name}
        )
    new_due = due_text(task.recurrence, task.due)
    if new_due != old_due:
        notes.append(
            _("Điều chỉnh thời hạn: %(old)s → %(new)s.") % {"old": old_due, "new": new_due}
        )
    if note:
        notes.append(_("Xác nhận: %(note)s") % {"note": note})
    if notes:
        TaskUpdate.objects.create(
            task=task,
            kind=TaskUpdate.Kind.ASSIGNMENT,
            date=timezone.localdate(),
            note=" ".join(notes),
            created_by=actor,
        )
    reassigned = task.assignee_id != old_assignee.pk
    audit_action(
        actor=actor,
        action="tasks.task.reassigned" if reassigned else "tasks.task.updated",
        obj=task,
        summary=" ".join(notes) or _("Sửa nội dung nhiệm vụ."),
        data={"from_unit": old_assignee.pk} if reassigned else None,
    )
    return task
