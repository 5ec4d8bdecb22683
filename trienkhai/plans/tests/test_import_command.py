from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trienkhai.conftest import World
from trienkhai.plans.models import Plan, Target

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[1] / "demo_data" / "ke_hoach_tan_ky.txt"


def test_import_plan_without_dry_run_saves_for_the_given_unit(world: World) -> None:
    out = io.StringIO()
    call_command("import_plan", str(SEED), "--unit", "tk", stdout=out)
    plan = Plan.objects.get()
    assert plan.org_unit == world.commune and plan.created_by == world.office
    assert "Đã lưu" in out.getvalue()
    assert Target.objects.filter(programme=plan.programme).count() == 51


def test_dry_run_saves_nothing(world: World) -> None:
    call_command("import_plan", str(SEED), "--dry-run", "--json", stdout=io.StringIO())
    assert not Plan.objects.exists()


def test_unknown_unit_or_user_without_right_exits_2_and_saves_nothing(world: World) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(SEED), "--unit", "khong-co", stdout=io.StringIO())
    assert caught.value.returncode == 2 and "khong-co" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_plan", str(SEED), "--unit", "tk", "--user", "bao_cao_a", stdout=io.StringIO()
        )
    assert "không có quyền" in str(caught.value)
    assert not Plan.objects.exists()
