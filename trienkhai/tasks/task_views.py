"""One task: its page and timeline, what the unit reports, what the assigning body decides,
and the chi bộ's own plan (draft and signed copy). Thin views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import Cap, has_cap
from trienkhai.core.dates import DateFormatError, parse_date
from trienkhai.core.errors import DomainError
from trienkhai.core.files import MIME_TYPES, read_upload
from trienkhai.documents.render import render_docx
from trienkhai.tasks import selectors, services
from trienkhai.tasks.forms import (
    CompleteForm,
    NotApplicableForm,
    NoteForm,
    ProgressForm,
    UnitPlanForm,
)
from trienkhai.tasks.models import Task, TaskOccurrence
from trienkhai.tasks.rules import due_text
from trienkhai.tasks.unit_plan import cell_tasks_of, draft_filename, unit_plan_document


def _ref(request: HttpRequest) -> Any:
    text = request.GET.get("ngay", "")
    if text:
        try:
            return parse_date(text)
        except DateFormatError:
            pass
    return timezone.localdate()


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
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    ref = _ref(request)
    views = selectors.task_occurrences(task=task, ref=ref)
    current = _current(views, request.GET.get("ky", ""))
    may_update = has_cap(request.user, Cap.TASKS_UPDATE, task.assignee)
    may_confirm = has_cap(request.user, Cap.TASKS_CONFIRM, task.plan.org_unit)
    occurrence = current.occurrence if current else None
    done = occurrence is not None and occurrence.completed_on is not None
    context = {
        "title": f"Nhiệm vụ: {task.text[:60]}",
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
    }
    return render(request, "tasks/detail.html", context)


def _back(request: HttpRequest, occurrence: TaskOccurrence) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    url = reverse("tasks:detail", args=[occurrence.task_id])
    if occurrence.period:
        url += f"?ky={occurrence.period}"
    return redirect(url)


def _form_errors(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _uploads(files: list[Any]) -> list[tuple[str, bytes]]:
    return [(f.name, read_upload(f)) for f in files]


@login_required
@require_POST
def occurrence_progress(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_get(user=request.user, pk=pk)
    form = ProgressForm(request.POST, request.FILES)
    if not has_cap(request.user, Cap.TASKS_UPDATE, occurrence.task.assignee):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(request, occurrence)
    try:
        services.progress_add(
            actor=request.user,
            occurrence=occurrence,
            day=form.cleaned_data["day"],
            progress=form.cleaned_data["progress"],
            note=form.cleaned_data["note"],
            files=_uploads(form.cleaned_data["evidence"]),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã cập nhật tiến độ."))
    return _back(request, occurrence)


@login_required
@require_POST
def occurrence_complete(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.TASKS_UPDATE, occurrence.task.assignee):
        raise PermissionDenied
    form = CompleteForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(request, occurrence)
    try:
        services.occurrence_complete(
            actor=request.user,
            occurrence=occurrence,
            completed_on=form.cleaned_data["completed_on"],
            note=form.cleaned_data["note"],
            files=_uploads(form.cleaned_data["evidence"]),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã báo cáo hoàn thành; chờ cơ quan giao nhiệm vụ xác nhận."))
    return _back(request, occurrence)


@login_required
@require_POST
def occurrence_not_applicable(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.TASKS_UPDATE, occurrence.task.assignee):
        raise PermissionDenied
    form = NotApplicableForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(request, occurrence)
    try:
        services.occurrence_not_applicable(
            actor=request.user,
            occurrence=occurrence,
            day=form.cleaned_data["day"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã báo cáo kỳ này không phát sinh."))
    return _back(request, occurrence)


@login_required
@require_POST
def occurrence_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_get(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        # The service answers 403 to a user without Cap.TASKS_CONFIRM and to the reporter.
        services.occurrence_confirm(
            actor=request.user, occurrence=occurrence, note=form.cleaned_data.get("note", "")
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã xác nhận hoàn thành."))
    return _back(request, occurrence)


@login_required
@require_POST
def occurrence_return(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_get(user=request.user, pk=pk)
    form = NoteForm(request.POST, required=True)
    if not form.is_valid():
        if not has_cap(request.user, Cap.TASKS_CONFIRM, occurrence.task.plan.org_unit):
            raise PermissionDenied
        messages.error(request, _("Hãy ghi rõ lý do trả lại."))
        return _back(request, occurrence)
    try:
        services.occurrence_return(
            actor=request.user, occurrence=occurrence, note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã trả lại để đơn vị bổ sung."))
    return _back(request, occurrence)


# --- the chi bộ's own plan -------------------------------------------------------------------


def _unit_plan_task(request: HttpRequest, pk: int) -> Task:
    task = selectors.task_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.TASKS_UPDATE, task.assignee):
        raise PermissionDenied
    if not task.is_unit_plan:
        raise PermissionDenied
    return task


@login_required
def unit_plan_draft(request: HttpRequest, pk: int) -> HttpResponse:
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
def unit_plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed plan: uploaded as the deliverable, it completes the task on its date."""
    task = _unit_plan_task(request, pk)
    occurrence = get_object_or_404(TaskOccurrence, task=task, period="")
    form = UnitPlanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(request, occurrence)
    upload = form.cleaned_data["file"]
    try:
        services.unit_plan_submit(
            actor=request.user,
            occurrence=occurrence,
            completed_on=form.cleaned_data["completed_on"],
            name=upload.name,
            data=read_upload(upload),
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã nộp kế hoạch của chi bộ; chờ Đảng ủy xác nhận."))
    return _back(request, occurrence)
