"""Reads on plans and targets, always within the reader's scope."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths
from trienkhai.core.numbers import format_number
from trienkhai.core.text import search_key
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, PlanDraft, PlanQuerySet, Target

COMPARATOR_WORDS = {
    ">": gettext_lazy("trên"),
    ">=": gettext_lazy("từ"),
    "=": gettext_lazy("đạt"),
    "~": gettext_lazy("khoảng"),
    "<": gettext_lazy("dưới"),
    "<=": gettext_lazy("không quá"),
}


def plans_for(*, user: User) -> PlanQuerySet:
    return Plan.objects.visible_to(user).select_related("org_unit", "programme")


def plan_get(*, user: User, pk: int) -> Plan:
    return get_object_or_404(plans_for(user=user), pk=pk)


def draft_get(*, user: User, pk: int) -> PlanDraft:
    # A draft is private to the office that uploaded it: others get a 404.
    return get_object_or_404(PlanDraft.objects.select_related("org_unit"), pk=pk, created_by=user)


def target_get(*, user: User, pk: int) -> Target:
    """A target the user reads; another unit's target is a 404, the same as a missing one."""
    return get_object_or_404(
        Target.objects.visible_to(user).select_related("org_unit", "plan", "programme", "parent"),
        pk=pk,
    )


def target_children(*, user: User, target: Target) -> list[Target]:
    """The communes' parts of a split target that the user reads."""
    return list(Target.objects.visible_to(user).filter(parent=target).select_related("org_unit"))


def split_communes(*, target: Target) -> QuerySet[OrgUnit]:
    """The communes directly under the target's unit: those a city target is split among."""
    unit = target.org_unit
    return (
        OrgUnit.objects.valid_on()
        .in_subtree(unit)
        .filter(depth=unit.depth + 1, kind=OrgUnit.Kind.COMMUNE_COMMITTEE)
    )


def upload_units(*, user: User) -> QuerySet[OrgUnit]:
    """The units whose plans the user may upload: where its role grants editing plans."""
    paths = cap_paths(user, Cap.PLANS_EDIT)
    return OrgUnit.objects.valid_on().filter(path__in=paths).order_by("path")


def plan_targets(*, plan: Plan, kind: str = "", scope: str = "", q: str = "") -> QuerySet[Target]:
    """The plan's own targets and the programme's reference targets it propagates."""
    condition = Q(plan=plan)
    if plan.programme_id:
        condition |= Q(programme_id=plan.programme_id, parent__isnull=True, plan__isnull=True)
    targets = Target.objects.filter(condition).select_related("org_unit")
    if kind:
        targets = targets.filter(kind=kind)
    if scope:
        targets = targets.filter(scope=scope)
    if q:
        for word in search_key(q).split():
            targets = targets.filter(search_text__contains=word)
    # Own targets first (the commune's commitments), then the superior's, in text order.
    return targets.order_by("scope", "order", "pk")


def with_figures(targets: Iterable[Target]) -> list[tuple[Target, str]]:
    """Each target beside its figure, as the pages list them."""
    return [(t, figure(t)) for t in targets]


def figure(target: Target) -> str:
    """The figure as an office writes it: "từ 13 %/năm (phấn đấu 14)", "15,5–16,5 %/năm"."""
    unit = f" {target.measure_unit}" if target.measure_unit else ""
    if target.comparator == Target.Comparator.RANGE:
        text = f"{format_number(target.low)}–{format_number(target.high)}{unit}"
    elif target.comparator == Target.Comparator.RANK_LE:
        text = f"top {format_number(target.value)}"
    elif target.value is not None:
        word = COMPARATOR_WORDS.get(target.comparator, "")
        text = f"{word} {format_number(target.value)}{unit}".strip()
    else:
        return _("định tính")
    if target.stretch is not None:
        stretch = (
            f"top {format_number(target.stretch)}"
            if target.comparator == Target.Comparator.RANK_LE
            else format_number(target.stretch)
        )
        text += _(" (phấn đấu %(stretch)s)") % {"stretch": stretch}
    return text


@dataclass(frozen=True)
class SplitCheck:
    method: str  # "sum" or "mean"
    aggregate: Decimal | None
    parent_value: Decimal | None
    consistent: bool
    message: str


def split_check(*, target: Target, children: list[Target]) -> SplitCheck | None:
    """Do the communes' parts add up to the city's target?

    Counts and amounts add up (sum); shares, rates and averages are compared as a
    mean weighted by each commune's weight.
    """
    values = [(c.value, c.weight) for c in children if c.value is not None]
    if not values:
        return None
    parent_value = target.value if target.value is not None else target.low
    additive = target.kind in (Target.Kind.COUNT, Target.Kind.CUMULATIVE) or (
        target.kind == Target.Kind.LEVEL and "%" not in target.measure_unit
    )
    aggregate: Decimal | None
    if additive:
        aggregate = sum((v for v, _weight in values), Decimal(0))
        method = "sum"
    else:
        total_weight = sum((w for _value, w in values), Decimal(0))
        aggregate = (
            sum((v * w for v, w in values), Decimal(0)) / total_weight if total_weight else None
        )
        method = "mean"
    if parent_value is None or aggregate is None:
        return SplitCheck(method, aggregate, parent_value, True, "")
    if target.direction == Target.Direction.DECREASE:
        consistent = aggregate <= parent_value
    else:
        consistent = aggregate >= parent_value
    label = _("Tổng") if method == "sum" else _("Bình quân gia quyền")
    verdict = _("khớp với") if consistent else _("không đạt")
    message = _("%(label)s các đơn vị: %(shown)s — %(verdict)s chỉ tiêu %(target)s") % {
        "label": label,
        "shown": format_number(aggregate, None if method == "sum" else 2),
        "verdict": verdict,
        "target": format_number(parent_value),
    }
    return SplitCheck(method, aggregate, parent_value, consistent, message)
