"""The end of a plan: withdrawn when entered by mistake, superseded by a newer plan.

A withdrawn plan leaves every list and count, so it may be withdrawn only while nothing hangs
on it (no task, session, news item, figure…): the work done under a plan stays under it. A
superseded plan stays in the history and the records, read-only; the newer plan is the one in
force. Both are audited with their reason; neither deletes a row.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number
from trienkhai.plans.models import Plan, Target


def require_in_force(plan: Plan) -> None:
    """Refuses a change to a plan, or to what it asks, once it has ended."""
    if plan.state == Plan.State.SUPERSEDED:
        raise DomainError(
            _("Kế hoạch %(plan)s đã được thay thế: chỉ xem, không sửa được.")
            % {"plan": plan.reference},
            code="plan_not_in_force",
        )
    if plan.state == Plan.State.WITHDRAWN:
        raise DomainError(
            _("Kế hoạch %(plan)s đã rút: không sửa được.") % {"plan": plan.reference},
            code="plan_not_in_force",
        )


def _reverse_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    # Hidden ones too (related_name="+"): a session's attendance rows point at the plan so.
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if isinstance(f, models.ForeignObjectRel) and f.related_model is not None
    ]


def dependents(plan: Plan) -> list[tuple[str, int]]:
    """What hangs on the plan outside its own text, as (what, how many): rows of other apps
    that point at the plan or at one of its targets. Settings of the plan (a model that says
    `plan_setting = True`) do not count: they describe the plan, nobody did them; nor do the
    parts of a row counted already (`counted_with_parent = True`: a session's attendance)."""
    found: list[tuple[str, int]] = []
    for owner, lookup in ((Plan, ""), (Target, "__plan")):
        for relation in _reverse_relations(owner):
            model = relation.related_model
            assert isinstance(model, type)
            meta = model._meta
            if (
                meta.app_label == "plans"
                or meta.auto_created  # a many-to-many table: its rows are counted as the items
                or getattr(model, "plan_setting", False)
                or getattr(model, "counted_with_parent", False)
            ):
                continue
            rows = model._default_manager.filter(**{f"{relation.field.name}{lookup}": plan})
            n = rows.distinct().count()  # an item tied to two targets is one item
            if n:
                found.append((str(meta.verbose_name_plural), n))
    return found


def _locked(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_withdraw(*, actor: User, plan: Plan, reason: str) -> Plan:
    require_cap(actor, Cap.PLANS_EDIT, plan.org_unit)
    plan = _locked(plan)
    require_in_force(plan)
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do rút kế hoạch."), field="reason")
    found = dependents(plan)
    if found:
        what = ", ".join(f"{format_number(n)} {name}" for name, n in found)
        raise DomainError(
            _(
                "Không rút được: kế hoạch đã có %(what)s. Nếu đã có kế hoạch mới thay thế, "
                "hãy đánh dấu “đã được thay thế”."
            )
            % {"what": what},
            code="plan_has_dependents",
        )
    plan.state = Plan.State.WITHDRAWN
    plan.state_note = reason.strip()
    plan.state_changed_on = timezone.localdate()
    plan.save(update_fields=["state", "state_note", "state_changed_on", "updated_at"])
    audit_action(
        actor=actor,
        action="plans.plan.withdrawn",
        obj=plan,
        summary=_("Rút kế hoạch %(plan)s: %(reason)s")
        % {"plan": plan.reference, "reason": plan.state_note},
    )
    return plan


def supersede_choices(plan: Plan) -> models.QuerySet[Plan]:
    """The plans that may supersede `plan`: the same unit's other plans in force."""
    return (
        Plan.objects.filter(org_unit=plan.org_unit, state=Plan.State.IN_FORCE)
        .exclude(pk=plan.pk)
        .order_by("-date", "-pk")
    )


@transaction.atomic
def plan_supersede(*, actor: User, plan: Plan, by: Plan, note: str = "") -> Plan:
    require_cap(actor, Cap.PLANS_EDIT, plan.org_unit)
    plan = _locked(plan)
    require_in_force(plan)
    if not supersede_choices(plan).filter(pk=by.pk).exists():
        raise DomainError(
            _("Kế hoạch thay thế phải là một kế hoạch khác đang thực hiện của cùng đơn vị."),
            field="by",
        )
    if plan.date and by.date and by.date < plan.date:
        raise DomainError(
            _("Kế hoạch thay thế (ngày %(new)s) ban hành trước kế hoạch này (ngày %(old)s).")
            % {"new": by.date.strftime("%d/%m/%Y"), "old": plan.date.strftime("%d/%m/%Y")},
            field="by",
        )
    plan.state = Plan.State.SUPERSEDED
    plan.superseded_by = by
    plan.state_note = note.strip()
    plan.state_changed_on = timezone.localdate()
    plan.save(
        update_fields=["state", "superseded_by", "state_note", "state_changed_on", "updated_at"]
    )
    audit_action(
        actor=actor,
        action="plans.plan.superseded",
        obj=plan,
        summary=_("Kế hoạch %(old)s được thay thế bởi kế hoạch %(new)s")
        % {"old": plan.reference, "new": by.reference},
    )
    return plan
