"""Reads on the media log, always within the reader's subtree scope: units, items, banners,
channels, the plan's rules with the office's settings, the tallies grid.

What the log adds up to — compliance, the heat map, topic coverage — is in `compliance.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths, scope_for, widest_path
from trienkhai.core.text import search_key
from trienkhai.media.models import Banner, Channel, ExemptWeek, MediaItem, MediaTally, RuleSetting
from trienkhai.media.rules import RuleConfig
from trienkhai.media.weeks import WeekKey, monday, start_for
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths, subtree_q
from trienkhai.plans.models import MediaRule, Plan, Solution, Target

# --- scope -----------------------------------------------------------------------------------


def media_unit_get(*, user: User, code: str) -> OrgUnit:
    """A unit whose media data the user reads (its own subtrees only), else 404."""
    return get_object_or_404(OrgUnit.objects.in_own_subtrees(user), code=code)


def home_unit(user: User) -> OrgUnit:
    """The top unit of the user's first subtree: where the pages open."""
    paths = scope_for(user).subtree_paths
    if not paths:
        raise Http404
    return OrgUnit.objects.get(path=widest_path(paths))


def entry_units(user: User) -> QuerySet[OrgUnit]:
    """Open units the user may enter media data for (a reporter: its unit; the office: its
    subtree)."""
    paths = cap_paths(user, Cap.DATA_ENTER)
    return OrgUnit.objects.in_subtrees(*paths).valid_on().order_by("path")


def item_get(*, user: User, pk: int) -> MediaItem:
    return get_object_or_404(
        MediaItem.objects.visible_to(user).select_related("org_unit", "channel", "file"), pk=pk
    )


def banner_get(*, user: User, pk: int) -> Banner:
    return get_object_or_404(Banner.objects.visible_to(user).select_related("org_unit"), pk=pk)


def channel_get(*, user: User, pk: int) -> Channel:
    return get_object_or_404(Channel.objects.visible_to(user).select_related("org_unit"), pk=pk)


# --- lists -----------------------------------------------------------------------------------


def items_for(
    *,
    user: User,
    unit: OrgUnit,
    kind: str = "",
    channel_kind: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    q: str = "",
    target_ids: Sequence[int] = (),
    solution_id: int | None = None,
) -> QuerySet[MediaItem]:
    """The items of the unit's subtree, filtered; a topic the user does not read is ignored."""
    items = MediaItem.objects.visible_to(user).in_subtree(unit)
    if kind:
        items = items.filter(kind=kind)
    if channel_kind:
        items = items.filter(channel__kind=channel_kind)
    if date_from:
        items = items.filter(date__gte=date_from)
    if date_to:
        items = items.filter(date__lte=date_to)
    for word in search_key(q).split():
        items = items.filter(search_text__contains=word)
    targets = list(Target.objects.visible_to(user).filter(pk__in=target_ids)) if target_ids else []
    if targets:
        items = items.filter(targets__in=targets).distinct()
    solution = (
        Solution.objects.visible_to(user).filter(pk=solution_id).first() if solution_id else None
    )
    if solution is not None:
        items = items.filter(solutions=solution)
    return items.select_related("org_unit", "channel").order_by("-date", "-pk")


def recent_items(*, user: User, count: int = 5) -> list[MediaItem]:
    """The last items the user entered: the quick entry lists them and starts from the last."""
    return list(
        MediaItem.objects.visible_to(user)
        .filter(created_by=user)
        .select_related("channel", "org_unit")
        .order_by("-created_at", "-pk")[:count]
    )


def banners_for(*, user: User, unit: OrgUnit) -> QuerySet[Banner]:
    return Banner.objects.visible_to(user).in_subtree(unit).select_related("org_unit")


def channels_for(*, user: User, unit: OrgUnit) -> QuerySet[Channel]:
    """The channels of the unit's subtree and of the units above it."""

    return (
        Channel.objects.visible_to(user)
        .filter(
            subtree_q([unit.path], "org_unit") | Q(org_unit__path__in=ancestor_paths(unit.path))
        )
        .select_related("org_unit")
        .order_by("org_unit__path", "kind", "name")
    )


# --- plans and their rules ------------------------------------------------------------------


def plans_with_rules(*, user: User) -> QuerySet[Plan]:
    return (
        Plan.objects.visible_to(user)
        .filter(media_rules__isnull=False)
        .distinct()
        .usable()
        .select_related("org_unit")
    )


def plan_for_unit(*, user: User, unit: OrgUnit) -> Plan | None:
    """The plan a media page of `unit` shows when none is chosen: the latest plan with rules
    issued by the unit or a unit above it, else the latest one the user reads."""
    plans = plans_with_rules(user=user)
    own = plans.filter(org_unit__path__in=[*ancestor_paths(unit.path), unit.path])
    return own.first() or plans.first()


