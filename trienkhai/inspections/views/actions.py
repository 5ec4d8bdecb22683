"""The corrective actions: a unit's own list (on a phone first: what to put right, by when),
and one action's page where the unit reports it done with its evidence and the body
verifies it or sends it back."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, page_unit, signed_in
from trienkhai.core.files import read_upload
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.inspections import exports, selectors, services
from trienkhai.inspections.forms import ReportForm, ReviewForm
from trienkhai.inspections.models import ActionState, CorrectiveAction

STATE = "tinh_trang"
OVERDUE = "qua_han"


class UnitActions(ListPage[dict[str, Any]]):
    """`/kiem-tra/khac-phuc/`: the actions of the unit looked at (`?don_vi=`, by default the
    user's own), those still to do first."""

    template = "inspections/unit.html"
    print_template = "inspections/unit_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        query = PageQuery.of(request)
        state = query.get(STATE)
        return {
            "root": page_unit(signed_in(request)),
            "state": state if state in ActionState.values or state == OVERDUE else "",
            "today": timezone.localdate(),
        }

    def rows(self, request: HttpRequest, state: dict[str, Any]) -> Any:
        overdue = state["state"] == OVERDUE
        return selectors.actions_for(
            user=signed_in(request).user,
            root=state["root"],
            state="" if overdue else state["state"],
            overdue_on=state["today"] if overdue else None,
        )

    def decorate(self, request: HttpRequest, state: dict[str, Any], rows: list[Any]) -> list[Any]:
        for row in rows:
            row.info = selectors.action_status(row, state["today"])
        return rows

    def title(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return _("Yêu cầu khắc phục")

    def context(self, request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "states": [*ActionState.choices, (OVERDUE, _("Quá hạn"))]}

    def workbook(self, request: HttpRequest, state: dict[str, Any], rows: list[Any]) -> bytes:
        heading = f"{self.title(request, state)} — {state['root'].name}"
        return exports.actions_workbook(rows, heading=heading, today=state["today"])

    def filename(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return f"Yeu cau khac phuc {state['root'].code} {state['today']:%d-%m-%Y}.xlsx"


UNIT = UnitActions()


def _context(request: AuthenticatedRequest, action: CorrectiveAction) -> dict[str, Any]:
    inspection = action.finding.inspection
    today = timezone.localdate()
    return {
        "action": action,
        "finding": action.finding,
        "inspection": inspection,
        "info": selectors.action_status(action, today),
        "events": selectors.events_of(action),
        "evidence": selectors.evidence_of(action),
        "can_report": selectors.can_report(request.user, action),
        "can_review": action.state == ActionState.REPORTED
        and selectors.can_manage(request.user, inspection),
        "title": _("Yêu cầu khắc phục — %(unit)s") % {"unit": action.org_unit.name},
    }


@login_required
def action_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    context = _context(request, action)
    if context["can_report"]:
        form = ReportForm(
            request.POST or None,
            request.FILES or None,
            owner=request.user.pk,
            initial={"version": action.version, "done_on": timezone.localdate()},
        )

        def report(data: dict[str, Any]) -> CorrectiveAction:
            files = [(f.name, read_upload(f)) for f in data.get("evidence") or []]
            return services.action_report(
                actor=request.user,
                action=action,
                version=data["version"],
                done_on=data["done_on"],
                report=data["report"],
                files=files,
            )

        done = submit(
            request, form, report, success=_("Đã báo cáo kết quả khắc phục; chờ đoàn xác nhận.")
        )
        if done is not None:
            return redirect("inspections:action", action.pk)
        context["report_form"] = form
    if context["can_review"]:
        context["review_form"] = ReviewForm(initial={"version": action.version})
    return render(request, "inspections/action.html", context)


def _review(request: AuthenticatedRequest, pk: int, verify: bool) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    form = ReviewForm(request.POST)

    def step(data: dict[str, Any]) -> CorrectiveAction:
        if verify:
            return services.action_verify(
                actor=request.user, action=action, version=data["version"], note=data["note"]
            )
        return services.action_return(
            actor=request.user, action=action, version=data["version"], note=data["note"]
        )

    message = _("Đã xác nhận đơn vị khắc phục xong.") if verify else _("Đã trả lại cho đơn vị.")
    if submit(request, form, step, success=message) is not None:
        return redirect("inspections:action", action.pk)
    context = _context(request, action)
    context["review_form"] = form
    return render(request, "inspections/action.html", context)


@login_required
@require_POST
def action_verify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _review(request, pk, verify=True)


@login_required
@require_POST
def action_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _review(request, pk, verify=False)
