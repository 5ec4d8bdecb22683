"""The demo city compares three communes that tell different stories."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from trienkhai.dashboard.communes import TABLES
from trienkhai.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_db(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-thanh-pho-2026")
    call_command("load_demo", verbosity=0)


def test_three_communes_have_figures_in_every_module(demo_db: Any) -> None:
    city = OrgUnit.objects.get(code="hai-phong")
    today = timezone.localdate()
    tables = {module: build(city, today) for module, build in TABLES.items()}
    for module, table in tables.items():
        codes = {row.commune.code for row in table.rows if row.plan or module == "chi-tieu"}
        assert codes == {"tan-ky", "an-hoa", "hong-bang"}, module
    tasks = {row.commune.code: row.cells for row in tables["nhiem-vu"].rows}
    # An Hòa keeps to its plan, Hồng Bàng is behind: the city sees who to chase.
    assert _figure(tasks, "an-hoa", "ti_le") > _figure(tasks, "hong-bang", "ti_le")
    coverage = {row.commune.code: row.cells for row in tables["quan-triet"].rows}
    assert coverage["an-hoa"]["party_members"].ok is True
    assert coverage["hong-bang"]["party_members"].ok is False
    media = {row.commune.code: row.cells for row in tables["tuyen-truyen"].rows}
    assert _figure(media, "an-hoa", "ti_le") > _figure(media, "hong-bang", "ti_le")


def _figure(rows: dict[str, Any], code: str, key: str) -> Any:
    value = rows[code][key].value
    assert value is not None, (code, key)
    return value
