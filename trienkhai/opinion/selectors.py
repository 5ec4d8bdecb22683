"""Reads on the opinion log, the rebuttals and the good practices, always within the reader's
scope (a sensitive report only for those who may read it: `OpinionQuerySet.visible_to`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths, has_cap
from trienkhai.core.models import StoredFile
from trienkhai.core.text import search_key
from trienkhai.opinion.models import (
    GoodPractice,
    OpinionEvent,
    OpinionReport,
    OpinionState,
    PracticeState,
    Rebuttal,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths, subtree_q
from trienkhai.plans.models import Plan

# --- where a user records ----------------------------------------------------------------


def entry_units(user: User) -> QuerySet[OrgUnit]:
    """The units the user records for: those where it enters data, its own unit first."""
    paths = cap_paths(user, Cap.DATA_ENTER)
    return OrgUnit.objects.filter(subtree_q(paths), valid_to__isnull=True).order_by("path")


def plans_for_unit(unit: OrgUnit) -> QuerySet[Plan]:
    """The plans a unit's record may be about: its own and those of the units above it."""
    return (
        Plan.objects.filter(org_unit__path__in=[*ancestor_paths(unit.path), unit.path])
        .exclude(state=Plan.State.WITHDRAWN)
        .select_related("org_unit")
        .order_by("-date", "-pk")
    )


def can_manage(user: object, row: OpinionReport | GoodPractice) -> bool:
    return has_cap(user, Cap.OPINION_MANAGE, row.org_unit)


# --- opinion reports -------------------------------------------------------------------------


def opinion_get(*, user: User, pk: int) -> OpinionReport:
    qs = OpinionReport.objects.visible_to(user).select_related(
        "org_unit", "plan", "solution", "target", "created_by", "answered_by"
    )
    return get_object_or_404(qs, pk=pk)


@dataclass(frozen=True)
class OpinionFilter:
    root: OrgUnit
    state: str = ""
    kind: str = ""
    sensitivity: str = ""
    solution_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""


# Not a state of its own: "new" and "handling" together, what the office still owes an answer.
UNANSWERED = "unanswered"
STATE_FILTERS = (UNANSWERED, *OpinionState.values)


def opinions_for(*, user: User, where: OpinionFilter) -> QuerySet[OpinionReport]:
    qs = OpinionReport.objects.visible_to(user).in_subtree(where.root)
    if where.state == UNANSWERED:
        qs = qs.filter(state__in=[OpinionState.NEW, OpinionState.HANDLING])
    elif where.state:
        qs = qs.filter(state=where.state)
    if where.kind:
        qs = qs.filter(kind=where.kind)
    if where.sensitivity:
        qs = qs.filter(sensitivity=where.sensitivity)
    if where.solution_id == 0:
        qs = qs.filter(solution__isnull=True)
    elif where.solution_id:
        qs = qs.filter(solution_id=where.solution_id)
    if where.date_from:
        qs = qs.filter(noted_on__gte=where.date_from)
    if where.date_to:
        qs = qs.filter(noted_on__lte=where.date_to)
    for word in search_key(where.q).split():
        qs = qs.filter(search_text__contains=word)
    return qs.select_related("org_unit", "solution", "target", "plan").order_by("-noted_on", "-pk")


@dataclass(frozen=True)
class TopicRow:
    """The reports of one topic (a solution group of the plan, or none) by state."""

    solution_id: int | None
    label: str
    new: int
    handling: int
    answered: int

    @property
    def total(self) -> int:
        return self.new + self.handling + self.answered


_STATE_COUNTS = {
    "new": Count("pk", filter=Q(state=OpinionState.NEW)),
    "handling": Count("pk", filter=Q(state=OpinionState.HANDLING)),
    "answered": Count("pk", filter=Q(state=OpinionState.ANSWERED)),
}


def by_topic(qs: QuerySet[OpinionReport]) -> list[TopicRow]:
    """The list's reports counted by topic (one query)."""
    rows = (
        qs.order_by()
        .values("solution_id", "solution__ref", "solution__title")
        .annotate(**_STATE_COUNTS)
    )
    out = [
        TopicRow(
            r["solution_id"],
            f"{r['solution__ref']}. {r['solution__title']}" if r["solution_id"] else "",
            r["new"],
            r["handling"],
            r["answered"],
        )
        for r in rows
    ]
    return sorted(out, key=lambda t: (t.solution_id is None, t.label))


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    name: str
    code: str
    new: int
    handling: int
    answered: int

    @property
    def total(self) -> int:
        return self.new + self.handling + self.answered


