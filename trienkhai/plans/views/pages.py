"""Pages of plans: upload → review → save; a plan with its targets, their print view and
Excel file; a target, its edit form and its split among the communes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from trienkhai.accounts.permissions import (
    AuthenticatedRequest,
    Cap,
    cap_paths,
    has_cap,
    require_cap,
    signed_in,
)
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.listing import ListPage
from trienkhai.core.submit import submit
from trienkhai.plans import exports, selectors, services
from trienkhai.plans.forms import (
    PlanEditForm,
    SplitFormSet,
    TargetEditForm,
    TargetFilterForm,
    UploadForm,
)
from trienkhai.plans.identity import differences, existing_plan
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.parser import ParsedPlan
from trienkhai.plans.review import Review


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


@login_required
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    # Withdrawn plans were entered by mistake: only their own page and the log keep them.
    plans = selectors.plans_for(user=request.user).usable()
    can_upload = bool(cap_paths(request.user, Cap.PLANS_EDIT))
    return render(
        request,
        "plans/plan_list.html",
        {"title": _("Kế hoạch"), "plans": plans, "can_upload": can_upload},
    )


@login_required
def plan_upload(request: AuthenticatedRequest) -> HttpResponse:
    units = selectors.upload_units(user=request.user)
    if not units.exists():
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            draft = services.plan_draft_create(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                data=read_upload(upload),
                name=upload.name,
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            url = reverse("plans:review", args=[draft.pk])
            return HttpResponseClientRedirect(url) if _is_htmx(request) else redirect(url)
    template = "plans/_upload_form.html" if _is_htmx(request) else "plans/upload.html"
    return render(request, template, {"title": _("Tải lên kế hoạch"), "form": form})


@login_required
def plan_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.PLANS_EDIT, draft.org_unit)
    parsed = ParsedPlan.from_dict(draft.data)
    existing = existing_plan(draft.org_unit, parsed)
    if existing is not None:
        # The plan is already here: show what the file would change, never a second copy.
        return render(
            request,
            "plans/review_existing.html",
            {
                "title": _("Kế hoạch này đã có"),
                "draft": draft,
                "plan": existing,
                "changes": differences(existing, parsed),
            },
        )
    review = Review(parsed, request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and review.is_valid():
        try:
            plan = services.plan_save_from_draft(
                actor=request.user, draft=draft, parsed=review.cleaned()
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/review.html",
        {
            "title": _("Kiểm tra bản nháp kế hoạch"),
            "draft": draft,
            "review": review,
            "error": error,
            "existing_refs": services.programme_existing_refs(
                unit=draft.org_unit, title=parsed.title or ""
            ),
        },
    )


@login_required
@require_POST
def plan_draft_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Apply a re-uploaded plan's differences to the plan already held, then drop the draft."""
    draft = selectors.draft_get(user=request.user, pk=pk)
    parsed = ParsedPlan.from_dict(draft.data)
    existing = existing_plan(draft.org_unit, parsed)
    if existing is None:
        return redirect("plans:review", pk=draft.pk)
    changes = services.plan_apply_differences(actor=request.user, plan=existing, parsed=parsed)
    draft.delete()
    messages.success(
        request,
        _("Đã áp dụng %(n)s thay đổi vào kế hoạch; không tạo bản thứ hai.") % {"n": len(changes)},
    )
    return redirect("plans:detail", pk=existing.pk)


@login_required
@require_POST
def plan_draft_discard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    draft.delete()
    messages.info(request, _("Đã hủy bản nháp."))
    return redirect("plans:list")


@login_required
def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    filters = TargetFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    targets = selectors.plan_targets(plan=plan, **{k: v for k, v in values.items() if v})
    context = {
        "title": str(plan),
        "plan": plan,
        "filters": filters,
        "targets": selectors.with_figures(targets),
        "solutions": plan.solutions.all(),
        "duties": plan.duties.all(),
        "deadlines": plan.deadlines.all(),
        "thresholds": plan.coverage_thresholds.all(),
        "audiences": plan.audiences.all(),
        "media_rules": plan.media_rules.all(),
        "can_edit": has_cap(request.user, Cap.PLANS_EDIT, plan.org_unit),
        "can_assign_tasks": plan.in_force
        and has_cap(request.user, Cap.TASKS_ASSIGN, plan.org_unit),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.PLANS_EDIT, plan.org_unit)
    return _edit(
        request,
        PlanEditForm(request.POST or None, instance=plan),
        lambda **changes: services.plan_update(actor=request.user, plan=plan, **changes),
        success=_("Đã lưu thông tin kế hoạch."),
        done=reverse("plans:detail", args=[plan.pk]),
        template="plans/plan_edit.html",
        context={"plan": plan},
    )


