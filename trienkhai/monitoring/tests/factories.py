"""Factories for monitoring: an observation (số liệu) of a target for one period."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from trienkhai.core.periods import parse_period
from trienkhai.monitoring.models import Observation
from trienkhai.plans.tests.factories import TargetFactory


class ObservationFactory(DjangoModelFactory[Observation]):
    """`ObservationFactory.create(target=t, period="2026-Q2", value=Decimal(12))`: the period's
    kind, year and bounds are read off its code; unit and measure are the target's."""

    class Meta:
        model = Observation

    class Params:
        parsed = factory.LazyAttribute(lambda row: parse_period(row.period))

    target = factory.SubFactory(TargetFactory)
    org_unit = factory.SelfAttribute("target.org_unit")
    period = "2026"
    period_kind = factory.LazyAttribute(lambda row: str(row.parsed.kind))
    year = factory.LazyAttribute(lambda row: row.parsed.year)
    period_start = factory.LazyAttribute(lambda row: row.parsed.start)
    period_end = factory.LazyAttribute(lambda row: row.parsed.end)
    value = Decimal("12.5")
    measure = factory.SelfAttribute("target.measure")
    status = Observation.Status.OFFICIAL
    entered_at = factory.LazyFunction(timezone.now)
