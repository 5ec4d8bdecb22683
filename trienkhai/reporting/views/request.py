"""One report: its page (facts, figures and narrative, files, the reviewer's steps, the
timeline), and the posts that write, send, refresh the figures, attach and remove files,
return, accept, reopen and extend it. Thin views: the services decide.

A refused step shows the page again with the message under its field and what was typed
kept. A stale one (someone changed the report meanwhile) also shows the report as it is now,
read-only, next to the user's own text, with the new version so that saving again goes
through: nobody's text is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.submit import submit as run_form
from trienkhai.reporting import content, selectors, services
from trienkhai.reporting.content import FigureRow, FiguresRefused
from trienkhai.reporting.forms import (
    SAVE,
    AcceptForm,
    AttachForm,
    ContentForm,
    ExtendForm,
    RefreshForm,
    ReopenForm,
    ReturnForm,
    grouped,
)
from trienkhai.reporting.models import NARRATIVE_SECTIONS, ReportEvent, ReportRequest, RequestState
from trienkhai.reporting.services import EDITABLE, StaleRequest

S = RequestState
Perform = Callable[[AuthenticatedRequest, ReportRequest, dict[str, Any]], ReportRequest]
# A step's form, for the request as it is (the content form is built from its figures).
MakeForm = Callable[[ReportRequest, Any], forms.Form]


@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.request_get(user=request.user, pk=pk))


def _page(
    request: AuthenticatedRequest,
    req: ReportRequest,
    *,
    refused: tuple[str, forms.Form] | None = None,
    stale: ReportRequest | None = None,
) -> HttpResponse:
    """The request page; `refused` puts a refused form back in its place as it was typed."""
    user = request.user
    may_review = has_cap(user, Cap.REPORTING_REVIEW, req.schedule.org_unit)
    may_write = may_review or has_cap(user, Cap.REPORTING_SUBMIT, req.org_unit)
    slot, refused_form = refused if refused else ("", None)
    version = {"version": req.version}
    events = list(selectors.events_of(req))
    last_return = next(
        (
            e
            for e in reversed(events)
            if e.action in (ReportEvent.Action.RETURNED, ReportEvent.Action.REOPENED)
        ),
        None,
    )
    sent = next((e for e in reversed(events) if e.action == ReportEvent.Action.SUBMITTED), None)
    writes = may_write and req.state in EDITABLE
    # A refused form is shown whatever the state, so that what was typed is never lost.
    show = {
        "content_form": writes,
        "refresh_form": writes,
        "attach_form": writes,
        "return_form": may_review and req.state == S.SUBMITTED,
        "accept_form": may_review and req.state == S.SUBMITTED,
        "reopen_form": may_review and req.state == S.ACCEPTED,
        "extend_form": may_review and req.state != S.ACCEPTED,
    }
    if slot:
        show[slot] = True
    # The modules count the figures once per page: a refused content form carries them
    # (nothing was saved, so they are the report's as it is now).
    rows = refused_form.rows if isinstance(refused_form, ContentForm) else content.request_rows(req)
    content_form = refused_form if slot == "content_form" else None
    if content_form is None and show["content_form"]:
        content_form = _content_form(req, None, rows=rows)
    context: dict[str, Any] = {
        "title": f"{req.schedule.title} · {req.org_unit.name}",
        "req": req,
        "as_of": content.counted_as_of(req),
        "events": events,
        "last_return": last_return if req.state == S.RETURNED else None,
        "may_write": may_write,
        "may_review": may_review,
        # The office writing for the unit ("nhập thay"): the page says so.
        "on_behalf": may_review,
        "sent_on_behalf": bool(sent and sent.on_behalf),
        "show": show,
        "stale": stale,
        # Read-only: the report as it is (after a conflict, the other person's).
        "figures": grouped(rows),
        "parts": _parts(req),
        "stale_parts": _parts(stale) if stale else [],
        "attachments": list(selectors.attachments_of(req)),
        "content_form": content_form,
        "figure_inputs": content_form.figure_sections()
        if isinstance(content_form, ContentForm)
        else [],
        "refresh_form": RefreshForm(initial=version),
        "attach_form": AttachForm(),
        "return_form": ReturnForm(initial=version),
        "accept_form": AcceptForm(initial=version),
        "reopen_form": ReopenForm(initial=version),
        "extend_form": ExtendForm(),
    }
    if refused_form is not None:
        context[slot] = refused_form
    return render(request, "reporting/request.html", context)


def _content_form(
    req: ReportRequest, data: Any, *, rows: list[FigureRow] | None = None
) -> ContentForm:
    """The writer's form over the report's figures, prefilled with what is stored."""
    initial = {"narrative": req.narrative, **req.sections, "version": req.version}
    if rows is None:
        rows = content.request_rows(req)
    return ContentForm(data, rows=rows, initial=initial)


def _parts(req: ReportRequest) -> list[tuple[str, str]]:
    """The narrative parts the unit wrote, headed, in the report's order."""
    parts = [(_("Kết quả thực hiện"), req.narrative)]
    parts += [(str(label), req.sections.get(key, "")) for key, label in NARRATIVE_SECTIONS]
    return [(heading, text) for heading, text in parts if text.strip()]


def _plain(form_class: type[forms.Form]) -> MakeForm:
    def make(req: ReportRequest, data: Any) -> forms.Form:
        return form_class(data)

    return make


