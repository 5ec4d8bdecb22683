"""The "tình hình triển khai" panel of the home page: per plan in force, one block per module.

Each line comes from the module's own selectors (tasks on the two official axes, coverage
against the plan's thresholds, the tally of the unit's targets, the output rules), so the
home page says what the module pages and the summary report say. A unit under several plans
in force (its own, the commune's, the city's) sees each under its own label; nothing picks
the newest silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number
from trienkhai.dissemination.coverage import evaluation_date, rollup, thresholds_in
from trienkhai.dissemination.rules import Coverage, Threshold
from trienkhai.media.todo import RuleStanding, standings_by_plan
from trienkhai.monitoring.progress import DocumentTally, unit_progress
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.in_force import plans_in_force
from trienkhai.plans.models import CoverageThreshold, Plan
from trienkhai.tasks.selectors.todo import counts_by_plan
from trienkhai.tasks.status import StatusCounts


@dataclass(frozen=True)
class Line:
    text: str
    ok: bool | None = None  # None: a fact, not a verdict


@dataclass(frozen=True)
class Block:
    title: str
    url: str
    icon: str
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class PlanSection:
    """One plan in force, named by its reference and title, with its module blocks."""

    plan: Plan
    blocks: list[Block]

    @property
    def issuer(self) -> str:
        return self.plan.org_unit.name


@dataclass(frozen=True)
class Overview:
    unit: OrgUnit
    sections: list[PlanSection]
    # Targets the unit owns that no plan in force carries (a programme's, a split of the city's).
    other_targets: Block | None = None

    @property
    def plans(self) -> list[Plan]:
        return [s.plan for s in self.sections]


def _url(path: str, plan: Plan) -> str:
    # The plan goes with the link, so the module page shows (and remembers) the same plan.
    return f"{path}?{urlencode({'ke_hoach': plan.pk})}"


def _tasks(plan: Plan, totals: StatusCounts | None) -> Block:
    lines = []
    if totals is not None and totals.total:
        lines.append(Line(totals.sentence(), ok=totals.overdue == 0))
        if totals.due_soon:
            lines.append(
                Line(_("%(n)s nhiệm vụ sắp đến hạn") % {"n": format_number(totals.due_soon)})
            )
    return Block(_("Nhiệm vụ"), _url("/nhiem-vu/", plan), "bi-list-check", lines)


@dataclass(frozen=True)
class GroupCoverage:
    """One threshold group of a plan for a unit's subtree: the rule, the count, its noun."""

    threshold: Threshold
    coverage: Coverage
    noun: str  # "Đảng viên"

    @property
    def met(self) -> bool | None:
        return self.threshold.met(self.coverage)


def coverage_of(unit: OrgUnit, plan: Plan, today: date) -> list[GroupCoverage]:
    """Each threshold group of the plan, counted over the unit's subtree on the plan's
    evaluation date: what the coverage board's total row says."""
    day = evaluation_date(plan, today)
    thresholds = thresholds_in(plan=plan, root=unit, day=day)
    if not thresholds:
        return []
    nouns = dict(CoverageThreshold.Group.choices)
    totals = rollup(plan=plan, root=unit, groups=[t.group for t in thresholds], day=day)
    return [GroupCoverage(t, totals[t.group], str(nouns.get(t.group, t.group))) for t in thresholds]


def _coverage(unit: OrgUnit, plan: Plan, today: date) -> Block:
    block = Block(_("Học tập, quán triệt"), _url("/quan-triet/", plan), "bi-people")
    for group in coverage_of(unit, plan, today):
        if group.coverage.has_data:
            block.lines.append(Line(group.coverage.text(group.noun.lower()), ok=group.met))
    return block


def _targets(url: str, documents: list[DocumentTally]) -> Block:
    block = Block(_("Chỉ tiêu"), url, "bi-graph-up")
    for document in documents:
        if document.tally.total:
            block.lines.append(Line(f"{document.title}: {document.tally.sentence}"))
    return block


def _media(plan: Plan, standings: list[RuleStanding]) -> Block:
    block = Block(_("Tuyên truyền"), _url("/tuyen-truyen/", plan), "bi-megaphone")
    for rule in standings:
        if rule.judged:
            text = _("Quy định %(rule)s: đạt %(met)s/%(judged)s %(per)s") % {
                "rule": rule.text,
                "met": format_number(rule.met),
                "judged": format_number(rule.judged),
                "per": rule.per_word,
            }
            block.lines.append(Line(text, ok=rule.met == rule.judged))
    return block


def overview_for(
    *,
    unit: OrgUnit,
    today: date | None = None,
    plans: list[Plan] | None = None,
    standings: dict[int, list[RuleStanding]] | None = None,
) -> Overview:
    """The panel of `unit`; `plans` (the plans in force) and `standings` (their media rules),
    when the caller already read them."""
    today = today or timezone.localdate()
    if plans is None:
        plans = plans_in_force(unit=unit, today=today)
    if standings is None:
        standings = standings_by_plan(plans=plans, unit=unit, today=today)
    totals = counts_by_plan(unit=unit, ref=today, plans=plans)
    documents = unit_progress(unit=unit, as_of=today).documents
    by_key = {d.key: d for d in documents}
    sections = []
    for plan in plans:
        own = [by_key.pop(f"plan-{plan.pk}")] if f"plan-{plan.pk}" in by_key else []
        # A plan that implements a programme (the city's 20-CTr/TU) reports its targets there:
        # one "Chỉ tiêu" block for the plan, not an empty one and the programme's beside it.
        programme = f"programme-{plan.programme_id}" if plan.programme_id else ""
        if programme in by_key and not any(d.tally.total for d in own):
            own = [by_key.pop(programme)]
        blocks = [
            _tasks(plan, totals.get(plan.pk)),
            _coverage(unit, plan, today),
            _targets(_url("/so-lieu/tien-do/", plan), own),
            _media(plan, standings[plan.pk]),
        ]
        sections.append(PlanSection(plan, blocks))
    rest = [d for d in documents if d.key in by_key]
    other = _targets("/so-lieu/tien-do/", rest) if any(d.tally.total for d in rest) else None
    return Overview(unit=unit, sections=sections, other_targets=other)