def by_unit(qs: QuerySet[OpinionReport]) -> list[UnitRow]:
    """The list's reports counted by the unit that recorded them (one query)."""
    rows = (
        qs.order_by()
        .values("org_unit_id", "org_unit__name", "org_unit__code", "org_unit__path")
        .annotate(**_STATE_COUNTS)
        .order_by("org_unit__path")
    )
    return [
        UnitRow(
            r["org_unit_id"],
            r["org_unit__name"],
            r["org_unit__code"],
            r["new"],
            r["handling"],
            r["answered"],
        )
        for r in rows
    ]


def events_of(report: OpinionReport) -> list[OpinionEvent]:
    return list(report.events.select_related("actor").order_by("at", "pk"))


# --- rebuttals -------------------------------------------------------------------------------


def rebuttal_get(*, user: User, pk: int) -> Rebuttal:
    qs = Rebuttal.objects.visible_to(user).select_related(
        "org_unit", "media_item__channel", "plan", "created_by"
    )
    return get_object_or_404(qs, pk=pk)


def rebuttals_for(
    *,
    user: User,
    root: OrgUnit,
    platform: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Rebuttal]:
    qs = Rebuttal.objects.visible_to(user).in_subtree(root)
    if platform:
        qs = qs.filter(platform=platform)
    if date_from:
        qs = qs.filter(noted_on__gte=date_from)
    if date_to:
        qs = qs.filter(noted_on__lte=date_to)
    return qs.select_related("org_unit", "media_item__channel").order_by("-noted_on", "-pk")


def rebuttal_totals(qs: QuerySet[Rebuttal]) -> dict[str, int]:
    """The list's totals: posts rebutted, comments and shares, posts reported (one query)."""
    return qs.order_by().aggregate(
        posts=Count("pk"),
        comments=Coalesce(Sum("comments"), 0),
        reported=Count("pk", filter=Q(reported=True)),
    )


# --- good practices --------------------------------------------------------------------------


def practice_get(*, user: User, pk: int) -> GoodPractice:
    qs = GoodPractice.objects.visible_to(user).select_related(
        "org_unit", "plan", "solution", "target", "created_by", "reviewed_by"
    )
    return get_object_or_404(qs, pk=pk)


def practices_for(
    *,
    user: User,
    root: OrgUnit,
    state: str = "",
    field: str = "",
    commendation: bool | None = None,
    recognised: bool = False,
) -> QuerySet[GoodPractice]:
    """The good practices of `root`'s subtree, and those of the units above it (a commune's
    model is read by its chi bộ, to copy it)."""
    qs = GoodPractice.objects.visible_to(user).filter(
        subtree_q([root.path], "org_unit") | Q(org_unit__path__in=ancestor_paths(root.path))
    )
    if state:
        qs = qs.filter(state=state)
    if field:
        qs = qs.filter(field=field)
    if commendation is not None:
        qs = qs.filter(commendation=commendation)
    if recognised:
        qs = qs.filter(state=PracticeState.RECOGNISED)
    return qs.select_related("org_unit", "solution").order_by("-created_at", "-pk")


def published_practices(unit: OrgUnit) -> QuerySet[GoodPractice]:
    """What the public page shows: the recognised models of the unit's subtree that the office
    chose to publish, in their public words (no login: no user scope)."""
    return (
        GoodPractice.objects.published()
        .in_subtree(unit)
        .select_related("org_unit")
        .order_by("-published_at", "-pk")
    )


def public_page_code(unit: OrgUnit) -> str:
    """The code of the commune whose public page shows the unit's published practices."""
    commune = unit.nearest(OrgUnit.Kind.COMMUNE_COMMITTEE)
    return commune.code if commune is not None else ""


def recognised_by_unit(*, root: OrgUnit, start: date, end: date) -> dict[int, int]:
    """Unit pk → good practices recognised in [start, end] (the scorecard's bonus points)."""
    rows = (
        GoodPractice.objects.in_subtree(root)
        .filter(
            state=PracticeState.RECOGNISED,
            reviewed_at__date__gte=start,
            reviewed_at__date__lte=end,
        )
        .order_by()
        .values("org_unit")
        .annotate(n=Count("pk"))
    )
    return {row["org_unit"]: row["n"] for row in rows}


def evidence_of(practice: GoodPractice) -> list[StoredFile]:
    kind = ContentType.objects.get_for_model(GoodPractice)
    return list(
        StoredFile.objects.filter(owner_type=kind, owner_id=str(practice.pk)).order_by("pk")
    )
