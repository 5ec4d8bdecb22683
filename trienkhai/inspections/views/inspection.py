"""The inspections of a body: the list (page, print, XLSX), the form that opens one (also
from the slow-unit list, with its units ticked), the inspection's page where the team
records findings and corrections, and its two documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, page_unit, signed_in
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.documents.issuers import lower_first
from trienkhai.documents.render import render_docx
from trienkhai.inspections import counts, documents, exports, selectors, services, slow
from trienkhai.inspections.forms import ConcludeForm, FindingForm, InspectionForm, StepForm
from trienkhai.inspections.models import Inspection, InspectionState
from trienkhai.orgs.models import OrgUnit

STATE, KIND = "tinh_trang", "hinh_thuc"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- the list ---------------------------------------------------------------------------------


class InspectionList(ListPage[dict[str, Any]]):
    template = "inspections/list.html"
    print_template = "inspections/list_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        query = PageQuery.of(request)
        state = query.get(STATE)
        kind = query.get(KIND)
        return {
            "root": page_unit(signed_in(request)),
            "state": state if state in InspectionState.values else "",
            "kind": kind if kind in Inspection.Kind.values else "",
            "today": timezone.localdate(),
        }

    def rows(self, request: HttpRequest, state: dict[str, Any]) -> Any:
        qs = selectors.inspections_for(
            user=signed_in(request).user,
            root=state["root"],
            state=state["state"],
            kind=state["kind"],
        )
        return counts.annotate_counts(qs, state["today"])

    def title(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return _("Kiểm tra, giám sát")

    def context(self, request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
        user = signed_in(request).user
        return {
            **state,
            "states": InspectionState.choices,
            "kinds": Inspection.Kind.choices,
            "can_open": selectors.bodies_for(user=user).exists(),
        }

    def workbook(self, request: HttpRequest, state: dict[str, Any], rows: list[Any]) -> bytes:
        heading = f"{self.title(request, state)} — {state['root'].name}"
        return exports.inspections_workbook(rows, heading=heading)

    def filename(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return f"Kiem tra giam sat {state['root'].code} {state['today']:%d-%m-%Y}.xlsx"


LIST = InspectionList()


# --- opening and editing ----------------------------------------------------------------------


def _header(data: dict[str, Any]) -> services.Header:
    return services.Header(
        kind=data["kind"],
        title=data["title"],
        units=list(data["units"]),
        start=data["start"],
        end=data["end"],
        plan=data.get("plan"),
        team=data.get("team", ""),
        content=data.get("content", ""),
    )


def _form(request: AuthenticatedRequest, body: OrgUnit | None, **kwargs: Any) -> InspectionForm:
    bodies = selectors.bodies_for(user=request.user)
    body = body or bodies.first()
    if body is None:
        raise PermissionDenied
    units = selectors.inspectable_units(body=body)
    plans = selectors.inspection_plans(user=request.user)
    data = request.POST if request.method == "POST" else None
    initial = kwargs.pop("initial", {})
    # The Ủy ban Kiểm tra by default, and the plan its committee issued last.
    initial.setdefault(
        "body", bodies.filter(kind=OrgUnit.Kind.INSPECTION_COMMITTEE).first() or body
    )
    committee = OrgUnit.objects.get_parent(body)
    initial.setdefault("plan", plans.filter(org_unit=committee).first())
    return InspectionForm(data, bodies=bodies, units=units, plans=plans, initial=initial, **kwargs)


def _initial_from_slow_list(request: AuthenticatedRequest) -> dict[str, Any]:
    """Opened from the slow-unit list: the units ticked there, and why each is slow."""
    codes = request.GET.getlist("chon")
    today = timezone.localdate()
    initial: dict[str, Any] = {"kind": Inspection.Kind.INSPECTION, "start": today, "end": today}
    if not codes:
        return initial
    root = page_unit(request)
    rows = [r for r in slow.slow_units(root=root, today=today) if r.unit.code in codes]
    lines = [f"- {r.unit.name}: " + "; ".join(x.text for x in r.reasons) + "." for r in rows]
    initial.update(
        units=[r.unit for r in rows],
        title=_("việc triển khai thực hiện kế hoạch tại các đơn vị chậm triển khai"),
        content=_("Các đơn vị được kiểm tra vì chậm triển khai (tính đến ngày %(day)s):")
        % {"day": today.strftime("%d/%m/%Y")}
        + "\n"
        + "\n".join(lines),
    )
    return initial


@login_required
def inspection_create(request: AuthenticatedRequest) -> HttpResponse:
    body = None
    raw = request.POST.get("body", "") if request.method == "POST" else ""
    if raw.isdigit():
        # The units offered are those of the body chosen (its committee's).
        body = selectors.bodies_for(user=request.user).filter(pk=int(raw)).first()
    form = _form(request, body, initial=_initial_from_slow_list(request))

    def create(data: dict[str, Any]) -> Inspection:
        return services.inspection_create(
            actor=request.user, body=data["body"], header=_header(data)
        )

    done = submit(request, form, create, success=_("Đã lập cuộc kiểm tra, giám sát."))
    if done is not None:
        return redirect("inspections:detail", done.result.pk)
    return render(
        request, "inspections/form.html", {"form": form, "title": _("Lập cuộc kiểm tra, giám sát")}
    )


@login_required
def inspection_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if not selectors.can_manage(request.user, inspection):
        raise PermissionDenied
    initial = {
        "body": inspection.org_unit,
        "kind": inspection.kind,
        "title": inspection.title,
        "plan": inspection.plan,
        "units": list(inspection.units.all()),
        "start": inspection.start,
        "end": inspection.end,
        "team": inspection.team,
        "content": inspection.content,
        "version": inspection.version,
    }
    form = _form(request, inspection.org_unit, initial=initial)
    form.fields["body"].disabled = True

    def save(data: dict[str, Any]) -> Inspection:
        return services.inspection_update(
            actor=request.user,
            inspection=inspection,
            version=data.get("version") or 0,
            header=_header(data),
        )

    done = submit(request, form, save, success=_("Đã lưu."))
    if done is not None:
        return redirect("inspections:detail", inspection.pk)
    context = {"form": form, "inspection": inspection, "title": _("Sửa cuộc kiểm tra")}
    return render(request, "inspections/form.html", context)


# --- the inspection's page --------------------------------------------------------------------


def _detail_context(request: AuthenticatedRequest, inspection: Inspection) -> dict[str, Any]:
    manage = selectors.can_manage(request.user, inspection)
    findings = selectors.findings_of(user=request.user, inspection=inspection)
    units = selectors.inspected_units(inspection)
    by_unit: dict[int, list[Any]] = {}
    today = timezone.localdate()
    for finding in findings:
        by_unit.setdefault(finding.org_unit_id, []).append(finding)
        for action in finding.actions.all():
            action.info = selectors.action_status(action, today)  # type: ignore[attr-defined]
    return {
        "inspection": inspection,
        "title": inspection.title,
        "units": [(u, by_unit.get(u.pk, [])) for u in units if manage or by_unit.get(u.pk)],
        "findings": findings,
        "manage": manage,
        "today": today,
    }


def _detail_page(
    request: AuthenticatedRequest, inspection: Inspection, **refused: Any
) -> HttpResponse:
    """The inspection's page; a refused form (`finding_form`, `conclude_form`) is shown as
    it came back, with what was typed, in place of the blank one."""
    context = _detail_context(request, inspection)
    if context["manage"]:
        if inspection.recording:
            context["finding_form"] = FindingForm(units=inspection.units.order_by("path"))
            context["conclude_form"] = ConcludeForm(
                initial={"version": inspection.version, "conclusion": inspection.conclusion}
            )
        context["step_form"] = StepForm(initial={"version": inspection.version})
    context.update(refused)
    return render(request, "inspections/detail.html", context)


@login_required
def inspection_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.inspection_get(user=request.user, pk=pk))


def _managed(request: AuthenticatedRequest, pk: int) -> Inspection:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if not selectors.can_manage(request.user, inspection):
        raise PermissionDenied
    return inspection


@login_required
def finding_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    form = FindingForm(request.POST or None, units=inspection.units.order_by("path"))

    def add(data: dict[str, Any]) -> object:
        return services.finding_add(
            actor=request.user,
            inspection=inspection,
            unit=data["unit"],
            text=data["text"],
            severity=data["severity"],
            action_text=data.get("action_text", ""),
            due=data.get("due"),
        )

    if submit(request, form, add, success=_("Đã ghi nội dung phát hiện.")) is not None:
        anchor = f"#don-vi-{form.cleaned_data['unit'].code}"
        return redirect(reverse("inspections:detail", args=[inspection.pk]) + anchor)
    return _detail_page(request, inspection, finding_form=form)


@login_required
@require_POST
def finding_remove(request: AuthenticatedRequest, pk: int, finding_pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    finding = get_object_or_404(inspection.findings, pk=finding_pk)
    try:
        services.finding_remove(actor=request.user, finding=finding)
    except services.DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xóa nội dung phát hiện."))
    return redirect("inspections:detail", inspection.pk)


@login_required
@require_POST
def inspection_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    form = StepForm(request.POST)

    def decide(data: dict[str, Any]) -> Inspection:
        return services.inspection_decide(
            actor=request.user, inspection=inspection, version=data["version"]
        )

    done = submit(request, form, decide)
    if done is not None:
        decision = done.result.decision
        reference = lower_first(decision.reference) if decision else ""
        messages.success(
            request, _("Đã ban hành quyết định %(reference)s.") % {"reference": reference}
        )
    else:
        for error in form.non_field_errors() or [_("Trang đã cũ: hãy tải lại.")]:
            messages.error(request, str(error))
    return redirect("inspections:detail", inspection.pk)


@login_required
def inspection_conclude(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    form = ConcludeForm(request.POST or None)

    def conclude(data: dict[str, Any]) -> Inspection:
        return services.inspection_conclude(
            actor=request.user,
            inspection=inspection,
            version=data["version"],
            conclusion=data["conclusion"],
        )

    done = submit(request, form, conclude)
    if done is not None:
        notice = done.result.conclusion_doc
        reference = lower_first(notice.reference) if notice else ""
        messages.success(
            request, _("Đã ban hành thông báo kết luận %(reference)s.") % {"reference": reference}
        )
        return redirect("inspections:detail", inspection.pk)
    return _detail_page(request, inspection, conclude_form=form)


# --- the two documents ------------------------------------------------------------------------


def _docx(data: Any, name: str) -> HttpResponse:
    response = HttpResponse(render_docx(data), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document(request: AuthenticatedRequest, pk: int, which: str) -> HttpResponse | FileResponse:
    """The decision or the conclusion: the issued file once numbered, else the draft as it
    would be issued today (for the office to print and check); only the body reads drafts."""
    if which not in ("quyet-dinh", "ket-luan"):
        raise Http404
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    issued = inspection.decision if which == "quyet-dinh" else inspection.conclusion_doc
    if issued is not None and issued.docx is not None:
        stored = issued.docx
        response = FileResponse(
            stored.file.open("rb"),
            as_attachment=True,
            filename=stored.original_name,
            content_type=stored.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response
    if not selectors.can_manage(request.user, inspection):
        raise Http404
    day: date = timezone.localdate()
    if which == "quyet-dinh":
        return _docx(documents.decision_data(inspection, day=None), f"Du thao QD {pk}.docx")
    if inspection.state == InspectionState.PLANNED:
        raise Http404
    return _docx(
        documents.conclusion_data(inspection, day=None), f"Du thao TB {pk} {day:%d%m%Y}.docx"
    )


@login_required
def inspection_print(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    context = _detail_context(request, inspection)
    context["back"] = ""
    return render(request, "inspections/detail_print.html", context)
