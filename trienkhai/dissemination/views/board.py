"""The coverage board, the list of units below a threshold, its print view and XLSX export,
and the XLSX import. Sessions, headcounts and materials have their own view modules.

Query parameters shared by every page: ``ke_hoach`` (the plan, default the newest one with
thresholds), ``don_vi`` (the subtree, default the user's widest one), ``sort``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.pages import PageQuery
from trienkhai.core.xlsx import xlsx_response
from trienkhai.dissemination import coverage, exports, imports, selectors
from trienkhai.dissemination.forms import ImportForm
from trienkhai.dissemination.views.page import View, plan_page

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


@login_required
@require_GET
@plan_page
def board(request: AuthenticatedRequest, view: View) -> HttpResponse:
    query = PageQuery.of(request)
    sort = query.sort
    units = view.units(sort)
    page = query.paginate(units, PAGE_SIZE)
    rows = [selectors.board_row(unit, view.thresholds) for unit in page.object_list]
    entry_units = selectors.entry_units(user=request.user, plan=view.plan)
    totals = view.totals()
    links = _sort_links(view, sort)
    return render(
        request,
        "dissemination/board.html",
        {
            **view.context(),
            "title": _("Học tập, quán triệt"),
            "totals": totals,
            "columns": [{"label": t.label, **links[t.threshold.group]} for t in totals],
            "parts": view.parts(),
            "rows": rows,
            "page": page,
            "sort": sort,
            "sort_links": links,
            "page_query": view.query(sort=sort),
            "can_enter": entry_units.exists(),
            "can_publish": has_cap(request.user, Cap.MATERIALS_PUBLISH, view.plan.org_unit),
        },
    )


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


def _all_rows(view: View, sort: str) -> list[selectors.Row]:
    units = view.units(sort).iterator(chunk_size=500)
    return [selectors.board_row(unit, view.thresholds) for unit in units]


@login_required
@require_GET
@plan_page
def board_xlsx(request: AuthenticatedRequest, view: View) -> HttpResponse:
    content = exports.board_workbook(
        plan=view.plan,
        root=view.root,
        day=view.day,
        thresholds=view.thresholds,
        totals=view.totals(),
        rows=_all_rows(view, PageQuery.of(request).sort),
    )
    return xlsx_response(content, f"Ty le quan triet {view.root.code}.xlsx")


@login_required
@require_GET
@plan_page
def board_print(request: AuthenticatedRequest, view: View) -> HttpResponse:
    return render(
        request,
        "dissemination/board_print.html",
        {
            **view.context(),
            "title": _("Kết quả học tập, quán triệt"),
            "unit_name": view.root.name,
            "totals": view.totals(),
            "rows": _all_rows(view, PageQuery.of(request).sort),
        },
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
