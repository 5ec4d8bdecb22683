"""How a unit stands with a plan's minimum-output rules, for its home page: the periods
judged so far, the last ones missed and the running one, for the rules that judge the unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from trienkhai.media.compliance import BranchCounts, branch_counts, compliance
from trienkhai.media.rules import PER_WORDS, Evaluation, PeriodResult, evaluate
from trienkhai.media.selectors import Rule, rules_by_plan
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

# Only the last missed periods are named: older ones are history, not work to do.
RECENT_MISSED = 2


@dataclass(frozen=True)
class RuleStanding:
    text: str  # "tối thiểu 02 tin, bài/tuần (…)"
    per_word: str  # "tuần"
    met: int
    judged: int
    missed: list[PeriodResult] = field(default_factory=list)  # the latest, newest last
    current: PeriodResult | None = None


def _standing(rule: Rule, evaluation: Evaluation) -> RuleStanding:
    config = rule.config
    return RuleStanding(
        text=config.text,
        per_word=str(PER_WORDS.get(config.per) or config.per),
        met=evaluation.met,
        judged=len(evaluation.judged),
        missed=evaluation.missed_periods[-RECENT_MISSED:],
        current=evaluation.current,
    )


def standing_for(*, plan: Plan, unit: OrgUnit, today: date) -> list[RuleStanding]:
    """The plan's rules that judge `unit`, judged up to `today` (the unit alone)."""
    result = []
    for rule in compliance(plan=plan, root=unit, today=today, with_children=False):
        if not rule.rule.binds(plan, unit) or not rule.rows:
            continue
        result.append(_standing(rule.rule, rule.rows[0].evaluation))
    return result


def issuer_standings(
    *, root: OrgUnit, plans: Sequence[Plan], today: date
) -> dict[int, list[RuleStanding]]:
    """`standing_for` of each plan at its issuer, for plans issued by units directly under
    `root` (the communes' plans under the city): the counts of all issuers are read at once,
    by branch, so the queries do not grow with the number of plans."""
    rules = rules_by_plan(plans)
    starts = [
        r.config.start
        for plan_rules in rules.values()
        for r in plan_rules
        if r.config.start and r.config.start <= today
    ]
    weekly: BranchCounts = {}
    daily: BranchCounts = {}
    if starts:
        first = min(starts)
        weekly = branch_counts(root=root, first=first, last=today)
        if any(r.config.per == "day" for plan_rules in rules.values() for r in plan_rules):
            daily = branch_counts(root=root, first=first, last=today, by_day=True)
    result: dict[int, list[RuleStanding]] = {}
    for plan in plans:
        issuer = plan.org_unit
        standings = []
        # As `compliance`: a plan none of whose rules has started is not judged at all.
        started = any(r.config.start and r.config.start <= today for r in rules[plan.pk])
        for rule in rules[plan.pk] if started else []:
            if not rule.binds(plan, issuer):
                continue
            source = daily if rule.config.per == "day" else weekly
            counts = source.get(issuer.path, {})
            standings.append(_standing(rule, evaluate(rule.config, counts, today)))
        result[plan.pk] = standings
    return result


def standings_by_plan(
    *, plans: list[Plan], unit: OrgUnit, today: date
) -> dict[int, list[RuleStanding]]:
    """`standing_for` of each plan, read once for a page that shows it twice (the home's
    figures and its "việc cần làm")."""
    return {plan.pk: standing_for(plan=plan, unit=unit, today=today) for plan in plans}
