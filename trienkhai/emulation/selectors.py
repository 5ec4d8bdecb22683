"""Reads on the scoring rounds, their scorecards and commendations, within the reader's scope:
a committee's office and leaders read every card of its round, a unit its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths, has_cap
from trienkhai.emulation.models import Commendation, Scorecard, ScoreRound
from trienkhai.emulation.rules import CRITERIA
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q

COMMITTEE_KINDS = (OrgUnit.Kind.COMMUNE_COMMITTEE, OrgUnit.Kind.CITY_COMMITTEE)


def committees_for(user: User) -> QuerySet[OrgUnit]:
    """The committees whose rounds the user manages (its office's commune, the city)."""
    paths = cap_paths(user, Cap.EMULATION_MANAGE)
    return OrgUnit.objects.filter(subtree_q(paths), kind__in=COMMITTEE_KINDS).order_by("path")


def can_manage(user: object, round_: ScoreRound) -> bool:
    return has_cap(user, Cap.EMULATION_MANAGE, round_.org_unit)


def round_get(*, user: User, pk: int) -> ScoreRound:
    qs = ScoreRound.objects.visible_to(user).select_related("org_unit", "signed_by", "proposal")
    return get_object_or_404(qs, pk=pk)


def round_of(*, user: User, committee: OrgUnit, year: int) -> ScoreRound | None:
    return (
        ScoreRound.objects.visible_to(user)
        .filter(org_unit=committee, year=year)
        .select_related("org_unit", "signed_by", "proposal")
        .first()
    )


def years_of(*, user: User, committee: OrgUnit) -> list[int]:
    return list(
        ScoreRound.objects.visible_to(user)
        .filter(org_unit=committee)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def cards_of(*, user: User, round_: ScoreRound) -> QuerySet[Scorecard]:
    """The round's cards the user reads, group by group, in rank order."""
    return (
        Scorecard.objects.visible_to(user)
        .filter(round=round_)
        .select_related("org_unit", "overridden_by")
        .order_by("kind", "rank_in_group", "org_unit__path")
    )


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    cards: list[Scorecard]


def groups_of(cards: QuerySet[Scorecard]) -> list[Group]:
    """The cards by kind of unit (the cap applies within each), party organisations first."""
    order = [k for k, _label in OrgUnit.Kind.choices]
    by_kind: dict[str, list[Scorecard]] = {}
    for card in cards:
        by_kind.setdefault(card.kind, []).append(card)
    labels = dict(OrgUnit.Kind.choices)
    first = (OrgUnit.Kind.PARTY_CELL, OrgUnit.Kind.PARTY_SUBCOMMITTEE)
    kinds = sorted(by_kind, key=lambda k: (k not in first, order.index(k)))
    return [Group(k, str(labels[k]), by_kind[k]) for k in kinds]


def card_get(*, user: User, pk: int) -> Scorecard:
    qs = Scorecard.objects.visible_to(user).select_related(
        "org_unit", "round__org_unit", "overridden_by"
    )
    return get_object_or_404(qs, pk=pk)


@dataclass(frozen=True)
class CriterionRow:
    key: str
    good: int
    counted: int
    weight: int

    @property
    def applies(self) -> bool:
        return self.counted > 0


def criteria_of(card: Scorecard) -> list[CriterionRow]:
    weights: dict[str, Any] = card.round.weights
    rows = []
    for key in CRITERIA:
        good, counted = card.criteria.get(key, [0, 0])
        rows.append(CriterionRow(key, int(good), int(counted), int(weights.get(key, 0))))
    return rows


def commendations_of(*, user: User, round_: ScoreRound) -> QuerySet[Commendation]:
    """The round's proposals the user reads: the committee's own, not a chi bộ's to read."""
    return (
        Commendation.objects.visible_to(user)
        .filter(round=round_)
        .select_related("unit", "scorecard", "practice")
        .order_by("kind", "pk")
    )


def scorecards_for(*, user: User, root: OrgUnit, year: int | None = None) -> QuerySet[Scorecard]:
    """The cards of the units of `root`'s subtree the user reads (the API's list)."""
    qs = Scorecard.objects.visible_to(user).in_subtree(root)
    if year is not None:
        qs = qs.filter(round__year=year)
    return qs.select_related("org_unit", "round").order_by("round__year", "org_unit__path")
