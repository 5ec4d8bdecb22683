"""Overview, print view, export, topic coverage and the rule settings of the media pages.

The entry pages are in `items.py` (news items, import) and `entry.py` (tallies, banners,
channels); `page.py` says which unit and plan a page is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, signed_in
from trienkhai.core.errors import DomainError
from trienkhai.core.listing import ListPage
from trienkhai.media import compliance, exports, selectors, services
from trienkhai.media.forms import ExemptWeekForm, RuleSettingForm
from trienkhai.media.models import ExemptWeek, RuleSetting
from trienkhai.media.views.page import (
    WEEK_CHOICES,
    page_context,
    page_plan,
    page_unit,
    page_weeks,
)
from trienkhai.media.weeks import week_code, week_label
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.plans.selectors import plan_get


@dataclass(frozen=True)
class Overview:
    """How a subtree keeps a plan's media rules: each rule's periods and the weekly heat map."""

    unit: OrgUnit
    plan: Plan | None
    weeks: int
    rules: list[compliance.RuleCompliance]
    heat: compliance.HeatMap


def _overview(request: AuthenticatedRequest) -> Overview:
    unit = page_unit(request)
    plan = page_plan(request, unit)
    weeks = page_weeks(request, 12)
    rules = compliance.compliance(plan=plan, root=unit) if plan else []
    return Overview(
        unit, plan, weeks, rules, compliance.heat_map(plan=plan, root=unit, weeks=weeks)
    )


@login_required
def overview(request: AuthenticatedRequest) -> HttpResponse:
    state = _overview(request)
    plan, unit = state.plan, state.unit
    topics = compliance.topic_coverage(plan=plan, root=unit)[1] if plan else []
    return render(
        request,
        "media/overview.html",
        {
            **page_context(request, unit, plan, "overview"),
            "title": _("Tuyên truyền"),
            "rules": state.rules,
            "heat": state.heat,
            "weeks": state.weeks,
            "week_choices": WEEK_CHOICES,
            "uncovered": [t for t in topics if not t.covered],
            "topic_count": len(topics),
            "can_edit_rules": plan is not None
            and has_cap(request.user, Cap.PLANS_EDIT, plan.org_unit),
        },
    )


class OverviewReport(ListPage[Overview]):
    """The overview on paper and in a workbook: one row per rule."""

    print_template = "media/overview_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> Overview:
        return _overview(signed_in(request))

    def rows(self, request: HttpRequest, state: Overview) -> list[compliance.RuleCompliance]:
        return state.rules

    def title(self, request: HttpRequest, state: Overview) -> str:
        return _("Tình hình thực hiện quy định tuyên truyền")

    def context(self, request: HttpRequest, state: Overview) -> dict[str, Any]:
        return {
            "unit": state.unit,
            "unit_name": state.unit.name,
            "plan": state.plan,
            "rules": state.rules,
            "heat": state.heat,
            "weeks": state.weeks,
        }

    def workbook(self, request: HttpRequest, state: Overview, rows: list[Any]) -> bytes:
        return exports.overview_workbook(
            unit=state.unit, plan=state.plan, rules=rows, heat=state.heat
        )

    def filename(self, request: HttpRequest, state: Overview) -> str:
        return f"Tuyen truyen {state.unit.code}.xlsx"


OVERVIEW = OverviewReport()


@login_required
def topics(request: AuthenticatedRequest) -> HttpResponse:
    unit = page_unit(request)
    plan = page_plan(request, unit)
    weeks = page_weeks(request, 8)
    since, rows = (
        compliance.topic_coverage(plan=plan, root=unit, weeks=weeks) if plan else (None, [])
    )
    return render(
        request,
        "media/topics.html",
        {
            **page_context(request, unit, plan, "topics"),
            "title": _("Chủ đề chưa được tuyên truyền"),
            "weeks": weeks,
            "week_choices": WEEK_CHOICES,
            "since": since,
            "uncovered": [t for t in rows if not t.covered],
            "covered": [t for t in rows if t.covered],
        },
    )


@login_required
def rule_settings(request: AuthenticatedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get(user=request.user, pk=plan_pk)
    can_edit = has_cap(request.user, Cap.PLANS_EDIT, plan.org_unit)
    exempt = selectors.exempt_weeks(plan)
    rules = selectors.plan_rules(plan, exempt=exempt)
    forms = []
    for rule in rules:
        setting = rule.setting
        initial = {
            "count_mode": setting.count_mode if setting else RuleSetting.CountMode.TOTAL,
            "applies_to": setting.applies_to if setting else RuleSetting.AppliesTo.ISSUER,
            "start": setting.start if setting else None,
        }
        bound = request.method == "POST" and request.POST.get("rule") == str(rule.rule.pk)
        forms.append(
            (
                rule,
                RuleSettingForm(
                    request.POST if bound else None, initial=initial, prefix=f"r{rule.rule.pk}"
                ),
            )
        )
    exempt_form = ExemptWeekForm(request.POST if "add_week" in request.POST else None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            if exempt_form.is_bound:
                if exempt_form.is_valid():
                    services.exempt_week_add(
                        actor=request.user,
                        plan=plan,
                        week=exempt_form.cleaned_data["week"],
                        reason=exempt_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Đã thêm tuần không tính."))
                    return redirect("media:rules", plan_pk=plan.pk)
            else:
                for rule, form in forms:
                    if form.is_bound and form.is_valid():
                        services.rule_setting_save(
                            actor=request.user, rule=rule.rule, **form.cleaned_data
                        )
                        messages.success(request, _("Đã lưu cách tính quy định."))
                        return redirect("media:rules", plan_pk=plan.pk)
        except DomainError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "media/rules.html",
        {
            "title": _("Cách tính quy định tuyên truyền"),
            "plan": plan,
            "forms": forms,
            "exempt": [
                (e, week_code((e.iso_year, e.iso_week)), week_label((e.iso_year, e.iso_week)))
                for e in exempt
            ],
            "exempt_form": exempt_form,
            "can_edit": can_edit,
        },
    )


@login_required
@require_POST
def exempt_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    exempt = get_object_or_404(
        ExemptWeek.objects.visible_to(request.user).select_related("plan__org_unit"), pk=pk
    )
    if not has_cap(request.user, Cap.PLANS_EDIT, exempt.plan.org_unit):
        raise PermissionDenied
    services.exempt_week_remove(actor=request.user, exempt=exempt)
    messages.success(request, _("Đã bỏ tuần không tính."))
    return redirect("media:rules", plan_pk=exempt.plan_id)
