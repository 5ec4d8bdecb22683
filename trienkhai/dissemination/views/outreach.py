"""Outreach to the audiences without a headcount: the list with its totals, the phone form,
delete. Thin views: rules in `dissemination.outreach`, reads in the selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, signed_in
from trienkhai.core.submit import submit
from trienkhai.dissemination import outreach as services
from trienkhai.dissemination import selectors
from trienkhai.dissemination.forms import OutreachForm
from trienkhai.dissemination.models import Outreach
from trienkhai.dissemination.views.page import PlanList, View, plan_page

MAX_UNITS = 500


class OutreachList(PlanList):
    """What the units of the subtree did for each audience, newest first, 50 a page."""

    template = "dissemination/outreach_list.html"
    page_size = 50

    def rows(self, request: HttpRequest, state: View) -> Any:  # a queryset, sliced
        user = signed_in(request).user
        return selectors.outreach_for(user=user, plan=state.plan, root=state.root)

    def title(self, request: HttpRequest, state: View) -> str:
        return _("Tuyên truyền đến các đối tượng khác")

    def context(self, request: HttpRequest, state: View) -> dict[str, Any]:
        user = signed_in(request).user
        units = selectors.outreach_units(user=user, plan=state.plan)
        return {
            **state.context(),
            "page_query": state.query(),
            "outreach": selectors.outreach_totals(plan=state.plan, root=state.root),
            "can_enter": units.exists(),
            "writable": set(units.values_list("pk", flat=True)[:MAX_UNITS]),
        }


@login_required
@plan_page
def outreach_create(request: AuthenticatedRequest, view: View) -> HttpResponse:
    units = {
        u.code: u for u in selectors.outreach_units(user=request.user, plan=view.plan)[:MAX_UNITS]
    }
    if not units:
        raise PermissionDenied
    choices = [(code, unit.display_name) for code, unit in units.items()]
    initial = {"date": view.today, "reach_unit": Outreach.ReachUnit.PEOPLE}
    form = OutreachForm(request.POST or None, units=choices, initial=initial)

    def save(data: dict[str, Any]) -> Outreach:
        return services.outreach_create(
            actor=request.user,
            plan=view.plan,
            unit=units[data["unit"]],
            data=services.OutreachData(
                audience=data["audience"],
                method=data["method"],
                date=data["date"],
                reached=data["reached"],
                reach_unit=data["reach_unit"],
                note=data.get("note") or "",
            ),
        )

    if submit(request, form, save, success=_("Đã lưu kết quả tuyên truyền.")):
        return redirect(reverse("dissemination:outreach_list") + "?" + view.query())
    only = next(iter(units.values())) if len(units) == 1 else None
    return render(
        request,
        "dissemination/outreach_form.html",
        {
            **view.context(),
            "title": _("Ghi tuyên truyền đến đối tượng"),
            "form": form,
            "only": only,
        },
    )


@login_required
@require_POST
def outreach_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    outreach = selectors.outreach_get(user=request.user, pk=pk)  # another unit's: a 404
    plan_pk = outreach.plan_id
    services.outreach_delete(actor=request.user, outreach=outreach)
    messages.success(request, _("Đã xóa."))
    return redirect(reverse("dissemination:outreach_list") + f"?ke_hoach={plan_pk}")


OUTREACH = OutreachList()
