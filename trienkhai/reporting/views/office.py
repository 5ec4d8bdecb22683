"""The office's pages: the report schedules of its plans and the holiday calendar.

Both are the office's (`plans.edit` on the unit): a reporter or a viewer gets 403, a unit or
a schedule outside the reader's scope 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, cap_paths, has_cap, page_unit
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths, subtree_q
from trienkhai.plans.models import Plan
from trienkhai.reporting import schedule_services, selectors
from trienkhai.reporting.models import Holiday, ReportSchedule, ScheduleKind
from trienkhai.reporting.office_forms import HolidayForm, ScheduleForm

OFFICE_CAP = Cap.PLANS_EDIT


def _office_paths(user: User) -> tuple[str, ...]:
    """The subtrees where the user is the office; none: the office's pages are refused."""
    paths = cap_paths(user, OFFICE_CAP)
    if not paths:
        raise PermissionDenied
    return paths


# --- schedules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleRow:
    schedule: ReportSchedule
    editable: bool
    unit_kinds: list[str]


@login_required
def schedule_list(request: AuthenticatedRequest) -> HttpResponse:
    _office_paths(request.user)
    kinds = dict(OrgUnit.Kind.choices)
    rows = [
        ScheduleRow(
            schedule,
            has_cap(request.user, OFFICE_CAP, schedule.plan.org_unit),
            [str(kinds.get(k, k)) for k in schedule.unit_kinds],
        )
        for schedule in selectors.schedules_of(user=request.user).select_related("plan__org_unit")
    ]
    return render(request, "reporting/schedules.html", {"title": _("Lịch báo cáo"), "rows": rows})


def _editable_plans(user: User) -> QuerySet[Plan]:
    paths = _office_paths(user)
    return Plan.objects.filter(subtree_q(paths, "org_unit")).usable().select_related("org_unit")


def _reviewers(user: User) -> QuerySet[OrgUnit]:
    """Bodies that may receive reports: the units of the office's subtrees, chi bộ aside."""
    return (
        OrgUnit.objects.in_subtrees(*_office_paths(user))
        .exclude(kind__in=OrgUnit.PARTY_ORG_KINDS)
        .valid_on()
        .order_by("path")
    )


def _initial(schedule: ReportSchedule | None, plan: Plan | None) -> dict[str, Any]:
    if schedule is None:
        return {
            "plan": plan,
            "kind": ScheduleKind.QUARTER,
            "cutoff_day": 15,
            "due_working_days": 1,
            "unit_kinds": [OrgUnit.Kind.PARTY_CELL],
            "reviewer": schedule_services.default_reviewer(plan) if plan else None,
        }
    names = ("title", "plan", "kind", "period", "due_date", "first_year", "last_year")
    return {
        **{name: getattr(schedule, name) for name in names},
        "cutoff_day": schedule.cutoff_day,
        "due_working_days": schedule.due_working_days,
        "unit_kinds": list(schedule.unit_kinds),
        "reviewer": schedule.reviewer,
    }


@login_required
def schedule_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Add a schedule, or change one the user's office owns (the plan's unit)."""
    plans = _editable_plans(request.user)
    schedule = None
    if pk is not None:
        schedule = get_object_or_404(selectors.schedules_of(user=request.user), pk=pk)
        if not has_cap(request.user, OFFICE_CAP, schedule.plan.org_unit):
            raise PermissionDenied
    plan = schedule.plan if schedule else PageQuery.of(request).pick_plan(plans)
    if schedule is None and plan is None:
        messages.info(request, _("Chưa có kế hoạch nào để đặt lịch báo cáo."))
        return redirect("reporting:schedules")
    top = min((len(p) for p in cap_paths(request.user, OFFICE_CAP)), default=4) // 4
    form = ScheduleForm(
        request.POST or None,
        plans=plans,
        reviewers=_reviewers(request.user),
        base_depth=top,
        initial=_initial(schedule, plan),
    )

    def save(data: dict[str, Any]) -> ReportSchedule:
        values = schedule_services.ScheduleData(
            title=data["title"],
            plan=data["plan"],
            kind=data["kind"],
            unit_kinds=list(data["unit_kinds"]),
            period=data.get("period") or "",
            due_date=data.get("due_date"),
            first_year=data.get("first_year"),
            last_year=data.get("last_year"),
            cutoff_day=data["cutoff_day"],
            due_working_days=data["due_working_days"],
            reviewer=data.get("reviewer"),
        )
        if schedule is None:
            return schedule_services.schedule_create(actor=request.user, data=values)
        return schedule_services.schedule_update(actor=request.user, schedule=schedule, data=values)

    done = _("Đã thêm lịch báo cáo.") if schedule is None else _("Đã lưu lịch báo cáo.")
    if submit(request, form, save, success=done):
        return redirect("reporting:schedules")
    title = _("Sửa lịch báo cáo") if schedule else _("Thêm lịch báo cáo")
    context = {
        "title": title,
        "form": form,
        "schedule": schedule,
        "opened": schedule.requests.count() if schedule else 0,
    }
    return render(request, "reporting/schedule_edit.html", context)


# --- holidays ---------------------------------------------------------------------------------


def _holiday_unit(request: AuthenticatedRequest) -> OrgUnit:
    """`?don_vi=` where the user is the office (another unit it reads: 403; one it does not:
    404), else the top of its widest office subtree."""
    return page_unit(request, OFFICE_CAP)


@login_required
def holidays(request: AuthenticatedRequest) -> HttpResponse:
    """The days off the unit keeps (and those of the units above it, read only); add one or
    delete one of its own."""
    unit = _holiday_unit(request)
    back = reverse("reporting:holidays") + f"?don_vi={unit.code}"
    if request.method == "POST" and "xoa" in request.POST:
        raw = request.POST["xoa"]
        holiday = get_object_or_404(
            Holiday.objects.in_own_subtrees(request.user).select_related("org_unit"),
            pk=int(raw) if raw.isdigit() else 0,
        )
        schedule_services.holiday_delete(actor=request.user, holiday=holiday)
        messages.success(request, _("Đã xóa ngày nghỉ %(holiday)s.") % {"holiday": holiday})
        return redirect(back)
    form = HolidayForm(request.POST or None)

    def add(data: dict[str, Any]) -> Holiday:
        return schedule_services.holiday_add(
            actor=request.user, unit=unit, day=data["day"], name=data["name"]
        )

    if added := submit(request, form, add, success=_("Đã thêm ngày nghỉ.")):
        return redirect(f"{back}&nam={added.result.day.year}")
    year = PageQuery.of(request).number("nam", timezone.localdate().year, low=2000, high=2100)
    days = (
        Holiday.objects.filter(org_unit__path__in=[unit.path, *ancestor_paths(unit.path)])
        .filter(day__year=year)
        .select_related("org_unit")
        .order_by("day", "org_unit__path")
    )
    context = {
        "title": _("Ngày nghỉ"),
        "unit": unit,
        "form": form,
        "days": list(days),
        "year": year,
        "offices": list(
            OrgUnit.objects.filter(path__in=cap_paths(request.user, OFFICE_CAP)).order_by("path")
        ),
    }
    return render(request, "reporting/holidays.html", context)
