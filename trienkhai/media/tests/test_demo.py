"""The demo: a year of items and tallies with some missed weeks, loaded twice the same."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from trienkhai.media.compliance import compliance, topic_coverage
from trienkhai.media.models import Banner, Channel, ExemptWeek, MediaItem, MediaTally
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Channel, MediaItem, MediaTally, Banner, ExemptWeek))


def test_demo_is_idempotent_and_has_missed_weeks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-media-2026")
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first[1] > 50 and first[2] > 100 and first[3] >= 5
    plan = Plan.objects.get(source_name="ke_hoach_tan_ky.txt")
    commune = OrgUnit.objects.get(code="tan-ky")
    assert {(e.iso_year, e.iso_week) for e in ExemptWeek.objects.filter(plan=plan)} >= {(2027, 6)}
    row = compliance(plan=plan, root=commune)[0].main_rows[0]
    assert row.binding and row.evaluation.met > 10
    assert row.evaluation.missed >= 3 and row.evaluation.longest_gap == 2
    _since, topics = topic_coverage(plan=plan, root=commune)
    twelve = next(t for t in topics if t.ref == "12")
    assert not twelve.covered and twelve.last is not None  # written about, but not lately
