"""The office's reminder page (`/nhac-viec/`): what was sent to whom and when under its unit,
the day's Zalo texts to paste (one per unit, and one digest of the late units for the
commune's group), and the units whose reminders are paused.

The office is who reviews the unit's reports (`reporting.review`): a reporter or a leader
gets 403, a unit outside the reader's scope 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, cap_paths, page_unit
from trienkhai.core.errors import DomainError
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.reminders import rules, selectors, services
from trienkhai.reminders.digest import day_digest
from trienkhai.reminders.forms import PauseForm, RuleForm
from trienkhai.reminders.models import Channel, ReminderPause
from trienkhai.reporting.selectors import schedules_in

OFFICE_CAP = Cap.REPORTING_REVIEW


def _office_unit(request: AuthenticatedRequest) -> OrgUnit:
    """`?don_vi=` where the user is the office (a unit it only reads: 403; one it does not
    read: 404), else the top of its widest office subtree."""
    return page_unit(request, OFFICE_CAP)


@login_required
def reminder_log(request: AuthenticatedRequest) -> HttpResponse:
    unit = _office_unit(request)
    back = reverse("remindlog:list") + f"?don_vi={unit.code}"
    if request.method == "POST" and "bo_tam_dung" in request.POST:
        raw = request.POST["bo_tam_dung"]
        pause = get_object_or_404(
            ReminderPause.objects.in_subtree(unit).filter(active=True).select_related("org_unit"),
            pk=int(raw) if raw.isdigit() else 0,
        )
        try:
            services.reminder_resume(actor=request.user, pause=pause)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Đã bật lại nhắc việc của %(unit)s.") % {"unit": pause.org_unit.name}
            )
        return redirect(back)
    form = PauseForm(
        request.POST or None,
        units=OrgUnit.objects.in_subtrees(unit.path).valid_on().order_by("path"),
    )

    def do_pause(data: dict[str, Any]) -> ReminderPause:
        return services.reminder_pause(actor=request.user, unit=data["unit"], reason=data["reason"])

    if submit(request, form, do_pause, success=_("Đã tạm dừng nhắc việc của đơn vị.")):
        return redirect(back)
    query = PageQuery.of(request)
    channel = query.get("kenh")
    if channel not in Channel.values:
        channel = ""
    day = query.day_or_today()
    sent = selectors.sent_reminders(unit=unit, day=query.day, channel=channel)
    context = {
        "title": _("Nhắc việc"),
        "unit": unit,
        "form": form,
        "page": query.paginate(sent),
        "query": query.with_(),
        "picked_day": query.day,
        "channel": channel,
        "channels": Channel.choices,
        "day": day,
        "zalo": selectors.zalo_texts(unit=unit, day=day),
        "digest": day_digest(unit=unit, day=day),
        "pauses": list(selectors.active_pauses(unit=unit)),
        "offices": list(
            OrgUnit.objects.filter(path__in=cap_paths(request.user, OFFICE_CAP)).order_by("path")
        ),
    }
    return render(request, "reminders/log.html", context)


@login_required
def reminder_rules(request: AuthenticatedRequest) -> HttpResponse:
    """How many days before and how often once late each plan of the office's unit, and each
    of its report schedules, is reminded."""
    unit = _office_unit(request)
    plans = list(Plan.objects.in_subtree(unit).usable().select_related("org_unit"))
    schedules = [(s.pk, s.plan_id, s.title) for s in schedules_in(plans=plans)]
    form = RuleForm(request.POST or None)
    refused: tuple[int, int | None] | None = None

    def save(data: dict[str, Any]) -> object:
        plan = get_object_or_404(Plan, pk=data["plan"], pk__in=[p.pk for p in plans])
        return rules.rule_set(
            actor=request.user,
            plan=plan,
            schedule_id=data.get("schedule"),
            days_before=data["days_before"],
            every_days=data["every_days"],
        )

    if submit(request, form, save, success=_("Đã lưu quy định nhắc việc.")):
        return redirect(reverse("remindlog:rules") + f"?don_vi={unit.code}")
    if request.method == "POST":
        refused = (
            int(request.POST.get("plan") or 0),
            int(request.POST.get("schedule") or 0) or None,
        )
    rows = [
        (row, form if refused == (row.plan.pk, row.schedule_id) else None)
        for row in rules.rule_rows(plans, schedules)
    ]
    return render(
        request,
        "reminders/rules.html",
        {"title": _("Quy định nhắc việc"), "unit": unit, "rows": rows},
    )
