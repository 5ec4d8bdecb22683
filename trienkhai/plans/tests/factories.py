"""Factories for plans and what they say: programmes, plans, targets, solutions, deadlines,
coverage thresholds and media rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import (
    CoverageThreshold,
    MediaRule,
    Plan,
    PlanDeadline,
    Programme,
    Solution,
    Target,
)

# The seed plan: Kế hoạch số 15 of 12/5/2026 for the 2026–2030 term.
SEED_DAY = date(2026, 5, 12)


class ProgrammeFactory(DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    org_unit = factory.SubFactory(OrgUnitFactory, kind=OrgUnit.Kind.CITY_COMMITTEE)
    number = "20-CTr/TU"


def _free_number(plan: Any) -> int:
    # The unit's first plan is numbered 15 (the seed's); its next ones 16, 17… so that the
    # identity constraint (unit, type, symbol, number, year) holds for any test's plans.
    return 15 + Plan.objects.filter(org_unit=plan.org_unit).count()


class PlanFactory(DjangoModelFactory[Plan]):
    """The unit's plan numbered 15 (16, 17… for its next ones) with no date; `seeded=True`
    dates it like the seed plan."""

    class Meta:
        model = Plan

    class Params:
        seeded = factory.Trait(date=SEED_DAY, start_year=2026, end_year=2030)

    org_unit = factory.SubFactory(OrgUnitFactory, kind=OrgUnit.Kind.COMMUNE_COMMITTEE)
    title = "tuyên truyền, quán triệt và triển khai thực hiện Chương trình hành động"
    number: Any = factory.LazyAttribute(_free_number)


def _owner_unit(target: Any) -> OrgUnit:
    owner = target.plan or target.programme
    unit: OrgUnit = owner.org_unit
    return unit


class TargetFactory(DjangoModelFactory[Target]):
    """A target of `plan` (a new plan by default) or, given `programme=`, a reference target
    of that programme; its unit is the owner's unless given."""

    class Meta:
        model = Target

    programme: Any = None
    plan = factory.Maybe(
        "programme", yes_declaration=None, no_declaration=factory.SubFactory(PlanFactory)
    )
    org_unit = factory.LazyAttribute(_owner_unit)
    scope = factory.LazyAttribute(
        lambda target: Target.Scope.REFERENCE if target.programme else Target.Scope.OWN
    )
    ref = factory.Sequence(lambda n: str(n + 1))
    label = factory.Sequence(lambda n: f"Chỉ tiêu {n + 1}")
    text = factory.SelfAttribute("label")
    kind = Target.Kind.LEVEL
    comparator = Target.Comparator.GE


class SolutionFactory(DjangoModelFactory[Solution]):
    class Meta:
        model = Solution

    plan = factory.SubFactory(PlanFactory)
    ref = factory.Sequence(lambda n: f"II.{n + 1}")
    title = factory.Sequence(lambda n: f"Nhóm giải pháp {n + 1}")


class PlanDeadlineFactory(DjangoModelFactory[PlanDeadline]):
    class Meta:
        model = PlanDeadline

    plan = factory.SubFactory(PlanFactory)
    text = "Các chi bộ xây dựng kế hoạch thực hiện, hoàn thành trước ngày 10/6/2026."
    due = date(2026, 6, 10)


class CoverageThresholdFactory(DjangoModelFactory[CoverageThreshold]):
    """The seed's rule for party members: more than 95% attend."""

    class Meta:
        model = CoverageThreshold

    plan = factory.SubFactory(PlanFactory)
    group = CoverageThreshold.Group.PARTY_MEMBERS
    comparator = ">"
    value = Decimal(95)
    audience = "đảng viên"


class MediaRuleFactory(DjangoModelFactory[MediaRule]):
    """The seed's rule: at least 2 items a week on radio and the digital channels."""

    class Meta:
        model = MediaRule

    plan = factory.SubFactory(PlanFactory)
    min_items = 2
    per = "week"
    channels = factory.LazyFunction(lambda: ["radio", "website", "social", "zalo"])
