"""What the media log adds up to: each rule judged per unit, the heat map (weeks × units),
and the plan's topics without an item lately.

Counts are aggregated in the database, grouped by the branch of the tree a unit lies in
(the first path step below the unit looked at) and by ISO week, so a page for 30 units
over a year runs the same few queries as one for 3 units over a month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number
from trienkhai.media.models import MediaItem, MediaTally, RuleSetting
from trienkhai.media.rules import MET, MISSED, PER_WORDS, Evaluation, RuleConfig, evaluate
from trienkhai.media.selectors import Rule, plan_rules, rules_by_plan
from trienkhai.media.weeks import WeekKey, monday, week_label, week_of, weeks_between
from trienkhai.orgs.models import STEPLEN, OrgUnit
from trienkhai.orgs.scoping import ancestor_paths, subtree_q
from trienkhai.plans.in_force import in_force_q
from trienkhai.plans.models import MediaRule, Plan, Solution, Target
from trienkhai.plans.selectors import plan_targets

# branch path → bucket (week or day) → channel kind → count
BranchCounts = dict[str, dict[Any, dict[str, int]]]


# --- counts ----------------------------------------------------------------------------------


def branch_counts(*, root: OrgUnit, first: date, last: date, by_day: bool = False) -> BranchCounts:
    """Items and tallies of `root`'s subtree from `first` to `last`, per branch, per week
    (or per day: items only, as tallies are weekly) and per channel kind.

    The branch of a unit is its ancestor directly under `root` (or `root` itself), read
    off the tree path in the database: two grouped queries, whatever the number of units.
    """
    return branch_counts_many(roots=[root], first=first, last=last, by_day=by_day)[root.path]


def branch_counts_many(
    *, roots: Sequence[OrgUnit], first: date, last: date, by_day: bool = False
) -> dict[str, BranchCounts]:
    """`branch_counts` of several roots at once, root path → its counts: two grouped queries
    per depth among the roots (the communes of a city are one depth), whatever their number.
    A root inside another (a commune under the city) is of another depth: counted apart."""
    result: dict[str, BranchCounts] = {r.path: {} for r in roots}
    for length in sorted({len(r.path) for r in roots}):
        paths = [r.path for r in roots if len(r.path) == length]
        _count_branches(paths, length + STEPLEN, first, last, by_day, result)
    return result


def _count_branches(
    paths: list[str],
    branch_length: int,
    first: date,
    last: date,
    by_day: bool,
    result: dict[str, BranchCounts],
) -> None:
    root_length = branch_length - STEPLEN
    items = MediaItem.objects.in_subtrees(*paths).annotate(
        branch=Substr("org_unit__path", 1, branch_length)
    )

    def add(branch: str, key: Any, kind: str, n: int) -> None:
        bucket = result[branch[:root_length]].setdefault(branch, {}).setdefault(key, {})
        bucket[kind] = bucket.get(kind, 0) + n

    if by_day:
        rows = (
            items.filter(date__gte=first, date__lte=last)
            .values("branch", "date", "channel__kind")
            .annotate(n=Count("id"))
        )
        for row in rows:
            add(row["branch"], row["date"], row["channel__kind"], row["n"])
        return
    first_monday = first - timedelta(days=first.weekday())
    sources = [
        items.filter(week_start__gte=first_monday, week_start__lte=last)
        .values("branch", "iso_year", "iso_week", "channel__kind")
        .annotate(n=Count("id")),
        MediaTally.objects.in_subtrees(*paths)
        .filter(week_start__gte=first_monday, week_start__lte=last)
        .annotate(branch=Substr("org_unit__path", 1, branch_length))
        .values("branch", "iso_year", "iso_week", "channel__kind")
        .annotate(n=Sum("count")),
    ]
    for rows in sources:
        for row in rows:
            key = (row["iso_year"], row["iso_week"])
            add(row["branch"], key, row["channel__kind"], row["n"] or 0)


def _merged(parts: list[dict[Any, dict[str, int]]]) -> dict[Any, dict[str, int]]:
    total: dict[Any, dict[str, int]] = {}
    for part in parts:
        for bucket, kinds in part.items():
            into = total.setdefault(bucket, {})
            for kind, n in kinds.items():
                into[kind] = into.get(kind, 0) + n
    return total


def overview_units(root: OrgUnit, first: date, last: date) -> list[OrgUnit]:
    """`root` and the units directly under it that were open at some time in the range."""
    children = (
        OrgUnit.objects.in_subtree(root)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=last),
            Q(valid_to__isnull=True) | Q(valid_to__gte=first),
            depth=root.depth + 1,
        )
        .order_by("path")
    )
    return [root, *children]


# --- compliance -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitCompliance:
    unit: OrgUnit
    evaluation: Evaluation
    binding: bool
    is_root: bool

    @property
    def recent(self) -> list[Any]:
        return self.evaluation.periods[-12:]


@dataclass(frozen=True)
class RuleCompliance:
    rule: Rule
    rows: list[UnitCompliance]

    @property
    def binding_rows(self) -> list[UnitCompliance]:
        return [r for r in self.rows if r.binding]

    @property
    def main_rows(self) -> list[UnitCompliance]:
        """The units the rule judges, and the unit looked at."""
        return [r for r in self.rows if r.binding or r.is_root]

    @property
    def other_rows(self) -> list[UnitCompliance]:
        """Units under the one looked at that the rule does not judge: for reference."""
        return [r for r in self.rows if not (r.binding or r.is_root)]


def compliance(
    *, plan: Plan, root: OrgUnit, today: date | None = None, with_children: bool = True
) -> list[RuleCompliance]:
    """Each rule of the plan judged for `root` (its whole subtree) and each unit under it."""
    today = today or timezone.localdate()
    rules = plan_rules(plan)
    starts = [r.config.start for r in rules if r.config.start and r.config.start <= today]
    if not starts:
        return [RuleCompliance(r, []) for r in rules]
    first = min(starts)
    units = overview_units(root, first, today) if with_children else [root]
    weekly = branch_counts(root=root, first=first, last=today)
    daily = (
        branch_counts(root=root, first=first, last=today, by_day=True)
        if any(r.config.per == "day" for r in rules)
        else {}
    )
    result = []
    for rule in rules:
        source = daily if rule.config.per == "day" else weekly
        rows = []
        for unit in units:
            if unit.pk == root.pk:
                counts = _merged(list(source.values()))
            else:
                counts = source.get(unit.path, {})
            rows.append(
                UnitCompliance(
                    unit=unit,
                    evaluation=evaluate(rule.config, counts, today),
                    binding=rule.binds(plan, unit),
                    is_root=unit.pk == root.pk,
                )
            )
        result.append(RuleCompliance(rule, rows))
    return result


# --- heat map ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    week: WeekKey
    count: int
    css: str


@dataclass(frozen=True)
class HeatRow:
    unit: OrgUnit
    cells: list[HeatCell]
    is_root: bool

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)


@dataclass(frozen=True)
class HeatMap:
    weeks: list[WeekKey]
    rows: list[HeatRow]
    minimum: int | None
    channels: tuple[str, ...]
    start: date | None

    @property
    def headers(self) -> list[tuple[str, str]]:
        """Column heads: the week number, with its dates as a tooltip."""
        return [(f"{w[1]:02d}", week_label(w)) for w in self.weeks]


def heat_map(
    *, plan: Plan | None, root: OrgUnit, weeks: int = 12, today: date | None = None
) -> HeatMap:
    """Weeks × units: what `root` and each unit under it put out on the counted channels.

    Colours follow the plan's first weekly rule (met, below, none) for the units it judges
    and the unit looked at; other units, and every unit when the plan has no weekly rule,
    only show whether they put anything out. Five queries, whatever the numbers of units
    and weeks.
    """
    today = today or timezone.localdate()
    rules = plan_rules(plan) if plan is not None else []
    weekly_rule = next((r for r in rules if r.config.per == "week"), None)
    config = weekly_rule.config if weekly_rule else None
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=max(weeks, 1) - 1)
    keys = weeks_between(first, today)
    units = overview_units(root, first, today)
    counts = branch_counts(root=root, first=first, last=today)
    channels = config.channels if config else ()
    rows = []
    for unit in units:
        source = _merged(list(counts.values())) if unit.pk == root.pk else counts.get(unit.path, {})
        judged = (
            weekly_rule is not None
            and plan is not None
            and (unit.pk == root.pk or weekly_rule.binds(plan, unit))
        )
        cells = []
        for key in keys:
            kinds = source.get(key, {})
            n = sum(v for k, v in kinds.items() if not channels or k in channels)
            cells.append(HeatCell(key, n, _heat_css(config if judged else None, key, n, today)))
        rows.append(HeatRow(unit, cells, unit.pk == root.pk))
    return HeatMap(
        weeks=keys,
        rows=rows,
        minimum=config.min_items if config else None,
        channels=channels,
        start=config.start if config else None,
    )


def _heat_css(config: RuleConfig | None, key: WeekKey, n: int, today: date) -> str:
    if config is None:
        return "heat-some" if n else "heat-zero"
    if config.start is None or monday(key) < config.start:
        return "heat-before"
    if key in config.exempt:
        return "heat-exempt"
    if n >= config.min_items:
        return "heat-met"
    if week_of(today) == key:
        return "heat-current"
    return "heat-low" if n else "heat-none"


# --- topic coverage ------------------------------------------------------------------------


def topic_item(ref: str) -> str:
    """The numbered item a target row belongs to ("21" for "21.3"); a prose target of the
    plan's own ("II.2.3-a") is an item by itself."""
    return ref.split(".")[0] if ref[:1].isdigit() else ref


