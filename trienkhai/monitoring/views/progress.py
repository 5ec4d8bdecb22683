"""Pages of progress: a unit's tallies with the status of each target, their XLSX export, and
the calculation of one target step by step (a page, and a partial the target page includes).

The year assessed up to is ``?nam=2027`` (this year when absent; an impossible one is a 404).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.pages import PageQuery
from trienkhai.core.xlsx import xlsx_response
from trienkhai.monitoring import progress, progress_export, selectors
from trienkhai.monitoring.models import MIN_YEAR
from trienkhai.monitoring.progress import UnitProgress
from trienkhai.orgs.selectors import unit_get
from trienkhai.plans.selectors import target_get

YEAR = "nam"


def _year(request: AuthenticatedRequest) -> int:
    raw = PageQuery.of(request).get(YEAR)
    if not raw:
        return progress.today().year
    if not raw.isdigit() or not MIN_YEAR <= int(raw) <= progress.MAX_YEAR:
        raise Http404
    return int(raw)


def _unit_progress(request: AuthenticatedRequest, code: str) -> UnitProgress:
    unit = unit_get(user=request.user, code=code)
    return progress.unit_progress(unit=unit, year=_year(request))


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    units = selectors.units_with_targets(user=request.user)
    return render(
        request,
        "monitoring/progress/index.html",
        {"title": _("Tiến độ thực hiện chỉ tiêu"), "units": units},
    )


@login_required
def unit_tally(request: AuthenticatedRequest, code: str) -> HttpResponse:
    result = _unit_progress(request, code)
    this_year = progress.today().year
    return render(
        request,
        "monitoring/progress/unit.html",
        {
            "title": _("Tiến độ thực hiện chỉ tiêu — %(unit)s") % {"unit": result.unit.name},
            "unit": result.unit,
            "progress": result,
            "years": range(max(progress.DEFAULT_START_YEAR, this_year - 5), this_year + 1),
        },
    )


@login_required
def unit_export(request: AuthenticatedRequest, code: str) -> HttpResponse:
    result = _unit_progress(request, code)
    content = progress_export.tally_workbook(result)
    return xlsx_response(content, f"Tiến độ chỉ tiêu {result.year} - {result.unit.code}.xlsx")


@login_required
def target_calculation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The calculation step by step; the partial alone for htmx or ``?phan=1``."""
    target = target_get(user=request.user, pk=pk)
    year = _year(request)
    row = progress.target_progress(target=target, year=year)
    context = {
        "title": _("Đánh giá tiến độ (%(ref)s) %(label)s")
        % {"ref": target.ref, "label": target.label},
        "target": target,
        "row": row,
        "assessment": row.assessment,
        "year": year,
    }
    partial = getattr(request, "htmx", False) or PageQuery.of(request).get("phan") == "1"
    template = (
        "monitoring/progress/_calculation.html" if partial else "monitoring/progress/target.html"
    )
    return render(request, template, context)
