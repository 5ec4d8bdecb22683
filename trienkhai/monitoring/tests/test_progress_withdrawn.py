"""A withdrawn plan (entered by mistake) leaves every tally: the unit's progress, the
dashboards and the public page read the same owned targets."""

from __future__ import annotations

import pytest

from trienkhai.conftest import World
from trienkhai.monitoring.progress import owned_targets, unit_progress
from trienkhai.plans.models import Plan
from trienkhai.plans.tests.factories import PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_a_withdrawn_plans_targets_are_not_the_units(world: World) -> None:
    kept = PlanFactory.create(org_unit=world.commune, title="Kế hoạch đang thực hiện")
    mistake = PlanFactory.create(
        org_unit=world.commune, title="Kế hoạch nhập nhầm", state=Plan.State.WITHDRAWN
    )
    own = TargetFactory.create(plan=kept, org_unit=world.commune, label="Chỉ tiêu thật")
    TargetFactory.create(plan=mistake, org_unit=world.commune, label="Chỉ tiêu nhập nhầm")
    assert list(owned_targets(unit=world.commune)) == [own]
    keys = {d.key for d in unit_progress(unit=world.commune).documents}
    assert f"plan-{mistake.pk}" not in keys and f"plan-{kept.pk}" in keys
