"""Reads for the pages: the plan in view, the subtree, the board rows, sessions, materials.

Every read is scoped: a plan the user cannot see, a subtree outside the user's own subtrees
or another unit's session is a 404, the same as a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths, has_cap, require_cap, scope_for
from trienkhai.core.models import StoredFile
from trienkhai.core.numbers import format_number, format_percent, percent
from trienkhai.dissemination import coverage
from trienkhai.dissemination.materials import RECIPIENT_KINDS
from trienkhai.dissemination.models import (
    GROUP_NOUNS,
    GROUP_OWNER_KINDS,
    Headcount,
    Material,
    MaterialReceipt,
    Outreach,
    StudySession,
    in_sentence,
)
from trienkhai.dissemination.rules import Coverage, Judged, Threshold
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths, subtree_q
from trienkhai.orgs.selectors import unit_get
from trienkhai.plans.in_force import in_force_q
from trienkhai.plans.models import CoverageThreshold, Plan

GROUP_LABELS = dict(CoverageThreshold.Group.choices)


# --- the plan and the subtree in view ---------------------------------------------------------


def plans_with_thresholds(*, user: User) -> QuerySet[Plan]:
    return (
        Plan.objects.visible_to(user)
        .filter(coverage_thresholds__group__in=list(GROUP_OWNER_KINDS))
        .distinct()
        .usable()
        .select_related("org_unit")
    )


def subtree_choices(*, user: User, plan: Plan) -> QuerySet[OrgUnit]:
    """Units of the plan's subtree the user reads with their whole subtree, to filter by."""
    scope = scope_for(user)
    readable = OrgUnit.objects.in_subtree(plan.org_unit).in_subtrees(*scope.subtree_paths)
    return readable.filter(Q(numchild__gt=0) | Q(path__in=scope.subtree_paths)).order_by("path")


def subtree_root(*, user: User, plan: Plan, code: str | None) -> OrgUnit:
    """The subtree in view: the one asked for (404 outside the user's subtrees) or the first."""
    if code:
        scope = scope_for(user)
        return get_object_or_404(
            OrgUnit.objects.in_subtree(plan.org_unit).in_subtrees(*scope.subtree_paths),
            code=code,
        )
    root = subtree_choices(user=user, plan=plan).first()
    if root is None:
        raise Http404
    return root


# --- the board ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell(Judged):
    """One unit × group of the board."""

    owned: bool
    headcount: int | None = None
    main: int = 0
    makeup: int = 0

    @property
    def over(self) -> bool:
        """More attended than the headcount: the cap applied."""
        return self.headcount is not None and self.main + self.makeup > self.headcount


@dataclass(frozen=True)
class Row:
    unit: OrgUnit
    cells: list[Cell]
    main_date: date | None
    makeup_sessions: int
    other_sessions: int
    late_main_date: date | None = None

    @property
    def owned_cells(self) -> list[Cell]:
        return [c for c in self.cells if c.owned]

    @property
    def held(self) -> bool:
        """Shown as having held its main session: one that the coverage counts."""
        return self.main_date is not None


class GroupTotal(Judged):
    """The rollup of one group over the subtree, judged against the plan's threshold."""

    @property
    def label(self) -> str:
        return str(GROUP_LABELS.get(self.threshold.group, self.threshold.group))

    @property
    def text(self) -> str:
        return self.coverage.text(GROUP_NOUNS[self.threshold.group])


SORTS = {"": ("path",), "ten": ("name", "path"), "-ten": ("-name", "path")}


def sort_order(sort: str, groups: list[str]) -> list[Any]:
    if sort in SORTS:
        return list(SORTS[sort])
    key = sort.lstrip("-")
    if key in groups:
        ratio = F(f"ratio_{key}")
        first = ratio.desc(nulls_last=True) if sort.startswith("-") else ratio.asc(nulls_last=True)
        return [first, "path"]
    return ["path"]


def board_units(
    *, plan: Plan, root: OrgUnit, thresholds: list[Threshold], day: date, sort: str = ""
) -> QuerySet[OrgUnit]:
    groups = [t.group for t in thresholds]
    units = coverage.owner_units(root=root, groups=groups, day=day)
    units = coverage.annotate_coverage(units, plan=plan, groups=groups, day=day)
    units = coverage.annotate_sessions(units, plan=plan, day=day)
    return units.order_by(*sort_order(sort, groups))


def board_row(unit: Any, thresholds: list[Threshold]) -> Row:
    cells = []
    for t in thresholds:
        g = t.group
        owned = unit.kind in GROUP_OWNER_KINDS[g]
        headcount = getattr(unit, f"hc_{g}")
        cells.append(
            Cell(
                threshold=t,
                owned=owned,
                headcount=headcount,
                main=getattr(unit, f"main_{g}"),
                makeup=getattr(unit, f"makeup_{g}"),
                coverage=Coverage(getattr(unit, f"cap_{g}"), headcount or 0),
            )
        )
    return Row(
        unit=unit,
        cells=cells,
        main_date=unit.main_date,
        late_main_date=unit.late_main_date,
        makeup_sessions=unit.makeup_sessions,
        other_sessions=unit.other_sessions,
    )


