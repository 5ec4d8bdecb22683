"""`/tong-quan/`: the leaders' dashboard of a level (`?don_vi=` within the reader's subtrees,
`?ke_hoach=` among the plans in force there), its print view (A4, and PDF) and its XLSX."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest, page_unit
from trienkhai.core.dates import format_date_long
from trienkhai.core.pages import PageQuery
from trienkhai.core.xlsx import xlsx_response
from trienkhai.dashboard import exports
from trienkhai.dashboard.communes import HOME_FIGURES, MODULES, city_home
from trienkhai.dashboard.leaders import Dashboard, dashboard_for
from trienkhai.documents.render import render_html_pdf
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.in_force import plans_in_force
from trienkhai.plans.models import Plan


def _plan(request: AuthenticatedRequest, unit: OrgUnit) -> tuple[Plan | None, list[Plan]]:
    """The plan asked for among those in force for the unit (404 otherwise), else the
    unit's own, nearest first (`plans_in_force` orders the unit's own before its parents')."""
    plans = plans_in_force(unit=unit, today=timezone.localdate())
    wanted = PageQuery.of(request).plan_id
    if wanted is not None:
        chosen = next((p for p in plans if p.pk == wanted), None)
        if chosen is None:
            raise Http404
        return chosen, plans
    return (plans[0] if plans else None), plans


def _build(request: AuthenticatedRequest) -> tuple[Dashboard, list[Plan]]:
    unit = page_unit(request)
    plan, plans = _plan(request, unit)
    today = timezone.localdate()
    return dashboard_for(user=request.user, unit=unit, plan=plan, today=today), plans


def _units_below(request: AuthenticatedRequest, unit: OrgUnit) -> list[OrgUnit]:
    """The levels one step down the leader can open (the communes of the city, the chi bộ
    of a commune), for the subtree selector."""
    return list(
        OrgUnit.objects.valid_on()
        .in_own_subtrees(request.user)
        .in_subtree(unit)
        .filter(depth=unit.depth + 1)
        .order_by("path")
    )


def _up(request: AuthenticatedRequest, unit: OrgUnit) -> OrgUnit | None:
    if unit.depth <= 1:
        return None
    return (
        OrgUnit.objects.in_own_subtrees(request.user)
        .filter(path=unit.path[: -OrgUnit.steplen])
        .first()
    )


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    board, plans = _build(request)
    unit = board.unit
    query = PageQuery.of(request)
    context: dict[str, Any] = {
        "title": _("Tổng quan — %(unit)s") % {"unit": unit.name},
        "board": board,
        "plans": plans,
        "below": _units_below(request, unit),
        "up": _up(request, unit),
        "query": query.urlencode(),
        "as_of": format_date_long(board.today),
        # A level with communes under it sees them side by side, each figure linked.
        "communes": city_home(unit, board.today),
        "commune_headers": [label for _m, _k, label in HOME_FIGURES],
        "commune_modules": MODULES,
    }
    return render(request, "dashboard/leaders.html", context)


def _print_context(request: AuthenticatedRequest) -> dict[str, Any]:
    board, _plans = _build(request)
    return {
        "title": _("Tình hình thực hiện Kế hoạch"),
        "unit_name": board.unit.name,
        "subtitle": _("Số liệu đến %(day)s") % {"day": format_date_long(board.today)},
        "board": board,
        "back_url": f"{reverse('leaders:page')}?{PageQuery.of(request).urlencode()}",
    }


@login_required
def dashboard_print(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "dashboard/leaders_print.html", _print_context(request))


@login_required
def dashboard_pdf(request: AuthenticatedRequest) -> HttpResponse:
    context = {**_print_context(request), "pdf": True}
    html = render_to_string("dashboard/leaders_print.html", context, request=request)
    pdf = render_html_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"Tong quan {context['board'].unit.code} {context['board'].today:%d-%m-%Y}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def dashboard_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    board, _plans = _build(request)
    content = exports.dashboard_workbook(board)
    return xlsx_response(content, f"Tong quan {board.unit.code} {board.today:%d-%m-%Y}.xlsx")
