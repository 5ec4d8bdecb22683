"""The lists: my units' tasks, overdue, due soon, the matrix and the chi bộ plans board.

Each list has its XLSX export and print view, built from the same selector call, so the
page, the workbook and the paper show the same rows and the same totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from trienkhai.accounts.permissions import Cap, cap_paths, has_cap
from trienkhai.core.dates import format_date_short
from trienkhai.core.xlsx import xlsx_response
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks import exports, selectors
from trienkhai.tasks.forms import TaskFilterForm
from trienkhai.tasks.models import Task
from trienkhai.tasks.status import BADGE, FILTER_LABELS, Status, info_of

PAGE_SIZE = 50

# The lists that have their own page: a fixed status filter and a title.
PRESETS: dict[str, tuple[str, str]] = {
    "all": ("", "Nhiệm vụ của đơn vị"),
    "overdue": ("overdue", "Nhiệm vụ quá hạn"),
    "due_soon": ("due_soon", "Nhiệm vụ sắp đến hạn"),
}
CHIPS = (
    "done_on_time",
    "done_late",
    "in_time",
    "overdue",
    "not_started",
    "not_due",
    "due_soon",
    "continuous",
    "not_applicable",
)


@dataclass
class ListState:
    form: TaskFilterForm
    filters: selectors.TaskFilters
    ref: date
    query: QueryDict  # the GET parameters, without the page number


def _list_state(request: HttpRequest, preset: str = "") -> ListState:
    user = request.user
    form = TaskFilterForm(
        request.GET or None,
        plans=selectors.plans_with_tasks(user=user),
        units=selectors.filter_units(user=user),
        sections=selectors.sections(plan=None, user=user),
    )
    values = form.cleaned_data if form.is_valid() else {}
    status = preset or values.get("tinh_trang") or ""
    filters = selectors.TaskFilters(
        plan=values.get("ke_hoach"),
        unit=values.get("don_vi"),
        section=values.get("muc") or "",
        solution_id=values.get("giai_phap"),
        status=status,
        q=values.get("q") or "",
        role="helper" if values.get("vai_tro") == "phoi-hop" else "lead",
    )
    query = request.GET.copy()
    query.pop("trang", None)
    return ListState(form, filters, values.get("ngay") or timezone.localdate(), query)


def _with(query: QueryDict, **changes: Any) -> str:
    q = query.copy()
    for key, value in changes.items():
        if value in (None, ""):
            q.pop(key, None)
        else:
            q[key] = str(value)
    return q.urlencode()


def _rows_with_info(rows: Any, ref: date) -> list[Any]:
    out = list(rows)
    for row in out:
        row.info = info_of(row, ref)
    return out


def _list_context(request: HttpRequest, kind: str) -> dict[str, Any]:
    preset, title = PRESETS[kind]
    state = _list_state(request, preset)
    unfiltered = selectors.occurrences(
        user=request.user,
        ref=state.ref,
        filters=selectors.TaskFilters(**{**state.filters.__dict__, "status": ""}),
    )
    totals = selectors.counts(unfiltered, state.ref)
    qs = selectors.occurrences(user=request.user, ref=state.ref, filters=state.filters)
    page = Paginator(selectors.occurrence_rows(qs), PAGE_SIZE).get_page(request.GET.get("trang"))
    page.object_list = _rows_with_info(page.object_list, state.ref)
    chips = [
        {
            "key": key,
            "label": FILTER_LABELS[key],
            "count": totals.get(key),
            "active": state.filters.status == key,
            "query": _with(state.query, tinh_trang=key),
            "badge": BADGE.get(Status(key), "secondary") if key in Status.values else "dark",
        }
        for key in CHIPS
    ]
    return {
        "title": title,
        "kind": kind,
        "form": state.form,
        "ref": state.ref,
        "is_today": state.ref == timezone.localdate(),
        "page": page,
        "totals": totals,
        "chips": chips,
        "query": state.query.urlencode(),
        "status_label": FILTER_LABELS.get(state.filters.status, ""),
        "clear_status_query": _with(state.query, tinh_trang=None),
        "can_assign": bool(cap_paths(request.user, Cap.TASKS_ASSIGN)),
    }


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    return render(request, "tasks/list.html", _list_context(request, "all"))


@login_required
@require_GET
def overdue_list(request: HttpRequest) -> HttpResponse:
    return render(request, "tasks/list.html", _list_context(request, "overdue"))


@login_required
@require_GET
def due_soon_list(request: HttpRequest) -> HttpResponse:
    return render(request, "tasks/list.html", _list_context(request, "due_soon"))


def _all_rows(request: HttpRequest, kind: str) -> tuple[list[Any], ListState, Any, bool]:
    preset, _title = PRESETS[kind]
    state = _list_state(request, preset)
    qs = selectors.occurrences(user=request.user, ref=state.ref, filters=state.filters)
    totals = selectors.counts(qs, state.ref)
    rows = list(selectors.occurrence_rows(qs)[: exports.MAX_ROWS + 1])
    truncated = len(rows) > exports.MAX_ROWS
    return _rows_with_info(rows[: exports.MAX_ROWS], state.ref), state, totals, truncated


def _export_title(kind: str, state: ListState) -> str:
    title = PRESETS[kind][1]
    if state.filters.unit is not None:
        title += f" — {state.filters.unit.name}"
    elif state.filters.plan is not None:
        title += f" — Kế hoạch {state.filters.plan.reference}"
    return title


@login_required
@require_GET
def list_xlsx(request: HttpRequest, kind: str = "all") -> HttpResponse:
    rows, state, totals, _truncated = _all_rows(request, kind)
    content = exports.list_workbook(
        rows, title=_export_title(kind, state), ref=state.ref, totals=totals
    )
    return xlsx_response(content, f"{PRESETS[kind][1]} {state.ref:%d-%m-%Y}.xlsx")


@login_required
@require_GET
def list_print(request: HttpRequest, kind: str = "all") -> HttpResponse:
    rows, state, totals, truncated = _all_rows(request, kind)
    return render(
        request,
        "tasks/list_print.html",
        {
            "title": _export_title(kind, state),
            "subtitle": f"Tình trạng tính đến ngày {format_date_short(state.ref)}",
            "rows": rows,
            "totals": totals,
            "truncated": truncated,
            "max_rows": exports.MAX_ROWS,
            "back": f"?{state.query.urlencode()}",
            "kind": kind,
        },
    )


# --- matrix ----------------------------------------------------------------------------------


def _one_plan_form(request: HttpRequest, plans: Any, units: Any) -> tuple[Any, Plan | None]:
    """A filter form for pages that show one plan: the latest one unless another is chosen,
    and the form shows which."""
    form = TaskFilterForm(request.GET or None, plans=plans, units=units, sections=[])
    values = form.cleaned_data if form.is_valid() else {}
    plan = values.get("ke_hoach") or plans.first()
    if plan is not None and not values.get("ke_hoach"):
        data = request.GET.copy()
        data["ke_hoach"] = str(plan.pk)
        form = TaskFilterForm(data, plans=plans, units=units, sections=[])
        form.is_valid()
    return form, plan


def _plan_and_ref(request: HttpRequest) -> tuple[Plan | None, date, Any]:
    plans = selectors.plans_with_tasks(user=request.user)
    form, plan = _one_plan_form(request, plans, selectors.filter_units(user=request.user))
    values = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return plan, values.get("ngay") or timezone.localdate(), form


def _matrix_context(request: HttpRequest) -> dict[str, Any]:
    plan, ref, form = _plan_and_ref(request)
    group = "solution" if request.GET.get("theo") == "giai-phap" else "section"
    unit = form.cleaned_data.get("don_vi") if form.is_bound and form.is_valid() else None
    m = selectors.matrix(user=request.user, ref=ref, plan=plan, group=group, unit=unit)
    base = QueryDict(mutable=True)
    if plan is not None:
        base["ke_hoach"] = str(plan.pk)
    base["ngay"] = format_date_short(ref)
    group_param = "" if group == "section" else "giai-phap"
    filter_key = "muc" if group == "section" else "giai_phap"
    rows = []
    for row in m.rows:
        cells = []
        for column, cell in zip(m.columns, row.cells, strict=True):
            link = _with(base, don_vi=row.unit.code, **{filter_key: column.key})
            cells.append({"counts": cell, "query": link})
        totals_links = {
            key: _with(base, don_vi=row.unit.code, tinh_trang=key)
            for key, _label in exports.COUNT_COLUMNS
        }
        rows.append({"unit": row.unit, "cells": cells, "totals": row.totals, "links": totals_links})
    return {
        "title": "Ma trận trách nhiệm",
        "plan": plan,
        "ref": ref,
        "form": form,
        "matrix": m,
        "rows": rows,
        "columns": [{"column": c, "query": _with(base, **{filter_key: c.key})} for c in m.columns],
        "count_columns": exports.MATRIX_COLUMNS,
        "total_links": {key: _with(base, tinh_trang=key) for key, _ in exports.COUNT_COLUMNS},
        "group": group,
        "group_param": group_param,
        "query": request.GET.urlencode(),
    }


@login_required
@require_GET
def matrix_view(request: HttpRequest) -> HttpResponse:
    return render(request, "tasks/matrix.html", _matrix_context(request))


@login_required
@require_GET
def matrix_xlsx(request: HttpRequest) -> HttpResponse:
    ctx = _matrix_context(request)
    title = "Ma trận trách nhiệm"
    if ctx["plan"] is not None:
        title += f" — Kế hoạch {ctx['plan'].reference}"
    content = exports.matrix_workbook(ctx["matrix"], title=title, ref=ctx["ref"])
    return xlsx_response(content, f"Ma tran trach nhiem {ctx['ref']:%d-%m-%Y}.xlsx")


@login_required
@require_GET
def matrix_print(request: HttpRequest) -> HttpResponse:
    ctx = _matrix_context(request)
    ctx["subtitle"] = f"Tình trạng tính đến ngày {format_date_short(ctx['ref'])}"
    return render(request, "tasks/matrix_print.html", ctx)


# --- the chi bộ plans board ------------------------------------------------------------------


def _board_context(request: HttpRequest) -> dict[str, Any]:
    plans = selectors.plans_with_tasks(user=request.user).filter(
        pk__in=Task.objects.filter(is_unit_plan=True).values("plan_id")
    )
    form, plan = _one_plan_form(request, plans, OrgUnit.objects.none())
    values = form.cleaned_data if form.is_bound and form.is_valid() else {}
    ref = values.get("ngay") or timezone.localdate()
    board = selectors.unit_plan_board(user=request.user, ref=ref, plan=plan)
    return {
        "title": "Kế hoạch thực hiện của các chi bộ",
        "form": form,
        "plan": plan,
        "ref": ref,
        "board": board,
        "query": request.GET.urlencode(),
    }


@login_required
@require_GET
def board_view(request: HttpRequest) -> HttpResponse:
    ctx = _board_context(request)

    plan = ctx["plan"]
    ctx["can_confirm"] = plan is not None and has_cap(
        request.user, Cap.TASKS_CONFIRM, plan.org_unit
    )
    return render(request, "tasks/board.html", ctx)


@login_required
@require_GET
def board_xlsx(request: HttpRequest) -> HttpResponse:
    ctx = _board_context(request)
    content = exports.board_workbook(ctx["board"], title=ctx["title"], ref=ctx["ref"])
    return xlsx_response(content, f"Ke hoach chi bo {ctx['ref']:%d-%m-%Y}.xlsx")


@login_required
@require_GET
def board_print(request: HttpRequest) -> HttpResponse:
    ctx = _board_context(request)
    ctx["subtitle"] = f"Tình trạng tính đến ngày {format_date_short(ctx['ref'])}"
    return render(request, "tasks/board_print.html", ctx)
