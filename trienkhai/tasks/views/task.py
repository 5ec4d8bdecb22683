"""One task: its page and timeline, what the unit reports, what the assigning body decides,
and the chi bộ's own plan (draft and signed copy). Thin views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, require_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.files import MIME_TYPES, read_upload
from trienkhai.core.held_files import HoldsFilesMixin
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.documents.render import render_docx
from trienkhai.tasks import selectors, services
from trienkhai.tasks.forms import (
    CompleteForm,
    NotApplicableForm,
    NoteForm,
    ProgressForm,
    ReturnForm,
    UnitPlanForm,
)
from trienkhai.tasks.models import Task, TaskOccurrence
from trienkhai.tasks.rules import due_text
from trienkhai.tasks.unit_plan import cell_tasks_of, draft_filename, unit_plan_document


def _current(views: list[selectors.OccurrenceView], period: str) -> selectors.OccurrenceView | None:
    """The occurrence the forms act on: the one asked for, else the first still open."""
    if period:
        for v in views:
            if v.occurrence.period == period:
                return v
    live = [v for v in views if v.info is not None]
    for v in live:
        if v.occurrence.completed_on is None and v.occurrence.not_applicable_on is None:
            return v
    return live[-1] if live else (views[0] if views else None)


@login_required
def task_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    return _detail(request, task)


def _detail(
    request: AuthenticatedRequest,
    task: Task,
    *,
    period: str | None = None,
    refused: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    """The task page; `refused` puts a refused form back in its place, as it was typed."""
    query = PageQuery.of(request)
    ref = query.day_or_today()
    views = selectors.task_occurrences(task=task, ref=ref)
    current = _current(views, query.get("ky") if period is None else period)
    may_update = has_cap(request.user, Cap.TASKS_UPDATE, task.assignee)
    may_confirm = has_cap(request.user, Cap.TASKS_CONFIRM, task.plan.org_unit)
    occurrence = current.occurrence if current else None
    done = occurrence is not None and occurrence.completed_on is not None
    context = {
        "title": _("Nhiệm vụ: %(text)s") % {"text": task.text[:60]},
        "task": task,
        "ref": ref,
        "is_today": ref == timezone.localdate(),
        "due_text": due_text(task.recurrence, task.due),
        "occurrences": views,
        "current": current,
        "helpers": list(task.helpers.order_by("path")),
        "timeline": selectors.timeline(task=task),
        "may_update": may_update,
        "may_assign": has_cap(request.user, Cap.TASKS_ASSIGN, task.plan.org_unit),
        "may_confirm": may_confirm
        and done
        and occurrence is not None
        and occurrence.confirmed_at is None
        and occurrence.completed_by_id != request.user.pk,
        "progress_form": ProgressForm(),
        "complete_form": CompleteForm(),
        "unit_plan_form": UnitPlanForm(),
        "na_form": NotApplicableForm(),
        "note_form": NoteForm(),
        **(refused or {}),
    }
    return render(request, "tasks/detail.html", context)


def _back(request: AuthenticatedRequest, occurrence: TaskOccurrence) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    url = reverse("tasks:detail", args=[occurrence.task_id])
    if occurrence.period:
        url += f"?ky={occurrence.period}"
    return redirect(url)


def _carry_out(
    request: AuthenticatedRequest,
    occurrence: TaskOccurrence,
    form: forms.Form,
    perform: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Check the form, call the service (which writes the audit entry), tell the user how it
    went, and go back to the task (or to the page the form came from).

    A refused form of the task page is shown again in its place with what was typed and the
    message under its field, never lost behind a redirect."""
    slot = FORM_SLOTS.get(type(form))
    if slot is not None and request.POST.get("next", "") == "":
        if submit(request, form, perform, success=done) is not None:
            return _back(request, occurrence)
        return _detail(request, occurrence.task, period=occurrence.period, refused={slot: form})
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            perform(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
    return _back(request, occurrence)


# --- one period of a task: what the unit reports, what the assigning body decides -----------


@dataclass(frozen=True)
class OccurrenceAction:
    route: str  # under ky/<pk>/
    # Checked before the form is read: the assignee reports (Cap.TASKS_UPDATE), the assigning
    # body decides (Cap.TASKS_CONFIRM); the service checks again and refuses the reporter
    # its own confirmation.
    cap: Cap
    form: type[forms.Form]  # its field names are the service's keywords ("evidence": files)
    service: Callable[..., object]
    done: Promise


OCCURRENCE_ACTIONS: dict[str, OccurrenceAction] = {  # URL name -> action
    "progress": OccurrenceAction(
        "cap-nhat",
        Cap.TASKS_UPDATE,
        ProgressForm,
        services.progress_add,
        gettext_lazy("Đã cập nhật tiến độ."),
    ),
    "complete": OccurrenceAction(
        "hoan-thanh",
        Cap.TASKS_UPDATE,
        CompleteForm,
        services.occurrence_complete,
        gettext_lazy("Đã báo cáo hoàn thành; chờ cơ quan giao nhiệm vụ xác nhận."),
    ),
    "not_applicable": OccurrenceAction(
        "khong-phat-sinh",
        Cap.TASKS_UPDATE,
        NotApplicableForm,
        services.occurrence_not_applicable,
        gettext_lazy("Đã báo cáo kỳ này không phát sinh."),
    ),
    "confirm": OccurrenceAction(
        "xac-nhan",
        Cap.TASKS_CONFIRM,
        NoteForm,
        services.occurrence_confirm,
        gettext_lazy("Đã xác nhận hoàn thành."),
    ),
    "return": OccurrenceAction(
        "tra-lai",
        Cap.TASKS_CONFIRM,
        ReturnForm,
        services.occurrence_return,
        gettext_lazy("Đã trả lại để đơn vị bổ sung."),
    ),
}


# Where each refusable form of the task page sits in its context.
FORM_SLOTS: dict[type[forms.Form], str] = {
    ProgressForm: "progress_form",
    CompleteForm: "complete_form",
    NotApplicableForm: "na_form",
    NoteForm: "note_form",
}


def _uploads(files: list[Any]) -> list[tuple[str, bytes]]:
    return [(f.name, read_upload(f)) for f in files]


@login_required
@require_POST
def occurrence_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """One of `OCCURRENCE_ACTIONS` on one occurrence (`action` comes from the URL pattern)."""
    spec = OCCURRENCE_ACTIONS[action]
    occurrence = selectors.occurrence_get(user=request.user, pk=pk)
    task = occurrence.task
    require_cap(
        request.user,
        spec.cap,
        task.assignee if spec.cap == Cap.TASKS_UPDATE else task.plan.org_unit,
    )

    def perform(data: dict[str, Any]) -> object:
        data = dict(data)
        if "evidence" in data:
            data["files"] = _uploads(data.pop("evidence"))
        return spec.service(actor=request.user, occurrence=occurrence, **data)

    form_class: Any = spec.form
    owner = {"owner": request.user.pk} if issubclass(form_class, HoldsFilesMixin) else {}
    form = form_class(request.POST, request.FILES, **owner)
    return _carry_out(request, occurrence, form, perform, str(spec.done))


# --- the chi bộ's own plan -------------------------------------------------------------------


def _unit_plan_task(request: AuthenticatedRequest, pk: int) -> Task:
    task = selectors.task_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.TASKS_UPDATE, task.assignee):
        raise PermissionDenied
    if not task.is_unit_plan:
        raise PermissionDenied
    return task


@login_required
def unit_plan_draft(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """ "Tạo kế hoạch của chi bộ": the draft DOCX for the secretary to edit."""
    task = _unit_plan_task(request, pk)
    try:
        data = unit_plan_document(task=task, cell_tasks=cell_tasks_of(task))
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("tasks:detail", pk=task.pk)
    response = HttpResponse(render_docx(data), content_type=MIME_TYPES["docx"])
    response["Content-Disposition"] = content_disposition_header(True, draft_filename(task)) or ""
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def unit_plan_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The signed plan: uploaded as the deliverable, it completes the task on its date."""
    task = _unit_plan_task(request, pk)
    occurrence = get_object_or_404(TaskOccurrence, task=task, period="")

    def perform(data: dict[str, Any]) -> object:
        upload = data["file"]
        return services.unit_plan_submit(
            actor=request.user,
            occurrence=occurrence,
            completed_on=data["completed_on"],
            name=upload.name,
            data=read_upload(upload),
            note=data["note"],
        )

    form = UnitPlanForm(request.POST, request.FILES)
    done = _("Đã nộp kế hoạch của chi bộ; chờ Đảng ủy xác nhận.")
    return _carry_out(request, occurrence, form, perform, done)
