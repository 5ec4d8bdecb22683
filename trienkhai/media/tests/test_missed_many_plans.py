"""The slow list of the city judges every commune's media rules at once: the queries stay the
same for 2 communes and for 12, and each commune is judged on its own counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.demo.city import CITY_CODE, make_city
from trienkhai.media.compliance import compliance, missed_by_unit
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_missed_by_unit_reads_all_plans_together() -> None:
    city = OrgUnitFactory.create(code=CITY_CODE, kind=OrgUnit.Kind.CITY_COMMITTEE, name="HP")
    today = timezone.localdate()
    counts = []
    for communes in (2, 12):
        make_city(committees=communes, cells=2, years=1)
        with CaptureQueriesContext(connection) as queries:
            found = missed_by_unit(root=city, today=today)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    # Each commune as its own media page judges it (the issuer on its whole subtree).
    for commune in OrgUnit.objects.filter(kind=OrgUnit.Kind.COMMUNE_COMMITTEE):
        plan = Plan.objects.get(org_unit=commune)
        rules = compliance(plan=plan, root=commune, today=today, with_children=False)
        missed_here = any(
            p.status == "missed" and (today - p.span.end).days <= 91
            for rule in rules
            for row in rule.rows
            for p in row.evaluation.periods
        )
        assert (commune.pk in found) == missed_here, commune.code
