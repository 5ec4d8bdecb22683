"""One report: its page (facts, content, the reviewer's steps, the timeline), and the posts
that write, send, return, accept, reopen and extend it. Thin views: the services decide.

A refused step shows the page again with the message under its field and what was typed
kept. A stale one (someone changed the report meanwhile) also shows the report as it is now,
read-only, next to the user's own text, with the new version so that saving again goes
through: nobody's text is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap
from trienkhai.core.dates import format_date_short
from trienkhai.core.submit import submit as run_form
from trienkhai.reporting import selectors, services
from trienkhai.reporting.forms import (
    SAVE,
    AcceptForm,
    ContentForm,
    ExtendForm,
    ReopenForm,
    ReturnForm,
)
from trienkhai.reporting.models import ReportEvent, ReportRequest, RequestState
from trienkhai.reporting.services import EDITABLE, StaleRequest

S = RequestState
Perform = Callable[[AuthenticatedRequest, ReportRequest, dict[str, Any]], ReportRequest]


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
    slot = refused[0] if refused else ""
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
    # A refused form is shown whatever the state, so that what was typed is never lost.
    show = {
        "content_form": may_write and req.state in EDITABLE,
        "return_form": may_review and req.state == S.SUBMITTED,
        "accept_form": may_review and req.state == S.SUBMITTED,
        "reopen_form": may_review and req.state == S.ACCEPTED,
        "extend_form": may_review and req.state != S.ACCEPTED,
    }
    if slot:
        show[slot] = True
    context: dict[str, Any] = {
        "title": f"{req.schedule.title} · {req.org_unit.name}",
        "req": req,
        "events": events,
        "last_return": last_return if req.state == S.RETURNED else None,
        "may_write": may_write,
        "may_review": may_review,
        # The office writing for the unit ("nhập thay"): the page says so.
        "on_behalf": may_review,
        "show": show,
        "stale": stale,
        "content_form": ContentForm(initial={"narrative": req.narrative, **version}),
        "return_form": ReturnForm(initial=version),
        "accept_form": AcceptForm(initial=version),
        "reopen_form": ReopenForm(initial=version),
        "extend_form": ExtendForm(),
    }
    if refused:
        context[slot] = refused[1]
    return render(request, "reporting/request.html", context)


def _act(
    request: AuthenticatedRequest,
    pk: int,
    slot: str,
    form_class: type[forms.Form],
    perform: Perform,
    done: Callable[[ReportRequest], str],
) -> HttpResponse:
    """Check the form, call the service, and go back to the request; a refused step shows
    the page again with the form as typed (and, when stale, the report as it is now)."""
    req = selectors.request_get(user=request.user, pk=pk)
    form = form_class(request.POST)
    conflict: list[StaleRequest] = []

    def action(data: dict[str, Any]) -> ReportRequest:
        try:
            return perform(request, req, data)
        except StaleRequest as exc:
            conflict.append(exc)
            raise

    if run_form(request, form, action, success=done) is not None:
        return redirect("reporting:request", pk=req.pk)
    stale = conflict[0].current if conflict else None
    if conflict:
        form = _carry_version(form, conflict[0])
    # The page shows the request as it is now, not as it was read before the step.
    return _page(
        request,
        selectors.request_get(user=request.user, pk=pk),
        refused=(slot, form),
        stale=stale,
    )


def _carry_version(form: forms.Form, exc: StaleRequest) -> forms.Form:
    """The same typed form, with the version now current: saving it again goes through."""
    data = dict(form.data.items())
    data["version"] = str(exc.current.version)
    again = type(form)(data)
    again.full_clean()
    again.add_error(None, exc.message)
    return again


# --- the unit (or the office for it): save a draft or send ----------------------------------


def _write(request: AuthenticatedRequest, req: ReportRequest, data: dict[str, Any]) -> Any:
    service = services.request_save if data["action"] == SAVE else services.request_submit
    return service(
        actor=request.user, request=req, version=data["version"], narrative=data["narrative"]
    )


def _written(req: ReportRequest) -> str:
    if req.state == S.DRAFT:
        return _("Đã lưu bản nháp.")
    return _("Đã gửi báo cáo đến %(reviewer)s.") % {"reviewer": req.schedule.reviewer.name}


@login_required
@require_POST
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "content_form", ContentForm, _write, _written)


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

    return _act(request, pk, "return_form", ReturnForm, _return, done)


@login_required
@require_POST
def accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        return _("Đã duyệt báo cáo của %(unit)s.") % {"unit": req.org_unit.name}

    return _act(request, pk, "accept_form", AcceptForm, _accept, done)


@login_required
@require_POST
def reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        return _("Đã mở lại báo cáo; đơn vị sửa và gửi lại.")

    return _act(request, pk, "reopen_form", ReopenForm, _reopen, done)


@login_required
@require_POST
def extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def done(req: ReportRequest) -> str:
        day = req.extended_due
        return _("Đã gia hạn đến %(day)s.") % {"day": format_date_short(day) if day else ""}

    return _act(request, pk, "extend_form", ExtendForm, _extend, done)
