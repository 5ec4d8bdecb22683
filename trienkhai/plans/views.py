from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from trienkhai.accounts.permissions import Cap, cap_paths, has_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.xlsx import xlsx_response
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans import exports, selectors, services
from trienkhai.plans.forms import (
    PlanEditForm,
    SplitFormSet,
    TargetEditForm,
    TargetFilterForm,
    UploadForm,
)
from trienkhai.plans.models import Target
from trienkhai.plans.review import Review


def _editable_units(request: HttpRequest) -> object:
    paths = cap_paths(request.user, Cap.PLANS_EDIT)
    return OrgUnit.objects.valid_on().filter(path__in=paths).order_by("path")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_for(user=request.user)
    can_upload = bool(cap_paths(request.user, Cap.PLANS_EDIT))
    return render(
        request,
        "plans/plan_list.html",
        {"title": "Kế hoạch", "plans": plans, "can_upload": can_upload},
    )


@login_required
def plan_upload(request: HttpRequest) -> HttpResponse:
    units = _editable_units(request)
    if not units.exists():  # type: ignore[attr-defined]
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
            form.add_error("file", str(exc))
        else:
            url = reverse("plans:review", args=[draft.pk])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)  # type: ignore[attr-defined]
    template = "plans/_upload_form.html" if request.htmx else "plans/upload.html"  # type: ignore[attr-defined]
    return render(request, template, {"title": "Tải lên kế hoạch", "form": form})


@login_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.PLANS_EDIT, draft.org_unit):
        raise PermissionDenied
    review = Review(draft.data, request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and review.is_valid():
        try:
            plan = services.plan_save_from_draft(
                actor=request.user, draft=draft, data=review.cleaned()
            )
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã lưu kế hoạch.")
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/review.html",
        {
            "title": "Kiểm tra bản nháp kế hoạch",
            "draft": draft,
            "review": review,
            "error": error,
            "existing_refs": services.programme_existing_refs(
                unit=draft.org_unit, title=draft.data.get("title") or ""
            ),
        },
    )


@login_required
@require_POST
def plan_draft_discard(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    draft.delete()
    messages.info(request, "Đã hủy bản nháp.")
    return redirect("plans:list")


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    filters = TargetFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    targets = list(selectors.plan_targets(plan=plan, **{k: v for k, v in values.items() if v}))
    context = {
        "title": str(plan),
        "plan": plan,
        "filters": filters,
        "targets": [(t, selectors.figure(t)) for t in targets],
        "solutions": plan.solutions.all(),
        "duties": plan.duties.all(),
        "deadlines": plan.deadlines.all(),
        "thresholds": plan.coverage_thresholds.all(),
        "audiences": plan.audiences.all(),
        "media_rules": plan.media_rules.all(),
        "can_edit": has_cap(request.user, Cap.PLANS_EDIT, plan.org_unit),
        "can_assign_tasks": has_cap(request.user, Cap.TASKS_ASSIGN, plan.org_unit),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.PLANS_EDIT, plan.org_unit):
        raise PermissionDenied
    form = PlanEditForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.plan_update(
            actor=request.user, plan=plan, **{f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, "Đã lưu thông tin kế hoạch.")
        return redirect("plans:detail", pk=plan.pk)
    return render(
        request, "plans/plan_edit.html", {"title": f"Sửa {plan}", "plan": plan, "form": form}
    )


@login_required
def plan_targets_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    targets = selectors.plan_targets(plan=plan)
    return xlsx_response(exports.targets_workbook(plan, targets), f"Chi tieu {plan.reference}.xlsx")


@login_required
def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    targets = [(t, selectors.figure(t)) for t in selectors.plan_targets(plan=plan)]
    return render(
        request,
        "plans/plan_print.html",
        {
            "title": f"Chỉ tiêu của {plan}",
            "plan": plan,
            "targets": targets,
            "unit_name": plan.issuer,
        },
    )


@login_required
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.target_get(user=request.user, pk=pk)
    children = list(
        Target.objects.visible_to(request.user).filter(parent=target).select_related("org_unit")
    )
    check = selectors.split_check(target=target, children=children)
    can_edit = has_cap(request.user, Cap.PLANS_EDIT, target.org_unit)
    can_split = (
        can_edit
        and target.parent_id is None
        and OrgUnit.objects.in_subtree(target.org_unit)
        .filter(
            depth=target.org_unit.depth + 1,
            kind=OrgUnit.Kind.COMMUNE_COMMITTEE,
        )
        .exists()
    )
    context = {
        "title": str(target),
        "target": target,
        "figure": selectors.figure(target),
        "children": [(c, selectors.figure(c)) for c in children],
        "check": check,
        "can_edit": can_edit,
        "can_split": can_split,
    }
    return render(request, "plans/target_detail.html", context)


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.target_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.PLANS_EDIT, target.org_unit):
        raise PermissionDenied
    form = TargetEditForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(
                actor=request.user,
                target=target,
                **{f: form.cleaned_data[f] for f in form.changed_data},
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu chỉ tiêu.")
            return redirect("plans:target", pk=target.pk)
    return render(
        request,
        "plans/target_edit.html",
        {"title": f"Sửa {target}", "target": target, "form": form},
    )


@login_required
def target_split(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.target_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.PLANS_EDIT, target.org_unit):
        raise PermissionDenied
    communes = list(
        OrgUnit.objects.valid_on()
        .in_subtree(target.org_unit)
        .filter(
            depth=target.org_unit.depth + 1,
            kind=OrgUnit.Kind.COMMUNE_COMMITTEE,
        )
    )
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
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã giao chỉ tiêu cho các đơn vị.")
            return redirect("plans:target", pk=target.pk)
    rows = list(zip(communes, formset.forms, strict=False))
    return render(
        request,
        "plans/target_split.html",
        {"title": f"Giao chỉ tiêu {target}", "target": target, "formset": formset, "rows": rows},
    )
