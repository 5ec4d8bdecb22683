"""The demo's slow-unit list is exactly the union of the five selectors, and its two
inspections tell their story: one closed, one at work with a correction overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.inspections.models import ActionState, CorrectiveAction, Inspection, InspectionState
from trienkhai.inspections.slow import KINDS, SELECTORS, slow_units
from trienkhai.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 7)


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-kiem-tra-2026")
    call_command("load_demo", verbosity=0)


def test_the_slow_list_is_the_union_of_the_five_selectors(demo: None) -> None:
    for code in ("tan-ky", "hai-phong"):
        root = OrgUnit.objects.get(code=code)
        listed = {
            (row.unit.pk, r.kind, r.count, r.text)
            for row in slow_units(root=root, today=DAY)
            for r in row.reasons
        }
        union = {
            (pk, kind, count, text)
            for kind in KINDS
            for pk, (count, text) in SELECTORS[kind](root=root, today=DAY).items()
        }
        assert listed == union
    tan_ky = {
        row.unit.code: set(row.kinds)
        for row in slow_units(root=OrgUnit.objects.get(code="tan-ky"), today=DAY)
    }
    # Every reason shows somewhere on the demo.
    assert set().union(*tan_ky.values()) == set(KINDS)
    # Chi bộ 29's correction is past its date; chi bộ 12's is reported and not yet due;
    # chi bộ 07's was verified in September.
    assert {"overdue_tasks", "overdue_actions"} <= tan_ky["chibo29"]
    assert "overdue_actions" not in tan_ky.get("chibo12", set())
    assert "overdue_actions" not in tan_ky.get("chibo07", set())


def test_one_inspection_closed_and_one_at_work(demo: None) -> None:
    states = dict(Inspection.objects.values_list("state", "title"))
    assert set(states) == {InspectionState.CLOSED, InspectionState.IN_PROGRESS}
    for inspection in Inspection.objects.all():
        assert inspection.decision is not None and inspection.decision.is_issued
    closed = Inspection.objects.get(state=InspectionState.CLOSED)
    assert closed.conclusion_doc is not None and closed.conclusion_doc.is_issued
    pending = CorrectiveAction.objects.get(org_unit__code="chibo12")
    assert pending.state == ActionState.REPORTED
    # A second load changes nothing.
    call_command("load_demo", verbosity=0)
    assert Inspection.objects.count() == 2
