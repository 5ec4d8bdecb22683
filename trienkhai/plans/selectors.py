"""Reads on plans and targets, always within the reader's scope."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from trienkhai.core.numbers import format_number
from trienkhai.core.text import search_key
from trienkhai.plans.models import Plan, PlanDraft, Target

COMPARATOR_WORDS = {
    ">": "trên",
    ">=": "từ",
    "=": "đạt",
    "~": "khoảng",
    "<": "dưới",
    "<=": "không quá",
}


def plans_for(*, user: Any) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user).select_related("org_unit", "programme")


def plan_get(*, user: Any, pk: int) -> Plan:
    return get_object_or_404(plans_for(user=user), pk=pk)


def draft_get(*, user: Any, pk: int) -> PlanDraft:
    # A draft is private to the office that uploaded it: others get a 404.
    return get_object_or_404(PlanDraft.objects.select_related("org_unit"), pk=pk, created_by=user)


def target_get(*, user: Any, pk: int) -> Target:
    return get_object_or_404(
        Target.objects.visible_to(user).select_related("org_unit", "plan", "programme", "parent"),
        pk=pk,
    )


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
        return "định tính"
    if target.stretch is not None:
        stretch = (
            f"top {format_number(target.stretch)}"
            if target.comparator == Target.Comparator.RANK_LE
            else format_number(target.stretch)
        )
        text += f" (phấn đấu {stretch})"
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
        aggregate = sum((v for v, _ in values), Decimal(0))
        method = "sum"
    else:
        total_weight = sum((w for _, w in values), Decimal(0))
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
    label = "Tổng" if method == "sum" else "Bình quân gia quyền"
    shown = format_number(aggregate, None if method == "sum" else 2)
    verdict = "khớp với" if consistent else "không đạt"
    message = f"{label} các đơn vị: {shown} — {verdict} chỉ tiêu {format_number(parent_value)}"
    return SplitCheck(method, aggregate, parent_value, consistent, message)