def group_totals(
    *, plan: Plan, root: OrgUnit, thresholds: list[Threshold], day: date
) -> list[GroupTotal]:
    totals = coverage.rollup(plan=plan, root=root, groups=[t.group for t in thresholds], day=day)
    return [GroupTotal(t, totals[t.group]) for t in thresholds]


def part_totals(
    *, plan: Plan, root: OrgUnit, thresholds: list[Threshold], day: date
) -> list[tuple[OrgUnit, list[GroupTotal]]]:
    """Subtotals of the root's children that hold owners below them (đảng bộ bộ phận, MTTQ)."""
    children = list(
        OrgUnit.objects.valid_on(day)
        .in_subtree(root)
        .filter(depth=root.depth + 1, numchild__gt=0)
        .order_by("path")
    )
    if not children:
        return []
    groups = [t.group for t in thresholds]
    sums = coverage.rollups_by_node(plan=plan, nodes=children, groups=groups, day=day)
    parts = []
    for child in children:
        totals = [GroupTotal(t, sums[child.pk][t.group]) for t in thresholds]
        if any(total.coverage.denominator or total.coverage.numerator for total in totals):
            parts.append((child, totals))
    return parts


# --- sessions ----------------------------------------------------------------------------------


def sessions_for(
    *, user: User, plan: Plan, root: OrgUnit, kind: str = ""
) -> QuerySet[StudySession]:
    sessions = StudySession.objects.visible_to(user).in_subtree(root).filter(plan=plan)
    if kind in StudySession.Kind.values:
        sessions = sessions.filter(kind=kind)
    return (
        sessions.select_related("org_unit")
        .prefetch_related("attendance")
        .order_by("-date", "org_unit__path", "-pk")
    )


def session_get(*, user: User, pk: int) -> StudySession:
    return get_object_or_404(
        StudySession.objects.visible_to(user).select_related("org_unit", "plan", "created_by"),
        pk=pk,
    )


def session_files(session: StudySession) -> QuerySet[StoredFile]:
    return StoredFile.objects.filter(
        owner_type=ContentType.objects.get_for_model(StudySession), owner_id=str(session.pk)
    ).order_by("created_at")


def entry_units(*, user: User, plan: Plan) -> QuerySet[OrgUnit]:
    """Units the user may record sessions or headcounts for, within the plan's subtree."""
    groups = [t.group for t in coverage.plan_thresholds(plan)]
    kinds = {k for g in groups for k in GROUP_OWNER_KINDS[g]}
    paths = cap_paths(user, Cap.DATA_ENTER)
    return (
        OrgUnit.objects.valid_on()
        .in_subtree(plan.org_unit)
        .filter(kind__in=kinds)
        .in_subtrees(*paths)
        .order_by("path")
    )


def entry_unit_get(*, user: User, plan: Plan, code: str) -> OrgUnit:
    """A unit to record for: 404 outside the read scope, 403 when visible but not writable."""
    unit = unit_get(user=user, code=code)
    if not unit.path.startswith(plan.org_unit.path):
        raise Http404
    require_cap(user, Cap.DATA_ENTER, unit)
    return unit


def can_enter(user: User, unit: OrgUnit) -> bool:
    return has_cap(user, Cap.DATA_ENTER, unit)


# --- headcounts --------------------------------------------------------------------------------


def headcount_units(
    *, plan: Plan, root: OrgUnit, thresholds: list[Threshold], day: date
) -> QuerySet[OrgUnit]:
    """Owner units of the subtree with, per group, the headcount in force on the day."""
    groups = [t.group for t in thresholds]
    units = coverage.owner_units(root=root, groups=groups, day=day)
    annotations: dict[str, Any] = {}
    for g in groups:
        latest = Headcount.objects.filter(
            org_unit=OuterRef("pk"), group=g, as_of__lte=day
        ).order_by("-as_of", "-pk")
        annotations[f"hc_{g}"] = Subquery(latest.values("count")[:1])
        annotations[f"asof_{g}"] = Subquery(latest.values("as_of")[:1])
    return units.annotate(**annotations).order_by("path")


def headcount_history(*, unit: OrgUnit) -> QuerySet[Headcount]:
    return (
        Headcount.objects.filter(org_unit=unit)
        .select_related("entered_by")
        .order_by("group", "-as_of")
    )


# --- materials ---------------------------------------------------------------------------------


