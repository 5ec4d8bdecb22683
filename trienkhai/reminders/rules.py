"""When a plan's reports and tasks are reminded: the office sets, per plan and per report
schedule, how many days before and how often once late."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.plans.models import Plan
from trienkhai.reminders.models import DAYS_BEFORE, EVERY_DAYS, ReminderRule
from trienkhai.reporting.selectors import schedules_in

MAX_DAYS = 60


@dataclass(frozen=True)
class RuleRow:
    """A line of the rules page: a plan, or one schedule of it, with its days."""

    plan: Plan
    schedule_id: int | None
    title: str
    days_before: int
    every_days: int
    own: bool  # set here, not inherited


def rule_rows(plans: list[Plan], schedules: list[tuple[int, int, str]]) -> list[RuleRow]:
    """Each plan, then its schedules (`(pk, plan id, title)`), with the rule that applies."""
    rules = {(r.plan_id, r.schedule_id): r for r in ReminderRule.objects.filter(plan__in=plans)}
    rows = []
    for plan in plans:
        base = rules.get((plan.pk, None))
        days = (base.days_before, base.every_days) if base else (DAYS_BEFORE, EVERY_DAYS)
        rows.append(RuleRow(plan, None, str(plan.label), *days, base is not None))
        for pk, plan_id, title in schedules:
            if plan_id != plan.pk:
                continue
            own = rules.get((plan.pk, pk))
            mine = (own.days_before, own.every_days) if own else days
            rows.append(RuleRow(plan, pk, title, *mine, own is not None))
    return rows


@transaction.atomic
def rule_set(
    *, actor: Actor, plan: Plan, schedule_id: int | None, days_before: int, every_days: int
) -> ReminderRule:
    require_cap(actor, Cap.PLANS_EDIT, plan.org_unit)
    if not 0 <= days_before <= MAX_DAYS:
        raise DomainError(
            _("Số ngày nhắc trước phải từ 0 đến %(n)s.") % {"n": MAX_DAYS}, field="days_before"
        )
    if not 1 <= every_days <= MAX_DAYS:
        raise DomainError(
            _("Số ngày nhắc lại phải từ 1 đến %(n)s.") % {"n": MAX_DAYS}, field="every_days"
        )
    if schedule_id is not None and not schedules_in(plans=[plan]).filter(pk=schedule_id).exists():
        raise DomainError(_("Lịch báo cáo không thuộc kế hoạch này."))
    rule, _created = ReminderRule.objects.update_or_create(
        plan=plan,
        schedule_id=schedule_id,
        defaults={
            "org_unit": plan.org_unit,
            "days_before": days_before,
            "every_days": every_days,
        },
    )
    audit_action(
        actor=actor,
        action="reminders.rule.set",
        obj=rule,
        summary=_("Nhắc việc %(what)s: trước %(b)s ngày, quá hạn nhắc lại sau mỗi %(e)s ngày")
        % {"what": plan.reference, "b": days_before, "e": every_days},
        unit=plan.org_unit,
    )
    return rule
