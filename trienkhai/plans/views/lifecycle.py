"""Pages that end a plan: withdraw it (entered by mistake) or mark it superseded."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, require_cap
from trienkhai.core.submit import submit
from trienkhai.plans import lifecycle, selectors
from trienkhai.plans.forms import SupersedeForm, WithdrawForm


@login_required
def plan_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.PLANS_EDIT, plan.org_unit)
    form = WithdrawForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: lifecycle.plan_withdraw(actor=request.user, plan=plan, reason=data["reason"]),
        success=_("Đã rút kế hoạch."),
    )
    if done:
        return redirect(reverse("plans:list"))
    return render(
        request,
        "plans/plan_withdraw.html",
        {
            "title": _("Rút kế hoạch %(plan)s") % {"plan": plan.reference},
            "plan": plan,
            "form": form,
            "dependents": lifecycle.dependents(plan),
        },
    )


@login_required
def plan_supersede(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.PLANS_EDIT, plan.org_unit)
    form = SupersedeForm(request.POST or None, choices=lifecycle.supersede_choices(plan))
    done = submit(
        request,
        form,
        lambda data: lifecycle.plan_supersede(
            actor=request.user, plan=plan, by=data["by"], note=data["note"]
        ),
        success=_("Đã đánh dấu kế hoạch được thay thế."),
    )
    if done:
        return redirect(reverse("plans:detail", args=[plan.pk]))
    return render(
        request,
        "plans/plan_supersede.html",
        {
            "title": _("Kế hoạch %(plan)s được thay thế") % {"plan": plan.reference},
            "plan": plan,
            "form": form,
        },
    )
