"""The city's home on the demo: its plan implements Programme 20-CTr/TU, whose targets are its
own; they show under the plan's "Chỉ tiêu" block, not in an empty block beside a second one."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.dashboard.overview import overview_for
from trienkhai.orgs.models import OrgUnit


@pytest.fixture
def demo_db(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-home-2026")
    call_command("load_demo", verbosity=0)


def test_the_programmes_targets_are_the_plans_block(demo_db: None) -> None:
    city = OrgUnit.objects.get(code="hai-phong")
    overview = overview_for(unit=city)
    assert overview.other_targets is None
    blocks = [b for s in overview.sections for b in s.blocks if b.title == "Chỉ tiêu"]
    assert len(blocks) == len(overview.sections) >= 1
    lines = [line.text for b in blocks for line in b.lines]
    assert any(text.startswith("Chương trình 20-CTr/TU:") for text in lines)
