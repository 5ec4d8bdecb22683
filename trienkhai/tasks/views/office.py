"""The office's pages: assign a plan (preview, then confirm), add, edit and reassign tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.tasks import selectors, services
from trienkhai.tasks.fanout import plan_preview
from trienkhai.tasks.forms import AssignForm, TaskForm, assignee_units
from trienkhai.tasks.models import Task

# --- assigning and editing (the office) ------------------------------------------------------


@login_required
def assign_index(request: AuthenticatedRequest) -> HttpResponse:
    plans = selectors.assignable_plans(user=request.user)
    if not plans.exists():
        raise PermissionDenied
    return render(request, "tasks/assign_index.html", {"title": _("Giao nhiệm vụ"), "plans": plans})


@login_required
def plan_assign(request: AuthenticatedRequest, plan_pk: int) -> HttpResponse:
    """Preview the fan-out of a plan's duties, then confirm; assigning twice adds nothing."""
    plan = get_object_or_404(selectors.assignable_plans(user=request.user), pk=plan_pk)
    day = timezone.localdate()
    previews = plan_preview(plan=plan, day=day)
    units = assignee_units(plan.org_unit)
    form = AssignForm(request.POST or None, previews=previews, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.plan_assign(
                actor=request.user,
                plan=plan,
                assigned_on=form.cleaned_data["assigned_on"],
                choices=form.choices(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if result.created:
                text = _("Đã giao %(n)s nhiệm vụ.") % {"n": format_number(result.created)}
                if result.skipped:
                    text += " " + _("%(n)s nhiệm vụ đã giao từ trước được giữ nguyên.") % {
                        "n": format_number(result.skipped)
                    }
                messages.success(request, text)
            else:
                messages.info(request, _("Không có nhiệm vụ mới: mọi nhiệm vụ đã được giao."))
            return redirect(reverse("tasks:list") + f"?ke_hoach={plan.pk}")
    # New tasks, plus the duties the office must place itself ("other"): something to do.
    new_total = sum(len(p.new_units) for p in previews)
    pending = new_total + sum(1 for p in previews if not p.units and not p.existing)
    return render(
        request,
        "tasks/assign.html",
        {
            "title": _("Giao nhiệm vụ của %(plan)s") % {"plan": plan},
            "plan": plan,
            "form": form,
            "rows": form.rows(),
            "new_total": new_total,
            "pending": pending,
            "existing_total": sum(p.existing for p in previews),
        },
    )


def _task_form(
    request: AuthenticatedRequest,
    form: TaskForm,
    save: Callable[[dict[str, Any]], Task],
    *,
    done: str,
    title: str,
    task: Task | None,
) -> HttpResponse:
    """Save a valid form through `save` and go to the task; else show the form again, with
    the service's refusal when there is one."""
    if saved := submit(request, form, save, success=done):
        return redirect("tasks:detail", pk=saved.result.pk)
    return render(request, "tasks/task_form.html", {"title": title, "form": form, "task": task})


@login_required
def task_create(request: AuthenticatedRequest) -> HttpResponse:
    plans = selectors.assignable_plans(user=request.user)
    if not plans.exists():
        raise PermissionDenied
    # The plan chosen in the form, else the one the page was opened for (?ke_hoach=).
    plan_id = request.POST.get("plan") or str(PageQuery.of(request).plan_id or "")
    plan = plans.filter(pk=plan_id).first() if plan_id and plan_id.isdigit() else plans.first()
    assert plan is not None
    form = TaskForm(
        request.POST or None,
        plans=plans,
        units=assignee_units(plan.org_unit),
        initial={"plan": plan, "recurrence": "once", "deliverable": "none"},
    )

    def save(data: dict[str, Any]) -> Task:
        # The form's fields are the service's keywords.
        return services.task_create(
            actor=request.user, **{**data, "helpers": list(data["helpers"])}
        )

    return _task_form(
        request, form, save, done=_("Đã giao nhiệm vụ."), title=_("Thêm nhiệm vụ"), task=None
    )


@login_required
def task_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.TASKS_ASSIGN, task.plan.org_unit):
        raise PermissionDenied
    initial: dict[str, Any] = {
        "section": task.section,
        "text": task.text,
        "assignee": task.assignee,
        "helpers": list(task.helpers.all()),
        "recurrence": task.recurrence,
        "due": task.due,
        "deliverable": task.deliverable,
    }
    units = assignee_units(task.plan.org_unit)
    form = TaskForm(request.POST or None, plans=None, units=units, editing=True, initial=initial)

    def save(data: dict[str, Any]) -> Task:
        # Only what changed: a reassignment and a new deadline go on the timeline.
        changes = {
            name: data[name]
            for name in ("section", "text", "assignee", "recurrence", "due", "deliverable")
            if data[name] != initial[name]
        }
        helpers = list(data["helpers"])
        return services.task_update(
            actor=request.user,
            task=task,
            helpers=helpers if set(helpers) != set(initial["helpers"]) else None,
            confirm_note=data.get("confirm_note", ""),
            **changes,
        )

    title = _("Sửa, giao lại nhiệm vụ")
    return _task_form(request, form, save, done=_("Đã lưu nhiệm vụ."), title=title, task=task)
