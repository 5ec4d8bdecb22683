"""Writes on tasks: assign a plan, add, edit and reassign tasks, report, confirm, return.

Every function is atomic, checks the actor's capability on the object it acts on (the
assigning body for Cap.TASKS_ASSIGN and Cap.TASKS_CONFIRM, the assignee for Cap.TASKS_UPDATE),
raises `DomainError` with a Vietnamese message when a rule is broken, and writes an audit
entry with a dotted action code.
"""

from trienkhai.tasks.services.assign import (
    EDITABLE,
    AssignResult,
    DutyChoice,
    Upload,
    plan_assign,
    task_create,
    task_update,
)
from trienkhai.tasks.services.reports import (
    EVIDENCE_KINDS,
    SIGNED_PLAN_KINDS,
    occurrence_complete,
    occurrence_confirm,
    occurrence_not_applicable,
    occurrence_return,
    progress_add,
    unit_plan_submit,
)

__all__ = [
    "EDITABLE",
    "EVIDENCE_KINDS",
    "SIGNED_PLAN_KINDS",
    "AssignResult",
    "DutyChoice",
    "Upload",
    "occurrence_complete",
    "occurrence_confirm",
    "occurrence_not_applicable",
    "occurrence_return",
    "plan_assign",
    "progress_add",
    "task_create",
    "task_update",
    "unit_plan_submit",
]
