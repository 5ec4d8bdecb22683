"""The coverage board, the list of units below a threshold, its print view and XLSX export,
and the XLSX import. Sessions, headcounts and materials have their own view modules.

Query parameters shared by every page: ``ke_hoach`` (the plan, default the newest one with
thresholds), ``don_vi`` (the subtree, default the user's widest one), ``sort``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, signed_in
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.pages import PageQuery
from trienkhai.core.xlsx import xlsx_response
from trienkhai.dissemination import coverage, exports, imports, selectors
from trienkhai.dissemination.forms import ImportForm
from trienkhai.dissemination.views.page import PlanList, View, plan_page

PAGE_SIZE = 100


def _sort_links(view: View, sort: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the link that sorts by it (toggling) and its arrow."""
    links: dict[str, dict[str, str]] = {}
    for key in ["ten", *(t.group for t in view.thresholds)]:
        # Names sort A→Z first; rates lowest first, where the work is.
        active = sort.lstrip("-") == key
        descending = sort.startswith("-")
        target = (f"-{key}" if not descending else key) if active else key
        links[key] = {
            "url": "?" + view.query(sort=target),
            "arrow": ("↓" if descending else "↑") if active else "",
            "aria": "descending" if active and descending else "ascending" if active else "none",
        }
    return links


class Board(PlanList):
    """The coverage board of the subtree: its page (sortable, 100 units a page), print view
    and XLSX file, from the same rows."""

    template = "dissemination/board.html"
    print_template = "dissemination/board_print.html"
    page_size = PAGE_SIZE
    max_rows = 20000  # the whole subtree: the paper and the file list every unit

    def rows(self, request: HttpRequest, state: View) -> Any:  # a queryset, sliced
        return state.units(PageQuery.of(request).sort)

    def decorate(self, request: HttpRequest, state: View, rows: list[Any]) -> list[Any]:
        return [selectors.board_row(unit, state.thresholds) for unit in rows]

    def title(self, request: HttpRequest, state: View) -> str:
        return _("Học tập, quán triệt")

    def context(self, request: HttpRequest, state: View) -> dict[str, Any]:
        user = signed_in(request).user
        sort = PageQuery.of(request).sort
        totals = state.totals()
        links = _sort_links(state, sort)
        return {
            **state.context(),
            "unit_name": state.root.name,
            "totals": totals,
            "columns": [{"label": t.label, **links[t.threshold.group]} for t in totals],
            "parts": state.parts(),
            "outreach": selectors.outreach_totals(plan=state.plan, root=state.root),
            "sort": sort,
            "sort_links": links,
            "page_query": state.query(sort=sort),
            "can_enter": selectors.entry_units(user=user, plan=state.plan).exists(),
            "can_publish": has_cap(user, Cap.MATERIALS_PUBLISH, state.plan.org_unit),
        }

    def workbook(self, request: HttpRequest, state: View, rows: list[Any]) -> bytes:
        return exports.board_workbook(
            plan=state.plan,
            root=state.root,
            day=state.day,
            thresholds=state.thresholds,
            totals=state.totals(),
            rows=rows,
        )

    def filename(self, request: HttpRequest, state: View) -> str:
        return f"Ty le quan triet {state.root.code}.xlsx"


BOARD = Board()


@login_required
@require_GET
@plan_page
def board(request: AuthenticatedRequest, view: View) -> HttpResponse:
    """The board's page, from the same hooks; it names its units `rows` beside `page`, as
    its template and tests read them (`ListPage.page` only passes `page`)."""
    page = PageQuery.of(request).paginate(BOARD.rows(request, view), PAGE_SIZE)
    rows = BOARD.decorate(request, view, list(page.object_list))
    context = {**BOARD.context(request, view), "title": BOARD.title(request, view)}
    return render(request, BOARD.template, {**context, "rows": rows, "page": page})


@login_required
@require_GET
@plan_page
def below(request: AuthenticatedRequest, view: View) -> HttpResponse:
    """Units still below a threshold, with what they lack and the days left to the deadline."""
    sections = []
    for threshold in view.thresholds:
        failing = coverage.below_threshold(view.units(threshold.group), threshold)
        rows = [selectors.board_row(unit, view.thresholds) for unit in failing[:500]]
        index = view.thresholds.index(threshold)
        sections.append((threshold, [(row, row.cells[index]) for row in rows]))
    return render(
        request,
        "dissemination/below.html",
        {**view.context(), "title": _("Đơn vị chưa đạt chỉ tiêu quán triệt"), "sections": sections},
    )


@login_required
@plan_page
def import_view(request: AuthenticatedRequest, view: View) -> HttpResponse:
    if not selectors.entry_units(user=request.user, plan=view.plan).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[imports.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.import_workbook(
                actor=request.user, plan=view.plan, data=read_upload(upload), name=upload.name
            )
        except imports.ImportErrors as exc:
            errors = exc.errors
            form.add_error(None, str(exc))
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _("Đã nhập %(headcounts)s dòng sĩ số và %(sessions)s buổi học tập.")
                % {"headcounts": result.headcounts, "sessions": result.sessions},
            )
            return redirect(reverse("dissemination:board") + "?" + view.query())
    return render(
        request,
        "dissemination/import.html",
        {
            **view.context(),
            "title": _("Nhập sĩ số và buổi học từ Excel"),
            "form": form,
            "errors": errors,
        },
    )


@login_required
@require_GET
@plan_page
def import_template(request: AuthenticatedRequest, view: View) -> HttpResponse:
    units = list(selectors.entry_units(user=request.user, plan=view.plan))
    if not units:
        raise PermissionDenied
    return xlsx_response(
        exports.template_workbook(plan=view.plan, units=units, day=view.day),
        "Mau nhap quan triet.xlsx",
    )