def recipients(*, plan: Plan, root: OrgUnit | None = None) -> QuerySet[OrgUnit]:
    base = root if root is not None else plan.org_unit
    return (
        OrgUnit.objects.valid_on()
        .in_subtree(base)
        .filter(kind__in=RECIPIENT_KINDS)
        .exclude(pk=plan.org_unit_id)
        .order_by("path")
    )


def materials_for(*, user: User, plan: Plan) -> QuerySet[Material]:
    return (
        Material.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("file", "published_by")
        .order_by("-published_at", "-pk")
    )


def material_get(*, user: User, pk: int) -> Material:
    return get_object_or_404(
        Material.objects.visible_to(user).select_related("plan", "org_unit", "file"), pk=pk
    )


def receipts_by_material(
    *, materials: list[Material], units: list[OrgUnit]
) -> set[tuple[int, int]]:
    """(material id, unit id) pairs already received, for the given units."""
    return set(
        MaterialReceipt.objects.filter(material__in=materials, org_unit__in=units).values_list(
            "material_id", "org_unit_id"
        )
    )


def received_counts(*, materials: list[Material], units: QuerySet[OrgUnit]) -> dict[int, int]:
    from django.db.models import Count

    rows = (
        MaterialReceipt.objects.filter(material__in=materials, org_unit__in=units)
        .values("material_id")
        .annotate(n=Count("pk"))
    )
    return {r["material_id"]: r["n"] for r in rows}


def material_receipts(*, material: Material, root: OrgUnit) -> QuerySet[OrgUnit]:
    """The recipient units of the subtree, each with when and by whom it first opened it."""
    receipt = MaterialReceipt.objects.filter(material=material, org_unit=OuterRef("pk"))
    return recipients(plan=material.plan, root=root).annotate(
        opened_at=Subquery(receipt.values("first_opened_at")[:1]),
        opened_by_name=Subquery(receipt.values("opened_by__full_name")[:1]),
        opened_by_username=Subquery(receipt.values("opened_by__username")[:1]),
    )


# --- outreach to the audiences without a headcount --------------------------------------------


def outreach_units(*, user: User, plan: Plan) -> QuerySet[OrgUnit]:
    """Units of the plan's subtree the user may record outreach for (any kind: a chi bộ, the
    commune, MTTQ, a mass organisation, UBND)."""
    return (
        OrgUnit.objects.valid_on()
        .in_subtree(plan.org_unit)
        .in_subtrees(*cap_paths(user, Cap.DATA_ENTER))
        .order_by("path")
    )


def outreach_for(*, user: User, plan: Plan, root: OrgUnit) -> QuerySet[Outreach]:
    return (
        Outreach.objects.visible_to(user)
        .in_subtree(root)
        .filter(plan=plan)
        .select_related("org_unit")
        .order_by("-date", "org_unit__path", "-pk")
    )


def outreach_get(*, user: User, pk: int) -> Outreach:
    return get_object_or_404(
        Outreach.objects.visible_to(user).select_related("org_unit", "plan"), pk=pk
    )


@dataclass(frozen=True)
class AudienceReach:
    """What the units of a subtree did for one audience: people and households reached,
    how many times, by how many units, by which means."""

    audience: str
    people: int
    households: int
    records: int
    units: int
    methods: tuple[str, ...]

    @property
    def label(self) -> str:
        return str(Outreach.Audience(self.audience).label)

    @property
    def reach(self) -> str:
        """ "1.250 người, 320 hộ"."""
        parts = []
        if self.people:
            parts.append(f"{format_number(self.people)} {Outreach.ReachUnit.PEOPLE.label}")
        if self.households:
            parts.append(f"{format_number(self.households)} {Outreach.ReachUnit.HOUSEHOLDS.label}")
        return ", ".join(parts)

    @property
    def method_text(self) -> str:
        return ", ".join(self.methods)


def outreach_totals(
    *, plan: Plan, root: OrgUnit, start: date | None = None, end: date | None = None
) -> list[AudienceReach]:
    """Per audience, in the plan's order of audiences: two grouped queries, whatever the
    number of units or records. `start`/`end` bound the dates (a report's data window)."""
    rows = Outreach.objects.in_subtree(root).filter(plan=plan)
    if start is not None:
        rows = rows.filter(date__gte=start)
    if end is not None:
        rows = rows.filter(date__lte=end)
    sums = (
        rows.order_by()
        .values("audience", "method", "reach_unit")
        .annotate(total=Sum("reached"), n=Count("pk"))
    )
    units = dict(
        rows.order_by()
        .values("audience")
        .annotate(n=Count("org_unit", distinct=True))
        .values_list("audience", "n")
    )
    found: dict[str, dict[str, Any]] = {}
    for row in sums:
        item = found.setdefault(
            row["audience"], {"people": 0, "households": 0, "records": 0, "methods": set()}
        )
        key = "households" if row["reach_unit"] == Outreach.ReachUnit.HOUSEHOLDS else "people"
        item[key] += row["total"] or 0
        item["records"] += row["n"]
        item["methods"].add(row["method"])
    method_order = list(Outreach.Method.values)
    return [
        AudienceReach(
            audience=audience,
            people=found[audience]["people"],
            households=found[audience]["households"],
            records=found[audience]["records"],
            units=units.get(audience, 0),
            methods=tuple(
                in_sentence(Outreach.Method(m).label)
                for m in sorted(found[audience]["methods"], key=method_order.index)
            ),
        )
        for audience in Outreach.Audience.values
        if audience in found
    ]