@dataclass(frozen=True)
class Rule:
    rule: MediaRule
    setting: RuleSetting | None
    config: RuleConfig

    @property
    def applies_to(self) -> str:
        return self.setting.applies_to if self.setting else RuleSetting.AppliesTo.ISSUER

    def binds(self, plan: Plan, unit: OrgUnit) -> bool:
        """Is `unit` one the rule judges (rather than shown for reference)?"""
        issuer = plan.org_unit
        if self.applies_to == RuleSetting.AppliesTo.ISSUER:
            return unit.pk == issuer.pk
        child = unit.depth == issuer.depth + 1 and unit.path.startswith(issuer.path)
        if self.applies_to == RuleSetting.AppliesTo.PARTY_ORGS:
            return child and unit.kind in OrgUnit.PARTY_ORG_KINDS
        return child


def exempt_weeks(plan: Plan) -> list[ExemptWeek]:
    return list(ExemptWeek.objects.filter(plan=plan).order_by("week_start"))


def plan_rules(plan: Plan, *, exempt: list[ExemptWeek] | None = None) -> list[Rule]:
    """The plan's rules with the office's settings: two queries whatever the plan."""
    if exempt is None:
        exempt = exempt_weeks(plan)
    rules = MediaRule.objects.filter(plan=plan).select_related("media_setting").order_by("pk")
    return _rules(plan, list(rules), exempt)


def rules_by_plan(plans: Sequence[Plan]) -> dict[int, list[Rule]]:
    """`plan_rules` of many plans (the city's table of communes): two queries for all."""
    ids = [p.pk for p in plans]
    rules: dict[int, list[MediaRule]] = {pk: [] for pk in ids}
    for rule in (
        MediaRule.objects.filter(plan__in=ids).select_related("media_setting").order_by("pk")
    ):
        rules[rule.plan_id].append(rule)
    exempt: dict[int, list[ExemptWeek]] = {pk: [] for pk in ids}
    for week in ExemptWeek.objects.filter(plan__in=ids).order_by("week_start"):
        exempt[week.plan_id].append(week)
    return {p.pk: _rules(p, rules[p.pk], exempt[p.pk]) for p in plans}


def _rules(plan: Plan, rows: list[MediaRule], exempt: list[ExemptWeek]) -> list[Rule]:
    weeks = frozenset((e.iso_year, e.iso_week) for e in exempt)
    plan_start = start_for(issued=plan.date, partial=plan.date_partial)
    rules = []
    for rule in rows:
        setting = getattr(rule, "media_setting", None)
        config = RuleConfig(
            min_items=rule.min_items,
            per=rule.per,
            channels=tuple(rule.channels),
            start=(setting.start if setting and setting.start else plan_start),
            count_mode=setting.count_mode if setting else RuleSetting.CountMode.TOTAL,
            exempt=weeks,
        )
        rules.append(Rule(rule, setting, config))
    return rules


# --- the slow-unit list ----------------------------------------------------------------------


def missed_by_unit(*, root: OrgUnit, today: date) -> dict[int, tuple[int, str]]:
    """Unit pk → (media periods missed lately, what the rule asks), for the units of `root`'s
    subtree that a plan's rules bind (see `compliance.missed_by_unit`)."""
    # Imported here: compliance reads the plan's rules from this module.
    from trienkhai.media.compliance import missed_by_unit as judged

    return judged(root=root, today=today)


def periods_met_by_unit(*, root: OrgUnit, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Unit pk → (periods met, periods judged) for the units of `root`'s subtree (root
    included) that a media rule binds, summed over the rules of every plan in force on `end`
    that `root`'s units implement (as in `missed_by_unit`): the rule's periods lying whole
    inside `start`..`end`, judged as the media page judges them (`compliance`) on the day
    after `end`, so a period ending on `end` is over; exempt periods are not judged. Units
    with nothing judged are absent. Queries per depth of the plans' issuers, never per plan
    or unit."""
    # Imported here: compliance reads the plan's rules from this module.
    from trienkhai.media.compliance import met_by_unit

    return met_by_unit(root=root, start=start, end=end)


# --- tallies grid ------------------------------------------------------------------------


@dataclass(frozen=True)
class TallyRow:
    channel: Channel
    cells: list[tuple[WeekKey, int | None, int]]  # week, tally, items logged one by one


def tally_grid(*, unit: OrgUnit, weeks: list[WeekKey]) -> list[TallyRow]:
    channels = list(Channel.objects.usable_by(unit).order_by("kind", "name"))
    first, last = monday(weeks[0]), monday(weeks[-1])
    tallies = {
        (t.channel_id, (t.iso_year, t.iso_week)): t.count
        for t in MediaTally.objects.filter(
            org_unit=unit, week_start__gte=first, week_start__lte=last
        )
    }
    logged = {
        (row["channel_id"], (row["iso_year"], row["iso_week"])): row["n"]
        for row in MediaItem.objects.filter(
            org_unit=unit, week_start__gte=first, week_start__lte=last
        )
        .values("channel_id", "iso_year", "iso_week")
        .annotate(n=Count("id"))
    }
    return [
        TallyRow(
            channel,
            [(w, tallies.get((channel.pk, w)), logged.get((channel.pk, w), 0)) for w in weeks],
        )
        for channel in channels
    ]