def _edit(
    request: AuthenticatedRequest,
    form: forms.ModelForm[Any],
    save: Callable[..., object],
    *,
    success: str,
    done: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """An edit page of a plan or a target: only the fields changed go to the service."""
    if submit(
        request, form, lambda data: save(**{f: data[f] for f in form.changed_data}), success=success
    ):
        return redirect(done)
    title = _("Sửa %(name)s") % {"name": form.instance}
    return render(request, template, {**context, "title": title, "form": form})


class PlanTargets(ListPage[Plan]):
    """A plan's targets (its own, then those it propagates): the print view and the file."""

    print_template = "plans/plan_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> Plan:
        return selectors.plan_get(user=signed_in(request).user, pk=kwargs["pk"])

    def rows(self, request: HttpRequest, state: Plan) -> Any:
        return selectors.plan_targets(plan=state)

    def title(self, request: HttpRequest, state: Plan) -> str:
        return _("Chỉ tiêu của %(plan)s") % {"plan": state}

    def context(self, request: HttpRequest, state: Plan) -> dict[str, Any]:
        return {"plan": state, "unit_name": state.issuer}

    def decorate(self, request: HttpRequest, state: Plan, rows: list[Any]) -> list[Any]:
        return selectors.with_figures(rows)

    def workbook(self, request: HttpRequest, state: Plan, rows: list[Any]) -> bytes:
        return exports.targets_workbook(state, [target for target, _figure in rows])

    def filename(self, request: HttpRequest, state: Plan) -> str:
        return f"Chi tieu {state.reference}.xlsx"


plan_targets = PlanTargets()


@login_required
def target_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = selectors.target_get(user=request.user, pk=pk)
    children = selectors.target_children(user=request.user, target=target)
    can_edit = has_cap(request.user, Cap.PLANS_EDIT, target.org_unit)
    can_split = (
        can_edit and target.parent_id is None and selectors.split_communes(target=target).exists()
    )
    context = {
        "title": str(target),
        "target": target,
        "figure": selectors.figure(target),
        "children": selectors.with_figures(children),
        "check": selectors.split_check(target=target, children=children),
        "can_edit": can_edit,
        "can_split": can_split,
    }
    return render(request, "plans/target_detail.html", context)


def _editable_target(request: AuthenticatedRequest, pk: int) -> Target:
    target = selectors.target_get(user=request.user, pk=pk)
    # Reference targets are edited only by the level that owns them.
    require_cap(request.user, Cap.PLANS_EDIT, target.org_unit)
    return target


@login_required
def target_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = _editable_target(request, pk)
    return _edit(
        request,
        TargetEditForm(request.POST or None, instance=target),
        lambda **changes: services.target_update(actor=request.user, target=target, **changes),
        success=_("Đã lưu chỉ tiêu."),
        done=reverse("plans:target", args=[target.pk]),
        template="plans/target_edit.html",
        context={"target": target},
    )


@login_required
def target_split(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = _editable_target(request, pk)
    communes = list(selectors.split_communes(target=target))
    existing = {c.org_unit_id: c for c in target.children.all()}
    initial = [
        {
            "unit_id": u.pk,
            "value": existing[u.pk].value if u.pk in existing else None,
            "weight": existing[u.pk].weight if u.pk in existing else 1,
        }
        for u in communes
    ]
    formset = SplitFormSet(request.POST or None, initial=initial, prefix="s")
    if request.method == "POST" and formset.is_valid():
        by_id = {u.pk: u for u in communes}
        shares = [
            (
                by_id[f.cleaned_data["unit_id"]],
                f.cleaned_data.get("value"),
                f.cleaned_data.get("weight") or Decimal(1),
            )
            for f in formset.forms
            if f.cleaned_data.get("unit_id") in by_id
        ]
        try:
            services.target_split(actor=request.user, target=target, shares=shares)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã giao chỉ tiêu cho các đơn vị."))
            return redirect("plans:target", pk=target.pk)
    rows = list(zip(communes, formset.forms, strict=False))
    title = _("Giao chỉ tiêu %(target)s") % {"target": target}
    return render(
        request,
        "plans/target_split.html",
        {"title": title, "target": target, "formset": formset, "rows": rows},
    )