# --- the slow-unit list ------------------------------------------------------------------------


def plans_judged_in(*, root: OrgUnit, today: date) -> list[Plan]:
    """Plans in force that `root`'s units implement (issued by `root`, a unit above it or one
    below it) with their thresholds and deadlines: two prefetches serve them all."""
    issued_for = Q(org_unit__path__in=[root.path, *ancestor_paths(root.path)])
    return list(
        Plan.objects.filter(issued_for | subtree_q([root.path], "org_unit"))
        .filter(in_force_q(today))
        .select_related("org_unit")
        .prefetch_related("coverage_thresholds", "deadlines")
        .order_by("org_unit__path", "date", "pk")
    )


def below_by_unit(*, root: OrgUnit, today: date) -> dict[int, tuple[int, str]]:
    """Unit pk → (how many plan × group it is below, what each is): for every plan whose
    dissemination deadline has passed, the owners of a group whose coverage on that deadline
    is below the plan's threshold. A unit without a headcount counts as below, and says so.
    Queries per plan and group, never per unit."""
    found: dict[int, list[str]] = {}
    for plan, scope, thresholds, due in _judged_plans(root=root, today=today):
        if due >= today:
            continue
        for threshold in thresholds:
            rows = coverage.shortfalls(plan=plan, root=scope, threshold=threshold, day=due)
            for pk, counted, headcount in rows:
                found.setdefault(pk, []).append(_below_text(plan, threshold, counted, headcount))
    return {pk: (len(texts), "; ".join(texts)) for pk, texts in found.items()}


def coverage_met_by_unit(*, root: OrgUnit, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Unit pk → (plan × group met, plan × group owned) for the units of `root`'s subtree
    (root included): for every plan in force on `end` that applies to the subtree (as in
    `below_by_unit`) whose dissemination deadline lies in `start`..`end`, each unit owning a
    threshold group on that deadline counts one, met when its coverage on the deadline meets
    the plan's threshold by the rule of `below_by_unit` (no headcount: not met). Units owning
    nothing judged are absent. Queries per plan and group, never per unit."""
    found: dict[int, tuple[int, int]] = {}
    for plan, scope, thresholds, due in _judged_plans(root=root, today=end):
        if not start <= due <= end:
            continue
        for threshold in thresholds:
            rows = coverage.owner_verdicts(plan=plan, root=scope, threshold=threshold, day=due)
            for pk, _counted, _headcount, met in rows:
                good, owned = found.get(pk, (0, 0))
                found[pk] = (good + int(met), owned + 1)
    return found


def _judged_plans(
    *, root: OrgUnit, today: date
) -> list[tuple[Plan, OrgUnit, list[Threshold], date]]:
    """(plan, subtree judged, thresholds, dissemination deadline) of the plans in force that
    `root`'s units implement and that have thresholds and a deadline."""
    judged = []
    for plan in plans_judged_in(root=root, today=today):
        thresholds = coverage.plan_thresholds(plan)
        deadline = coverage.dissemination_deadline(plan)
        if not thresholds or deadline is None:
            continue
        # A plan issued below `root` is judged on its issuer's subtree only.
        scope = plan.org_unit if root.contains(plan.org_unit) else root
        judged.append((plan, scope, thresholds, deadline.due))
    return judged


def _below_text(plan: Plan, threshold: Threshold, counted: int, headcount: int | None) -> str:
    """ "Đảng viên: 18/25, đạt 72,00% (yêu cầu trên 95%) — Kế hoạch số 12-KH/ĐU"."""
    group = str(GROUP_LABELS.get(threshold.group, threshold.group))
    ratio = percent(counted, headcount) if headcount else None
    if ratio is None:
        figures = _("chưa có sĩ số")
    else:
        figures = _("%(counted)s/%(headcount)s, đạt %(percent)s") % {
            "counted": format_number(counted),
            "headcount": format_number(headcount),
            "percent": format_percent(ratio),
        }
    return _("%(group)s: %(figures)s (yêu cầu %(threshold)s) — %(plan)s") % {
        "group": group,
        "figures": figures,
        "threshold": threshold.phrase,
        "plan": plan,
    }