def _shorten(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,") + "…"


@dataclass(frozen=True)
class Topic:
    kind: str  # "target" or "solution"
    ref: str
    label: str
    last: date | None
    covered: bool
    pks: tuple[int, ...]

    @property
    def query(self) -> str:
        """The items list's filter for this topic."""
        name = "giai_phap" if self.kind == "solution" else "chi_tieu"
        return "&".join(f"{name}={pk}" for pk in self.pks)

    @property
    def heading(self) -> str:
        if self.kind == "solution":
            return _("nhóm giải pháp %(ref)s %(label)s") % {"ref": self.ref, "label": self.label}
        return _("chỉ tiêu (%(ref)s) %(label)s") % {"ref": self.ref, "label": self.label}


def _last_dates(through: Any, topic: str, topics: list[Any], items: Q) -> dict[int, date]:
    """The date of the last of `items` about each of `topics` (targets or solution groups),
    read through the items' link table to them."""
    rows = (
        through.objects.filter(items, **{f"{topic}__in": [t.pk for t in topics]})
        .values(f"{topic}_id")
        .annotate(last=Max("mediaitem__date"))
    )
    return {row[f"{topic}_id"]: row["last"] for row in rows}


def topic_coverage(
    *, plan: Plan, root: OrgUnit, weeks: int = 8, today: date | None = None
) -> tuple[date, list[Topic]]:
    """The plan's targets (by numbered item: "21" is covered when any of 21.1–21.4 is) and
    solution groups, each with the last item about it from `root`'s subtree; an item or
    group is covered when that date falls in the last `weeks` ISO weeks. Four queries."""
    today = today or timezone.localdate()
    since = today - timedelta(days=today.weekday()) - timedelta(weeks=max(weeks, 1) - 1)
    targets = list(plan_targets(plan=plan))
    solutions = list(Solution.objects.filter(plan=plan).order_by("order", "pk"))
    in_subtree = subtree_q([root.path], "mediaitem__org_unit") & Q(mediaitem__date__lte=today)
    target_last = _last_dates(MediaItem.targets.through, "target", targets, in_subtree)
    solution_last = _last_dates(MediaItem.solutions.through, "solution", solutions, in_subtree)
    groups: dict[tuple[str, str], list[Target]] = {}
    for target in targets:
        owner = "plan" if target.plan_id else "programme"
        groups.setdefault((owner, topic_item(target.ref)), []).append(target)
    topics = []
    for (_owner, item), rows in groups.items():
        dates = [target_last[t.pk] for t in rows if t.pk in target_last]
        last = max(dates) if dates else None
        label = _shorten(", ".join(t.label for t in rows))
        topics.append(
            Topic(
                "target",
                item,
                label,
                last,
                last is not None and last >= since,
                tuple(t.pk for t in rows),
            )
        )
    for solution in solutions:
        last = solution_last.get(solution.pk)
        topics.append(
            Topic(
                "solution",
                solution.ref,
                solution.title,
                last,
                last is not None and last >= since,
                (solution.pk,),
            )
        )
    return since, topics


# --- the slow-unit list ------------------------------------------------------------------------

# Periods that ended this many days before today or less make a unit slow: one that missed
# weeks long ago but keeps up now is not.
RECENT_DAYS = 91
# Counts are read back far enough for the longest period (a year) ending in that window.
LOOKBACK_DAYS = RECENT_DAYS + 400


def missed_by_unit(*, root: OrgUnit, today: date) -> dict[int, tuple[int, str]]:
    """Unit pk → (periods missed lately, what each rule asks): for every plan in force with
    media rules that `root`'s units implement, each unit of `root`'s subtree a rule binds,
    judged as the media page judges it (`compliance`) on the periods that ended within
    `RECENT_DAYS` before today. Queries per depth of the plans' issuers, never per plan or unit."""
    plans = plans_with_rules(root, today)
    rules = rules_by_plan(plans)
    found: dict[int, list[tuple[int, str]]] = {}
    for plan, unit, rule, evaluation in _judged_all(plans, rules, root, today):
        recent = [
            p
            for p in evaluation.periods
            if p.status in (MET, MISSED) and (today - p.span.end).days <= RECENT_DAYS
        ]
        missed = sum(1 for p in recent if p.status == MISSED)
        if missed:
            text = _missed_text(plan, rule.config, missed, len(recent))
            found.setdefault(unit.pk, []).append((missed, text))
    return {
        pk: (sum(n for n, _text in parts), "; ".join(text for _n, text in parts))
        for pk, parts in found.items()
    }


def met_by_unit(*, root: OrgUnit, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Unit pk → (periods met, periods judged) over `start`..`end` for the units of `root`'s
    subtree a rule binds, as `missed_by_unit` judges them, on the day after `end` (a period
    ending on `end` is over): the periods lying whole inside the window, exempt ones not
    judged. Queries per depth of the plans' issuers, never per plan or unit."""
    judged_on = end + timedelta(days=1)
    plans = plans_with_rules(root, end)
    rules = rules_by_plan(plans)
    found: dict[int, tuple[int, int]] = {}
    for _plan, unit, _rule, evaluation in _judged_all(plans, rules, root, judged_on):
        periods = [
            p
            for p in evaluation.periods
            if p.status in (MET, MISSED) and start <= p.span.start and p.span.end <= end
        ]
        if periods:
            good, counted = found.get(unit.pk, (0, 0))
            met = sum(1 for p in periods if p.status == MET)
            found[unit.pk] = (good + met, counted + len(periods))
    return found


def plans_with_rules(root: OrgUnit, today: date) -> list[Plan]:
    issued_for = Q(org_unit__path__in=[root.path, *ancestor_paths(root.path)])
    return list(
        Plan.objects.filter(issued_for | subtree_q([root.path], "org_unit"))
        .filter(in_force_q(today), Q(pk__in=MediaRule.objects.values("plan_id")))
        .select_related("org_unit")
        .order_by("org_unit__path", "date", "pk")
    )


def _judged_all(
    plans: Sequence[Plan], rules: dict[int, list[Rule]], root: OrgUnit, today: date
) -> list[tuple[Plan, OrgUnit, Rule, Evaluation]]:
    """Each (plan, unit, rule, evaluation) for the units of `root`'s subtree the plans' rules
    bind: the issuer on its whole subtree, a unit directly under it on its own branch.
    The counts of every issuer are read together, so the queries do not grow with the number
    of plans (the city's list judges every commune's plan)."""
    starting = {
        p.pk: [r.config.start for r in rules[p.pk] if r.config.start and r.config.start <= today]
        for p in plans
    }
    plans = [p for p in plans if starting[p.pk]]
    if not plans:
        return []
    issuers = {p.org_unit.path: p.org_unit for p in plans}
    children = _children_of(
        [
            p.org_unit
            for p in plans
            if any(r.applies_to != RuleSetting.AppliesTo.ISSUER for r in rules[p.pk])
        ],
        root,
        today,
    )
    bound: list[tuple[Plan, OrgUnit, Rule]] = []
    for plan in plans:
        issuer = plan.org_unit
        units = [issuer] if root.contains(issuer) else []
        units += children.get(issuer.path, [])
        bound += [(plan, u, r) for r in rules[plan.pk] for u in units if r.binds(plan, u)]
    if not bound:
        return []
    first = max(min(min(s) for s in starting.values() if s), today - timedelta(days=LOOKBACK_DAYS))
    by_day = any(r.config.per == "day" for _p, _u, r in bound)
    roots = list(issuers.values())
    weekly = branch_counts_many(roots=roots, first=first, last=today)
    daily = branch_counts_many(roots=roots, first=first, last=today, by_day=True) if by_day else {}
    judged = []
    for plan, unit, rule in bound:
        issuer = plan.org_unit
        source = (daily if rule.config.per == "day" else weekly).get(issuer.path, {})
        own = unit.pk == issuer.pk
        counts = _merged(list(source.values())) if own else source.get(unit.path, {})
        judged.append((plan, unit, rule, evaluate(rule.config, counts, today)))
    return judged


def _children_of(issuers: list[OrgUnit], root: OrgUnit, today: date) -> dict[str, list[OrgUnit]]:
    """Issuer path → the units open on `today` directly under it and inside `root`'s
    subtree, in one query per depth."""
    found: dict[str, list[OrgUnit]] = {}
    for depth in sorted({u.depth for u in issuers}):
        paths = [u.path for u in issuers if u.depth == depth]
        rows = (
            OrgUnit.objects.valid_on(today)
            .in_subtrees(*paths)
            .in_subtree(root)
            .filter(depth=depth + 1)
            .order_by("path")
        )
        for unit in rows:
            found.setdefault(unit.path[: depth * STEPLEN], []).append(unit)
    return found


def _missed_text(plan: Plan, config: RuleConfig, missed: int, judged: int) -> str:
    """ "Thiếu tin, bài 3/13 tuần; quy định tối thiểu 02 tin, bài/tuần (…) — Kế hoạch số …"."""
    return _("Thiếu tin, bài %(missed)s/%(judged)s %(per)s; quy định %(rule)s — %(plan)s") % {
        "missed": format_number(missed),
        "judged": format_number(judged),
        "per": _(PER_WORDS.get(config.per, config.per)),
        "rule": config.text,
        "plan": plan,
    }
