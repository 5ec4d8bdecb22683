"""The demo commune's reports tell one story: every state, some late, one extended, one
returned twice; what the board lists is what the rates count."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from trienkhai.orgs.models import OrgUnit
from trienkhai.reporting.models import ReportEvent, ReportRequest, RequestState
from trienkhai.reporting.rates import rates_of
from trienkhai.reporting.selectors import late_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-bao-cao-2026")
    call_command("load_demo", verbosity=0)


def test_two_quarters_in_every_state(demo: None) -> None:
    states = set(ReportRequest.objects.filter(period="2026-Q4").values_list("state", flat=True))
    states |= set(ReportRequest.objects.filter(period="2026-Q3").values_list("state", flat=True))
    assert states == set(RequestState.values)
    twice = ReportRequest.objects.get(period="2026-Q3", org_unit__code="chibo05")
    assert twice.returns == 2 and twice.state == RequestState.ACCEPTED
    assert ReportEvent.objects.filter(request=twice, action="returned").count() == 2
    extended = ReportRequest.objects.get(period="2026-Q3", org_unit__code="chibo07")
    assert extended.extended_due and extended.first_submitted_at
    assert extended.first_submitted_at.date() > extended.due  # late, but within its extension
    commune = OrgUnit.objects.get(code="tan-ky")
    q3 = rates_of(commune, "2026-Q3")
    assert q3.on_time < q3.submitted <= q3.expected  # some were late
    late = {
        (r.org_unit.code, r.period) for r in late_board(root=commune, today=timezone.localdate())
    }
    assert ("chibo23", "2026-Q3") in late and ("chibo07", "2026-Q3") not in late
    # Every event is dated before the report's acceptance: no history after the fact.
    for req in ReportRequest.objects.filter(state=RequestState.ACCEPTED)[:50]:
        accepted = req.accepted_at
        assert accepted is not None and all(e.at <= accepted for e in req.events.all())
    # Loading again adds nothing.
    count = ReportRequest.objects.count()
    call_command("load_demo", verbosity=0)
    assert ReportRequest.objects.count() == count
