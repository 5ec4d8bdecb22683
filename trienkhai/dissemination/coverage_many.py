"""Coverage of many subtrees, each under its own plan and as of its own day, in few queries.

The city's table of communes puts side by side what each commune's own board says: the
commune's subtree under the commune's plan, counted up to that plan's evaluation date. One
GROUP BY query answers a "layer" of such subtrees (at most one per root and depth); a commune
with two plans in force adds a second layer, never a query per commune.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Substr

from trienkhai.dissemination.coverage import (
    annotate_coverage,
    coverage_sums,
    evaluation_date,
    plan_thresholds,
)
from trienkhai.dissemination.models import GROUP_OWNER_KINDS
from trienkhai.dissemination.rules import Coverage, Threshold
from trienkhai.orgs.models import STEPLEN, OrgUnit
from trienkhai.plans.models import Plan


@dataclass(frozen=True)
class PlanRoot:
    """A subtree looked at under one plan: the commune and the plan it issued."""

    root: OrgUnit
    plan: Plan

    @property
    def key(self) -> tuple[int, int]:
        return (self.root.pk, self.plan.pk)


@dataclass(frozen=True)
class RootCoverage:
    day: date  # the plan's evaluation date
    thresholds: list[Threshold]  # those whose group has an owning unit in the subtree
    totals: dict[str, Coverage] = field(default_factory=dict)

    def coverage(self, group: str) -> Coverage:
        return self.totals.get(group, Coverage(0, 0))


def _layers(parts: Iterable[PlanRoot]) -> list[dict[str, PlanRoot]]:
    """Parts split so that a layer holds one part per root, all roots at the same depth."""
    layers: dict[tuple[int, int], dict[str, PlanRoot]] = defaultdict(dict)
    for part in parts:
        depth, index = part.root.depth, 0
        while part.root.path in layers[(depth, index)]:
            index += 1
        layers[(depth, index)][part.root.path] = part
    return [layers[k] for k in sorted(layers)]


def coverage_of_plan_roots(
    parts: Sequence[PlanRoot], *, today: date
) -> dict[tuple[int, int], RootCoverage]:
    """What the board of each part shows at its top: per threshold of the part's plan, Σ
    capped ÷ Σ headcount over the root's subtree, as of the plan's evaluation date.

    The plans' thresholds and deadlines are read with them (prefetch "coverage_thresholds"
    and "deadlines" on the plans to keep to one query for all)."""
    days = {p.key: evaluation_date(p.plan, today) for p in parts}
    wanted = {p.key: plan_thresholds(p.plan) for p in parts}
    groups = sorted({t.group for ts in wanted.values() for t in ts})
    result: dict[tuple[int, int], RootCoverage] = {}
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    if groups:
        for layer in _layers(parts):
            rows.update(_layer_rows(layer, groups, days))
    for part in parts:
        row = rows.get(part.key, {})
        owned = [t for t in wanted[part.key] if row.get(f"owners_{t.group}")]
        totals = {
            g: Coverage(int(row.get(f"num_{g}") or 0), int(row.get(f"den_{g}") or 0))
            for g in groups
        }
        result[part.key] = RootCoverage(day=days[part.key], thresholds=owned, totals=totals)
    return result


def _layer_rows(
    layer: dict[str, PlanRoot], groups: list[str], days: dict[tuple[int, int], date]
) -> dict[tuple[int, int], dict[str, Any]]:
    depth = next(iter(layer.values())).root.depth
    kinds = {k for g in groups for k in GROUP_OWNER_KINDS[g]}
    plan_of = Case(
        *(When(prefix=path, then=Value(p.plan.pk)) for path, p in layer.items()),
        output_field=IntegerField(),
    )
    day_of = Case(
        *(When(prefix=path, then=Value(days[p.key])) for path, p in layer.items()),
        output_field=DateField(),
    )
    # Typed Any: the plugin cannot see the annotations.
    units: Any = (
        OrgUnit.objects.filter(kind__in=kinds)
        .annotate(prefix=Substr("path", 1, depth * STEPLEN))
        .filter(prefix__in=list(layer))
        .annotate(eval_plan=plan_of, eval_day=day_of)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=F("eval_day")),
            Q(valid_to__isnull=True) | Q(valid_to__gte=F("eval_day")),
        )
    )
    annotated: Any = annotate_coverage(
        units, plan=OuterRef("eval_plan"), groups=groups, day=OuterRef("eval_day")
    )
    owners = {f"owners_{g}": Count("pk", filter=Q(kind__in=GROUP_OWNER_KINDS[g])) for g in groups}
    found = annotated.order_by().values("prefix").annotate(**coverage_sums(groups), **owners)
    return {layer[row["prefix"]].key: row for row in found}
