from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from trienkhai.dissemination.models import StudySession
from trienkhai.media.models import MediaTally
from trienkhai.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_make_city_demo_builds_communes_with_cells_and_data_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Thanh-pho-2026")
    call_command("make_city_demo", committees=3, cells=4, years=1, stdout=io.StringIO())
    communes = OrgUnit.objects.filter(code__startswith="hp-xa-", kind="commune_committee")
    assert communes.count() == 3
    assert OrgUnit.objects.filter(code__startswith="hp-xa-", kind="party_cell").count() == 12
    city = OrgUnit.objects.get(code="hai-phong")
    assert all(city.contains(c) for c in communes)
    assert StudySession.objects.filter(org_unit__code__startswith="hp-xa-").count() == 12
    assert MediaTally.objects.filter(org_unit__code__startswith="hp-xa-").count() == 3 * 52
    call_command("make_city_demo", committees=3, cells=4, years=1, stdout=io.StringIO())
    assert OrgUnit.objects.filter(code__startswith="hp-xa-").count() == 15


def test_make_city_demo_refuses_zero() -> None:
    with pytest.raises(CommandError):
        call_command("make_city_demo", committees=0, stdout=io.StringIO())
