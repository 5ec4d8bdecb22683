"""How a unit stands with a plan's minimum-output rules, for its home page: the periods
judged so far, the last ones missed and the running one, for the rules that judge the unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trienkhai.media.compliance import compliance
from trienkhai.media.rules import PER_WORDS, PeriodResult
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


def standing_for(*, plan: Plan, unit: OrgUnit, today: date) -> list[RuleStanding]:
    """The plan's rules that judge `unit`, judged up to `today` (the unit alone)."""
    result = []
    for rule in compliance(plan=plan, root=unit, today=today, with_children=False):
        if not rule.rule.binds(plan, unit) or not rule.rows:
            continue
        evaluation = rule.rows[0].evaluation
        config = rule.rule.config
        result.append(
            RuleStanding(
                text=config.text,
                per_word=str(PER_WORDS.get(config.per) or config.per),
                met=evaluation.met,
                judged=len(evaluation.judged),
                missed=evaluation.missed_periods[-RECENT_MISSED:],
                current=evaluation.current,
            )
        )
    return result


def standings_by_plan(
    *, plans: list[Plan], unit: OrgUnit, today: date
) -> dict[int, list[RuleStanding]]:
    """`standing_for` of each plan, read once for a page that shows it twice (the home's
    figures and its "việc cần làm")."""
    return {plan.pk: standing_for(plan=plan, unit=unit, today=today) for plan in plans}
