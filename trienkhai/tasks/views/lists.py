"""The lists: my units' tasks, overdue, due soon, the matrix and the chi bộ plans board.

Each is a `ListPage`: the page, its XLSX export and its print view are built from the same
selector call, so the page, the workbook and the paper show the same rows and totals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.accounts.permissions import Cap, cap_paths, has_cap, signed_in
from trienkhai.core.dates import format_date_short
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks import exports, selectors
from trienkhai.tasks.forms import TaskFilterForm
from trienkhai.tasks.models import Task
from trienkhai.tasks.status import BADGE, FILTER_LABELS, Status, info_of

# The lists that have their own page: a fixed status filter and a title.
PRESETS = {
    "all": ("", gettext_lazy("Nhiệm vụ của đơn vị")),
    "overdue": ("overdue", gettext_lazy("Nhiệm vụ quá hạn")),
    "due_soon": ("due_soon", gettext_lazy("Nhiệm vụ sắp đến hạn")),
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


def _subtitle(ref: date) -> str:
    return _("Tình trạng tính đến ngày %(day)s") % {"day": format_date_short(ref)}


# --- the task lists --------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskListState:
    kind: str  # a key of PRESETS
    form: TaskFilterForm
    filters: selectors.TaskFilters
    ref: date

    @property
    def filtered_to(self) -> str:
        """What the printed and exported list is narrowed to, for its heading."""
        if self.filters.unit is not None:
            return self.filters.unit.name
        if self.filters.plan is not None:
            return _("Kế hoạch %(reference)s") % {"reference": self.filters.plan.reference}
        return ""


class TaskList(ListPage[TaskListState]):
    template = "tasks/list.html"
    print_template = "tasks/list_print.html"
    max_rows = exports.MAX_ROWS

    def state(self, request: HttpRequest, kind: str = "all", **kwargs: Any) -> TaskListState:
        user = signed_in(request).user
        form = TaskFilterForm(
            request.GET or None,
            plans=selectors.plans_with_tasks(user=user),
            units=selectors.filter_units(user=user),
            sections=selectors.sections(plan=None, user=user),
        )
        values = form.cleaned_data if form.is_valid() else {}
        filters = selectors.TaskFilters(
            plan=values.get("ke_hoach"),
            unit=values.get("don_vi"),
            section=values.get("muc") or "",
            solution_id=values.get("giai_phap"),
            status=PRESETS[kind][0] or values.get("tinh_trang") or "",
            q=values.get("q") or "",
            role="helper" if values.get("vai_tro") == "phoi-hop" else "lead",
        )
        return TaskListState(kind, form, filters, values.get("ngay") or timezone.localdate())

    def _selected(
        self, request: HttpRequest, state: TaskListState, **changes: Any
    ) -> QuerySet[Any]:
        filters = replace(state.filters, **changes)
        return selectors.occurrences(user=signed_in(request).user, ref=state.ref, filters=filters)

    def rows(self, request: HttpRequest, state: TaskListState) -> Any:
        return selectors.occurrence_rows(self._selected(request, state))

    def title(self, request: HttpRequest, state: TaskListState) -> str:
        return str(PRESETS[state.kind][1])

    def decorate(self, request: HttpRequest, state: TaskListState, rows: list[Any]) -> list[Any]:
        for row in rows:
            row.info = info_of(row, state.ref)
        return rows

    def context(self, request: HttpRequest, state: TaskListState) -> dict[str, Any]:
        query = PageQuery.of(request)
        status = state.filters.status
        chips = [
            {
                "key": key,
                "label": FILTER_LABELS[key],
                "active": status == key,
                "query": query.with_(tinh_trang=key),
                "badge": BADGE.get(Status(key), "secondary") if key in Status.values else "dark",
            }
            for key in CHIPS
        ]
        return {
            "kind": state.kind,
            "form": state.form,
            "ref": state.ref,
            "is_today": state.ref == timezone.localdate(),
            # Queried only by the view that shows them: the page shows the totals of the list
            # without its status filter (the two axes and the chips), the paper those it prints.
            "totals": SimpleLazyObject(
                lambda: selectors.counts(self._selected(request, state, status=""), state.ref)
            ),
            "list_totals": SimpleLazyObject(
                lambda: selectors.counts(self._selected(request, state), state.ref)
            ),
            "chips": chips,
            "status_label": FILTER_LABELS.get(status, ""),
            "clear_status_query": query.with_(tinh_trang=None),
            "can_assign": bool(cap_paths(signed_in(request).user, Cap.TASKS_ASSIGN)),
            "filtered_to": state.filtered_to,
            "subtitle": _subtitle(state.ref),
        }

    def workbook(self, request: HttpRequest, state: TaskListState, rows: list[Any]) -> bytes:
        title = self.title(request, state)
        if state.filtered_to:
            title += f" — {state.filtered_to}"
        totals = selectors.counts(self._selected(request, state), state.ref)
        return exports.list_workbook(rows, title=title, ref=state.ref, totals=totals)

    def filename(self, request: HttpRequest, state: TaskListState) -> str:
        return f"{self.title(request, state)} {state.ref:%d-%m-%Y}.xlsx"


TASK_LIST = TaskList()


# --- the pages about one plan: the matrix and the board --------------------------------------


def _one_plan(
    request: HttpRequest, plans: QuerySet[Plan], units: QuerySet[OrgUnit]
) -> tuple[TaskFilterForm, Plan | None, date, dict[str, Any]]:
    """The filter form of a page that shows one plan, the plan, the reference date and the
    other values. The plan is the latest one unless another is chosen, and the form shows
    which."""
    form = TaskFilterForm(request.GET or None, plans=plans, units=units, sections=[])
    values = form.cleaned_data if form.is_valid() else {}
    # Asked for, else chosen on an earlier page, else the latest: the form shows which.
    plan = values.get("ke_hoach") or PageQuery.of(request).pick_plan(plans)
    if plan is not None and not values.get("ke_hoach"):
        data = request.GET.copy()
        data["ke_hoach"] = str(plan.pk)
        form = TaskFilterForm(data, plans=plans, units=units, sections=[])
    values = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, plan, values.get("ngay") or timezone.localdate(), values


class PlanOverview(ListPage[dict[str, Any]]):
    """A summary of one plan rather than a list of rows: shown whole, never cut into pages.
    Its state is what the page shows; `file_stem` names the workbook."""

    file_stem: str

    def page(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        state = self.state(request, **kwargs)
        context = {"title": self.title(request, state), **self.context(request, state)}
        return render(request, self.template, context)

    def title(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return str(state["title"])

    def context(self, request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
        query = PageQuery.of(request).urlencode()
        return {**state, "query": query, "subtitle": _subtitle(state["ref"])}

    def filename(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return f"{self.file_stem} {state['ref']:%d-%m-%Y}.xlsx"


class MatrixPage(PlanOverview):
    template = "tasks/matrix.html"
    print_template = "tasks/matrix_print.html"
    file_stem = "Ma tran trach nhiem"

    def state(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        user = signed_in(request).user
        plans = selectors.plans_with_tasks(user=user)
        form, plan, ref, values = _one_plan(request, plans, selectors.filter_units(user=user))
        group = "solution" if PageQuery.of(request).get("theo") == "giai-phap" else "section"
        m = selectors.matrix(user=user, ref=ref, plan=plan, group=group, unit=values.get("don_vi"))
        base = QueryDict(mutable=True)
        if plan is not None:
            base["ke_hoach"] = str(plan.pk)
        base["ngay"] = format_date_short(ref)
        links = PageQuery.parse(base)
        filter_key = "muc" if group == "section" else "giai_phap"
        rows = []
        for row in m.rows:
            cells = [
                {"counts": cell, "query": links.with_(don_vi=row.unit.code, **{filter_key: c.key})}
                for c, cell in zip(m.columns, row.cells, strict=True)
            ]
            totals_links = {
                key: links.with_(don_vi=row.unit.code, tinh_trang=key)
                for key, _label in exports.COUNT_COLUMNS
            }
            rows.append(
                {"unit": row.unit, "cells": cells, "totals": row.totals, "links": totals_links}
            )
        return {
            "title": _("Ma trận trách nhiệm"),
            "plan": plan,
            "ref": ref,
            "form": form,
            "matrix": m,
            "rows": rows,
            "columns": [
                {"column": c, "query": links.with_(**{filter_key: c.key})} for c in m.columns
            ],
            "count_columns": exports.MATRIX_COLUMNS,
            "total_links": {
                key: links.with_(tinh_trang=key) for key, _label in exports.COUNT_COLUMNS
            },
            "group": group,
            "group_param": "" if group == "section" else "giai-phap",
        }

    def rows(self, request: HttpRequest, state: dict[str, Any]) -> Any:
        return state["rows"]

    def workbook(self, request: HttpRequest, state: dict[str, Any], rows: list[Any]) -> bytes:
        title = str(state["title"])
        if state["plan"] is not None:
            title += " — " + _("Kế hoạch %(reference)s") % {"reference": state["plan"].reference}
        return exports.matrix_workbook(state["matrix"], title=title, ref=state["ref"])


class BoardPage(PlanOverview):
    template = "tasks/board.html"
    print_template = "tasks/board_print.html"
    file_stem = "Ke hoach chi bo"

    def state(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        user = signed_in(request).user
        plans = selectors.plans_with_tasks(user=user).filter(
            pk__in=Task.objects.filter(is_unit_plan=True).values("plan_id")
        )
        form, plan, ref, _values = _one_plan(request, plans, OrgUnit.objects.none())
        return {
            "title": _("Kế hoạch thực hiện của các chi bộ"),
            "form": form,
            "plan": plan,
            "ref": ref,
            "board": selectors.unit_plan_board(user=user, ref=ref, plan=plan),
            "can_confirm": plan is not None and has_cap(user, Cap.TASKS_CONFIRM, plan.org_unit),
        }

    def rows(self, request: HttpRequest, state: dict[str, Any]) -> Any:
        return state["board"].rows

    def workbook(self, request: HttpRequest, state: dict[str, Any], rows: list[Any]) -> bytes:
        return exports.board_workbook(state["board"], title=state["title"], ref=state["ref"])


MATRIX = MatrixPage()
BOARD = BoardPage()
