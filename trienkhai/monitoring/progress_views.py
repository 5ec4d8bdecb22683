"""Pages of progress: a unit's tallies with the status of each target, their XLSX export, and
the calculation of one target step by step (a page, and a partial the target page includes)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from trienkhai.core.xlsx import xlsx_response
from trienkhai.monitoring import progress, progress_export
from trienkhai.orgs.selectors import unit_get


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("nam", "")
    if not raw:
        return progress.today().year
    if not raw.isdigit() or not progress.MIN_YEAR <= int(raw) <= progress.MAX_YEAR:
        raise Http404
    return int(raw)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    units = progress.units_with_targets(user=request.user)
    return render(
        request,
        "monitoring/progress/index.html",
        {"title": "Tiến độ thực hiện chỉ tiêu", "units": units},
    )


@login_required
def unit_tally(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get(user=request.user, code=code)
    year = _year(request)
    result = progress.unit_progress(unit=unit, year=year)
    this_year = progress.today().year
    return render(
        request,
        "monitoring/progress/unit.html",
        {
            "title": f"Tiến độ thực hiện chỉ tiêu — {unit.name}",
            "unit": unit,
            "progress": result,
            "years": range(max(progress.DEFAULT_START_YEAR, this_year - 5), this_year + 1),
        },
    )


@login_required
def unit_export(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get(user=request.user, code=code)
    year = _year(request)
    result = progress.unit_progress(unit=unit, year=year)
    content = progress_export.tally_workbook(result)
    return xlsx_response(content, f"Tiến độ chỉ tiêu {year} - {unit.code}.xlsx")


@login_required
def target_calculation(request: HttpRequest, pk: int) -> HttpResponse:
    """The calculation step by step; the partial alone for htmx or ``?phan=1``."""
    target = progress.target_get(user=request.user, pk=pk)
    year = _year(request)
    row = progress.target_progress(target=target, year=year)
    context = {
        "title": f"Đánh giá tiến độ ({target.ref}) {target.label}",
        "target": target,
        "row": row,
        "assessment": row.assessment,
        "year": year,
    }
    partial = getattr(request, "htmx", False) or request.GET.get("phan") == "1"
    template = (
        "monitoring/progress/_calculation.html" if partial else "monitoring/progress/target.html"
    )
    return render(request, template, context)
