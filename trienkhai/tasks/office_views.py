"""The office's pages: assign a plan (preview, then confirm), add, edit and reassign tasks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Cap, has_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number
from trienkhai.tasks import selectors, services
from trienkhai.tasks.fanout import plan_preview
from trienkhai.tasks.forms import (
    AssignForm,
    TaskForm,
    assignee_units,
)

# --- assigning and editing (the office) ------------------------------------------------------


@login_required
def assign_index(request: HttpRequest) -> HttpResponse:
    plans = selectors.assignable_plans(user=request.user)
    if not plans.exists():
        raise PermissionDenied
    return render(request, "tasks/assign_index.html", {"title": "Giao nhiệm vụ", "plans": plans})


@login_required
def plan_assign(request: HttpRequest, plan_pk: int) -> HttpResponse:
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
            "title": f"Giao nhiệm vụ của {plan}",
            "plan": plan,
            "form": form,
            "rows": form.rows(),
            "new_total": new_total,
            "pending": pending,
            "existing_total": sum(p.existing for p in previews),
        },
    )


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    plans = selectors.assignable_plans(user=request.user)
    if not plans.exists():
        raise PermissionDenied
    plan_id = request.POST.get("plan") or request.GET.get("ke_hoach")
    plan = plans.filter(pk=plan_id).first() if plan_id and plan_id.isdigit() else plans.first()
    assert plan is not None
    units = assignee_units(plan.org_unit)
    form = TaskForm(
        request.POST or None,
        plans=plans,
        units=units,
        initial={"plan": plan, "recurrence": "once", "deliverable": "none"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_create(
                actor=request.user,
                plan=data["plan"],
                text=data["text"],
                section=data["section"],
                assignee=data["assignee"],
                helpers=list(data["helpers"]),
                recurrence=data["recurrence"],
                due=data["due"],
                deliverable=data["deliverable"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect("tasks:detail", pk=task.pk)
    return render(
        request, "tasks/task_form.html", {"title": "Thêm nhiệm vụ", "form": form, "task": None}
    )


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.TASKS_ASSIGN, task.plan.org_unit):
        raise PermissionDenied
    units = assignee_units(task.plan.org_unit)
    initial: dict[str, Any] = {
        "section": task.section,
        "text": task.text,
        "assignee": task.assignee,
        "helpers": list(task.helpers.all()),
        "recurrence": task.recurrence,
        "due": task.due,
        "deliverable": task.deliverable,
    }
    form = TaskForm(request.POST or None, plans=None, units=units, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in ("section", "text", "assignee", "recurrence", "due", "deliverable")
            if data[name] != initial[name]
        }
        helpers = list(data["helpers"])
        try:
            services.task_update(
                actor=request.user,
                task=task,
                helpers=helpers if set(helpers) != set(initial["helpers"]) else None,
                **changes,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("tasks:detail", pk=task.pk)
    return render(
        request,
        "tasks/task_form.html",
        {"title": "Sửa, giao lại nhiệm vụ", "form": form, "task": task},
    )
