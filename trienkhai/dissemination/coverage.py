"""Coverage computed by the database: per unit, per subtree, per group.

For each unit that owns a group (GROUP_OWNER_KINDS) and each group of the plan:

- ``hc_<g>``: the headcount as of the evaluation date — the latest ``as_of`` ≤ that date
  (a correlated subquery);
- ``main_<g>`` / ``makeup_<g>``: attendees of the main session and of the make-up sessions
  held by then ("other" sessions are not counted);
- ``cap_<g>``: min(main + make-up, headcount), 0 when there is no headcount (a ``Case``).

A rollup is ``Σ cap ÷ Σ hc`` over the owning units of a subtree (path prefix), summed by the
database; the number of queries never depends on the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf, Substr
from django.utils import timezone

from trienkhai.core.text import search_key
from trienkhai.dissemination.models import (
    COUNTED_GROUPS,
    GROUP_OWNER_KINDS,
    Headcount,
    SessionAttendance,
    StudySession,
)
from trienkhai.dissemination.rules import Coverage, Threshold
from trienkhai.orgs.models import STEPLEN, OrgUnit
from trienkhai.plans.models import Plan, PlanDeadline

Kind = StudySession.Kind


# --- what the plan says -----------------------------------------------------------------------


def plan_thresholds(plan: Plan) -> list[Threshold]:
    """The plan's thresholds for the groups a unit's headcount can measure, in fixed order."""
    # Filtered here rather than in SQL so that a prefetch of many plans' thresholds serves.
    found = {
        t.group: Threshold(
            group=t.group, comparator=t.comparator, value=t.value, audience=t.audience
        )
        for t in plan.coverage_thresholds.all()
        if t.group in COUNTED_GROUPS
    }
    return [found[g] for g in COUNTED_GROUPS if g in found]


def thresholds_in(*, plan: Plan, root: OrgUnit, day: date) -> list[Threshold]:
    """The plan's thresholds whose group has an owning unit in the subtree (one query)."""
    thresholds = plan_thresholds(plan)
    kinds = set(
        owner_units(root=root, groups=[t.group for t in thresholds], day=day)
        .order_by()
        .values_list("kind", flat=True)
        .distinct()
    )
    return [t for t in thresholds if kinds & set(GROUP_OWNER_KINDS[t.group])]


def dissemination_deadline(plan: Plan) -> PlanDeadline | None:
    """The plan's deadline for the study sessions: the first one that speaks of quán triệt."""
    # Sorted here rather than in SQL so that a prefetch of many plans' deadlines serves.
    for deadline in sorted(plan.deadlines.all(), key=lambda d: (d.due, d.pk)):
        if "quan triet" in search_key(deadline.text):
            return deadline
    return None


def evaluation_date(plan: Plan, today: date | None = None) -> date:
    """The earlier of the dissemination deadline and today."""
    today = today or timezone.localdate()
    deadline = dissemination_deadline(plan)
    return min(deadline.due, today) if deadline else today


def plan_period(plan: Plan) -> tuple[date | None, date | None]:
    """From the plan's date (or the first day of its first year) to the end of its last year."""
    start = plan.date or (date(plan.start_year, 1, 1) if plan.start_year else None)
    end = date(plan.end_year, 12, 31) if plan.end_year else None
    return start, end


# --- the per-unit figures ----------------------------------------------------------------------


# The plan and the day are given, or read off each unit (``OuterRef``) where one query serves
# the subtrees of several plans, each as of its own day (the city's table of communes).
PlanRef = Plan | OuterRef
DayRef = date | OuterRef


def headcount_subquery(group: str, day: DayRef) -> Subquery:
    return Subquery(
        Headcount.objects.filter(org_unit=OuterRef("pk"), group=group, as_of__lte=day)
        .order_by("-as_of", "-pk")
        .values("count")[:1],
        output_field=IntegerField(),
    )