def _act(
    request: AuthenticatedRequest,
    pk: int,
    slot: str,
    make_form: MakeForm,
    perform: Perform,
    done: Callable[[ReportRequest], str],
) -> HttpResponse:
    """Check the form, call the service, and go back to the request; a refused step shows
    the page again with the form as typed (and, when stale, the report as it is now)."""
    req = selectors.request_get(user=request.user, pk=pk)
    form = make_form(req, request.POST)
    conflict: list[StaleRequest] = []

    def action(data: dict[str, Any]) -> ReportRequest:
        try:
            return perform(request, req, data)
        except StaleRequest as exc:
            conflict.append(exc)
            raise
        except FiguresRefused as exc:
            if isinstance(form, ContentForm):
                form.add_figure_errors(exc.errors)
            raise

    if run_form(request, form, action, success=done) is not None:
        return redirect("reporting:request", pk=req.pk)
    # The page shows the request as it is now, not as it was read before the step.
    current = selectors.request_get(user=request.user, pk=pk)
    if conflict:
        form = _carry_version(make_form, current, form, conflict[0])
    return _page(
        request,
        current,
        refused=(slot, form),
        stale=conflict[0].current if conflict else None,
    )


def _carry_version(
    make_form: MakeForm, current: ReportRequest, form: forms.Form, exc: StaleRequest
) -> forms.Form:
    """The same typed form over the report as it is now, with the version now current:
    saving it again goes through."""
    data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
    data["version"] = str(exc.current.version)
    again = make_form(current, data)
    again.full_clean()
    again.add_error(None, exc.message)
    return again


# --- the unit (or the office for it): write, send, refresh the figures, attach files ----------


def _write(request: AuthenticatedRequest, req: ReportRequest, data: dict[str, Any]) -> Any:
    service = services.request_save if data["action"] == SAVE else services.request_submit
    return service(actor=request.user, request=req, version=data["version"], **data["content"])


def _written(req: ReportRequest) -> str:
    if req.state == S.DRAFT:
        return _("Đã lưu bản nháp.")
    return _("Đã gửi báo cáo đến %(reviewer)s.") % {"reviewer": req.schedule.reviewer.name}


@login_required
@require_POST
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "content_form", _content_form, _write, _written)


def _refresh(request: AuthenticatedRequest, req: ReportRequest, data: dict[str, Any]) -> Any:
    return services.request_refresh_figures(
        actor=request.user, request=req, version=data["version"]
    )


@login_required
@require_POST
def refresh(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        return _(
            "Đã cập nhật số liệu từ hệ thống (tính đến %(day)s); số liệu đơn vị đã sửa, có "
            "ghi chú, được giữ nguyên."
        ) % {"day": format_date_short(content.counted_as_of(req))}

    return _act(request, pk, "refresh_form", _plain(RefreshForm), _refresh, done)


@login_required
@require_POST
def attach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    req = selectors.request_get(user=request.user, pk=pk)
    form = AttachForm(request.POST, request.FILES)

    def action(data: dict[str, Any]) -> Any:
        upload = data["file"]
        return services.request_attach(
            actor=request.user,
            request=req,
            data=read_upload(upload),
            name=upload.name,
            signed=data["signed"],
        )

    def done(attachment: Any) -> str:
        name = {"name": attachment.file.original_name}
        if attachment.signed:
            return _("Đã đính kèm bản báo cáo đã ký “%(name)s”.") % name
        return _("Đã đính kèm tệp “%(name)s”.") % name

    if run_form(request, form, action, success=done) is not None:
        return redirect("reporting:request", pk=req.pk)
    return _page(request, req, refused=("attach_form", form))


@login_required
@require_POST
def detach(request: AuthenticatedRequest, pk: int, attachment: int) -> HttpResponse:
    req = selectors.request_get(user=request.user, pk=pk)
    item = selectors.attachment_get(request=req, pk=attachment)
    name = item.file.original_name
    try:
        services.request_detach(actor=request.user, attachment=item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã bỏ tệp “%(name)s” khỏi báo cáo.") % {"name": name})
    return redirect("reporting:request", pk=req.pk)


# --- the reviewer: return, accept, reopen, extend -------------------------------------------


def _return(request: AuthenticatedRequest, req: ReportRequest, data: dict[str, Any]) -> Any:
    return services.request_return(
        actor=request.user, request=req, version=data["version"], reason=data["reason"]
    )


def _accept(request: AuthenticatedRequest, req: ReportRequest, data: dict[str, Any]) -> Any:
    return services.request_accept(actor=request.user, request=req, version=data["version"])


def _reopen(request: AuthenticatedRequest, req: ReportRequest, data: dict[str, Any]) -> Any:
    return services.request_reopen(
        actor=request.user, request=req, version=data["version"], reason=data["reason"]
    )


def _extend(request: AuthenticatedRequest, req: ReportRequest, data: dict[str, Any]) -> Any:
    return services.request_extend(
        actor=request.user, request=req, until=data["until"], reason=data["reason"]
    )


@login_required
@require_POST
def return_(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        return _("Đã trả lại báo cáo cho %(unit)s.") % {"unit": req.org_unit.name}

    return _act(request, pk, "return_form", _plain(ReturnForm), _return, done)


@login_required
@require_POST
def accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        return _("Đã duyệt báo cáo của %(unit)s.") % {"unit": req.org_unit.name}

    return _act(request, pk, "accept_form", _plain(AcceptForm), _accept, done)


@login_required
@require_POST
def reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        return _("Đã mở lại báo cáo; đơn vị sửa và gửi lại.")

    return _act(request, pk, "reopen_form", _plain(ReopenForm), _reopen, done)


@login_required
@require_POST
def extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        day = req.extended_due
        return _("Đã gia hạn đến %(day)s.") % {"day": format_date_short(day) if day else ""}

    return _act(request, pk, "extend_form", _plain(ExtendForm), _extend, done)
