"""The "tình hình triển khai" panel of the home page: one line per module for a unit.

Each line comes from the module's own selectors (tasks on the two official axes,
coverage against the plan's thresholds, the tally of the unit's targets), so the
home page says what the module pages and the summary report say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.dissemination.coverage import evaluation_date, rollup, thresholds_in
from trienkhai.media.summary import rule_lines
from trienkhai.monitoring.progress import unit_progress
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths
from trienkhai.plans.models import CoverageThreshold, Plan
from trienkhai.tasks.selectors.overview import unit_counts


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


def _plan_for(unit: OrgUnit) -> Plan | None:
    """The plan the unit implements: its own, else the nearest ancestor's."""
    paths = [unit.path, *ancestor_paths(unit.path)]
    plans = Plan.objects.filter(org_unit__path__in=paths).select_related("org_unit")
    return max(plans, key=lambda p: (p.org_unit.depth, p.date or date.min, p.pk), default=None)


def _tasks(unit: OrgUnit, today: date) -> Block:
    totals = unit_counts(unit=unit, ref=today)
    lines = []
    if totals.total:
        lines.append(Line(totals.sentence(), ok=totals.overdue == 0))
    return Block(_("Nhiệm vụ"), "/nhiem-vu/", "bi-list-check", lines)


def _coverage(unit: OrgUnit, plan: Plan | None, today: date) -> Block:
    block = Block(_("Học tập, quán triệt"), "/quan-triet/", "bi-people")
    if plan is None:
        return block
    day = evaluation_date(plan, today)
    thresholds = thresholds_in(plan=plan, root=unit, day=day)
    if not thresholds:
        return block
    nouns = dict(CoverageThreshold.Group.choices)
    totals = rollup(plan=plan, root=unit, groups=[t.group for t in thresholds], day=day)
    for threshold in thresholds:
        coverage = totals[threshold.group]
        if coverage.has_data:
            noun = str(nouns.get(threshold.group, threshold.group)).lower()
            block.lines.append(Line(coverage.text(noun), ok=threshold.met(coverage)))
    return block


def _targets(unit: OrgUnit, today: date) -> Block:
    block = Block(_("Chỉ tiêu"), "/so-lieu/tien-do/", "bi-graph-up")
    progress = unit_progress(unit=unit, as_of=today)
    for document in progress.documents:
        if document.tally.total:
            block.lines.append(Line(f"{document.title}: {document.tally.sentence}"))
    return block


def overview_for(*, unit: OrgUnit, today: date | None = None) -> list[Block]:
    today = today or timezone.localdate()
    plan = _plan_for(unit)
    blocks = [_tasks(unit, today), _coverage(unit, plan, today), _targets(unit, today)]
    blocks.append(_media(unit, today))
    return blocks


def _media(unit: OrgUnit, today: date) -> Block:
    lines = [Line(text) for text in rule_lines(unit, until=today)]
    return Block(_("Tuyên truyền"), "/tuyen-truyen/", "bi-megaphone", lines)