def _attended(plan: PlanRef, group: str, kind: str, day: DayRef) -> Coalesce:
    # Typed Any: the plugin does not know that a lookup takes an OuterRef.
    lookups: dict[str, Any] = {"plan": plan, "session__date__lte": day}
    total = (
        SessionAttendance.objects.filter(org_unit=OuterRef("pk"), group=group, kind=kind, **lookups)
        .order_by()
        .values("org_unit")
        .annotate(total=Sum("count"))
        .values("total")[:1]
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _session_count(plan: Plan, kind: str) -> Coalesce:
    total = (
        StudySession.objects.filter(plan=plan, org_unit=OuterRef("pk"), kind=kind)
        .order_by()
        .values("org_unit")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def annotate_coverage(
    units: QuerySet[OrgUnit], *, plan: PlanRef, groups: Iterable[str], day: DayRef
) -> QuerySet[OrgUnit]:
    """Add hc_/main_/makeup_/cap_/ratio_<group> to each unit (null where it owns no group)."""
    annotations: dict[str, Any] = {}
    for group in groups:
        owns = Q(kind__in=GROUP_OWNER_KINDS[group])
        hc, main, makeup = f"hc_{group}", f"main_{group}", f"makeup_{group}"
        annotations[hc] = Case(
            When(owns, then=headcount_subquery(group, day)), output_field=IntegerField()
        )
        annotations[main] = _attended(plan, group, Kind.MAIN, day)
        annotations[makeup] = _attended(plan, group, Kind.MAKE_UP, day)
    units = units.annotate(**annotations)
    capped: dict[str, Any] = {}
    for group in groups:
        hc = f"hc_{group}"
        attended = F(f"main_{group}") + F(f"makeup_{group}")
        capped[f"cap_{group}"] = Case(
            When(**{f"{hc}__isnull": True}, then=Value(0)),
            When(Q(**{f"{hc}__lt": attended}), then=F(hc)),
            default=attended,
            output_field=IntegerField(),
        )
    units = units.annotate(**capped)
    ratios = {
        f"ratio_{g}": ExpressionWrapper(
            Cast(F(f"cap_{g}"), FloatField()) / NullIf(F(f"hc_{g}"), Value(0)),
            output_field=FloatField(),
        )
        for g in groups
    }
    return units.annotate(**ratios)


def annotate_sessions(units: QuerySet[OrgUnit], *, plan: Plan, day: date) -> QuerySet[OrgUnit]:
    """How many sessions of each kind the unit held for the plan (shown, whatever counts).

    `main_date` is the main session held by the evaluation day — the one the coverage
    counts — so a unit is never shown as having held it while none of it is counted; a main
    session after that day is `late_main_date`, shown apart."""
    mains = StudySession.objects.filter(plan=plan, org_unit=OuterRef("pk"), kind=Kind.MAIN)
    return units.annotate(
        main_date=Subquery(mains.filter(date__lte=day).order_by("date").values("date")[:1]),
        late_main_date=Subquery(mains.filter(date__gt=day).order_by("date").values("date")[:1]),
        makeup_sessions=_session_count(plan, Kind.MAKE_UP),
        other_sessions=_session_count(plan, Kind.OTHER),
    )


def owner_units(*, root: OrgUnit, groups: Iterable[str], day: date) -> QuerySet[OrgUnit]:
    """Units of the subtree, valid on the day, that own at least one of the groups."""
    kinds = {k for g in groups for k in GROUP_OWNER_KINDS[g]}
    return OrgUnit.objects.valid_on(day).in_subtree(root).filter(kind__in=kinds)


def _judged(units: QuerySet[OrgUnit], threshold: Threshold) -> tuple[QuerySet[OrgUnit], Q]:
    """Owners of the threshold's group, and the condition of one below it, judged exactly
    (integers in SQL): the one definition `below_threshold` and `threshold_verdicts` share.

    With the value v = p/q percent, ">" holds when 100·q·cap > p·hc and ">=" when ≥; no
    headcount (or one of 0) is below.
    """
    fraction = Fraction(threshold.value)
    group = threshold.group
    lhs = ExpressionWrapper(
        F(f"cap_{group}") * Value(100 * fraction.denominator), output_field=BigIntegerField()
    )
    rhs = ExpressionWrapper(
        F(f"hc_{group}") * Value(fraction.numerator), output_field=BigIntegerField()
    )
    units = units.filter(kind__in=GROUP_OWNER_KINDS[group]).annotate(lhs=lhs, rhs=rhs)
    fails = Q(lhs__lte=F("rhs")) if threshold.comparator == ">" else Q(lhs__lt=F("rhs"))
    return units, Q(**{f"hc_{group}__isnull": True}) | Q(**{f"hc_{group}": 0}) | fails


def below_threshold(units: QuerySet[OrgUnit], threshold: Threshold) -> QuerySet[OrgUnit]:
    """Owners of the threshold's group not meeting it, judged exactly (`_judged`)."""
    owners, below = _judged(units, threshold)
    return owners.filter(below)


def threshold_verdicts(units: QuerySet[OrgUnit], threshold: Threshold) -> QuerySet[OrgUnit]:
    """Every owner of the threshold's group, with `met`: not below it (`_judged`)."""
    owners, below = _judged(units, threshold)
    return owners.annotate(
        met=Case(When(below, then=Value(False)), default=Value(True), output_field=BooleanField())
    )


# --- rollups -----------------------------------------------------------------------------------


def coverage_sums(groups: Sequence[str]) -> dict[str, Any]:
    sums: dict[str, Any] = {}
    for g in groups:
        sums[f"num_{g}"] = Coalesce(Sum(f"cap_{g}"), Value(0))
        sums[f"den_{g}"] = Coalesce(Sum(f"hc_{g}"), Value(0))
    return sums


def rollup(*, plan: Plan, root: OrgUnit, groups: Sequence[str], day: date) -> dict[str, Coverage]:
    """Σ capped ÷ Σ headcount per group over the root's subtree: one query."""
    units = annotate_coverage(
        owner_units(root=root, groups=groups, day=day), plan=plan, groups=groups, day=day
    )
    totals = units.aggregate(**coverage_sums(groups))
    return {g: Coverage(int(totals[f"num_{g}"]), int(totals[f"den_{g}"])) for g in groups}


def rollups_by_node(
    *, plan: Plan, nodes: Iterable[OrgUnit], groups: Sequence[str], day: date
) -> dict[int, dict[str, Coverage]]:
    """The rollup of each node's subtree: one GROUP BY query per depth among the nodes."""
    by_depth: dict[int, dict[str, OrgUnit]] = defaultdict(dict)
    for node in nodes:
        by_depth[node.depth][node.path] = node
    kinds = {k for g in groups for k in GROUP_OWNER_KINDS[g]}
    result: dict[int, dict[str, Coverage]] = {}
    for depth, paths in sorted(by_depth.items()):
        # Typed Any: the plugin cannot see that "prefix" is an annotation.
        units: Any = (
            OrgUnit.objects.valid_on(day)
            .filter(kind__in=kinds)
            .annotate(prefix=Substr("path", 1, depth * STEPLEN))
            .filter(prefix__in=list(paths))
        )
        annotated: Any = annotate_coverage(units, plan=plan, groups=groups, day=day)
        rows = annotated.order_by().values("prefix").annotate(**coverage_sums(groups))
        for row in rows:
            node = paths[row["prefix"]]
            result[node.pk] = {
                g: Coverage(int(row[f"num_{g}"]), int(row[f"den_{g}"])) for g in groups
            }
        for node in paths.values():
            result.setdefault(node.pk, {g: Coverage(0, 0) for g in groups})
    return result


# --- the slow-unit list ------------------------------------------------------------------------


def shortfalls(
    *, plan: Plan, root: OrgUnit, threshold: Threshold, day: date
) -> list[tuple[int, int, int | None]]:
    """(unit pk, counted, headcount) of the owners in `root`'s subtree below the threshold on
    `day`, judged exactly (`below_threshold`); a missing headcount comes back as None. One
    query, whatever the number of units."""
    group = threshold.group
    units = annotate_coverage(
        owner_units(root=root, groups=[group], day=day), plan=plan, groups=[group], day=day
    )
    rows = below_threshold(units, threshold).order_by("path")
    return [
        (pk, cap or 0, hc) for pk, cap, hc in rows.values_list("pk", f"cap_{group}", f"hc_{group}")
    ]


def owner_verdicts(
    *, plan: Plan, root: OrgUnit, threshold: Threshold, day: date
) -> list[tuple[int, int, int | None, bool]]:
    """(unit pk, counted, headcount, met) of every owner in `root`'s subtree of the
    threshold's group on `day`, judged by the rule of `shortfalls` (an owner is met exactly
    when `shortfalls` leaves it out). One query, whatever the number of units."""
    group = threshold.group
    units = annotate_coverage(
        owner_units(root=root, groups=[group], day=day), plan=plan, groups=[group], day=day
    )
    rows = threshold_verdicts(units, threshold).order_by("path")
    return [
        (pk, cap or 0, hc, met)
        for pk, cap, hc, met in rows.values_list("pk", f"cap_{group}", f"hc_{group}", "met")
    ]
