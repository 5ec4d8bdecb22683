"""A plan is one plan: uploading it again never saves a second copy."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.plans import services
from trienkhai.plans.identity import differences, existing_plan
from trienkhai.plans.models import Plan, PlanDraft, PlanDuty, Target
from trienkhai.plans.parser import parse_plan_file

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[1] / "demo_data" / "ke_hoach_tan_ky.txt"


def test_the_demo_plan_imported_again_exits_2_and_with_update_changes_nothing() -> None:
    call_command("load_demo", verbosity=0)
    count = Plan.objects.count()
    plan = Plan.objects.get(org_unit__code="tan-ky")
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(SEED), "--unit", "tan-ky", stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert "Kế hoạch này đã có" in str(caught.value) and f"mã {plan.pk}" in str(caught.value)
    assert Plan.objects.count() == count

    out = io.StringIO()
    call_command("import_plan", str(SEED), "--unit", "tan-ky", "--update", stdout=out)
    assert Plan.objects.count() == count
    assert "Đã áp dụng 0 thay đổi" in out.getvalue()


def test_update_applies_differences_in_place(world: World, tmp_path: Path) -> None:
    call_command("import_plan", str(SEED), "--unit", "tk", stdout=io.StringIO())
    plan = Plan.objects.get()
    target = plan.targets.order_by("order").first()
    assert target is not None
    # The office's correction of a figure, then the same file again: the figure comes back.
    Target.objects.filter(pk=target.pk).update(value=(target.value or 0) + 7)
    duty_ids = set(PlanDuty.objects.filter(plan=plan).values_list("pk", flat=True))
    parsed = parse_plan_file(str(SEED))
    found = differences(plan, parsed)
    assert [d.part for d in found] == [f"Chỉ tiêu ({target.ref})"]
    services.plan_apply_differences(actor=world.office, plan=plan, parsed=parsed)
    target.refresh_from_db()
    assert Plan.objects.count() == 1
    assert target.value == next(r.value for r in parsed.targets if r.ref == target.ref)
    # Duties keep their rows (and the tasks made from them).
    assert set(PlanDuty.objects.filter(plan=plan).values_list("pk", flat=True)) == duty_ids
    assert differences(plan, parsed) == []


def test_the_service_refuses_a_second_copy(world: World) -> None:
    call_command("import_plan", str(SEED), "--unit", "tk", stdout=io.StringIO())
    draft = services.plan_draft_create(
        actor=world.office, unit=world.commune, data=SEED.read_bytes(), name="lan-hai.txt"
    )
    with pytest.raises(DomainError, match="Kế hoạch này đã có"):
        services.plan_save_from_draft(
            actor=world.office, draft=draft, parsed=parse_plan_file(str(SEED))
        )
    assert Plan.objects.count() == 1
    # Another unit may hold a plan of the same text: identity is per issuing unit.
    assert existing_plan(world.other_commune, parse_plan_file(str(SEED))) is None


def test_the_review_says_it_exists_and_cancel_or_apply_keep_one_plan(
    client: Any, world: World
) -> None:
    call_command("import_plan", str(SEED), "--unit", "tk", stdout=io.StringIO())
    plan = Plan.objects.get()
    client.force_login(world.office)
    for button in ("discard", "apply"):
        draft = services.plan_draft_create(
            actor=world.office, unit=world.commune, data=SEED.read_bytes(), name="lai.txt"
        )
        review = client.get(reverse("plans:review", args=[draft.pk]))
        assert "Kế hoạch này đã có" in review.content.decode()
        assert "Không có thay đổi" in review.content.decode()
        # Another commune's office neither sees the draft nor can apply it.
        client.force_login(world.outsider)
        assert client.get(reverse("plans:review", args=[draft.pk])).status_code == 404
        assert client.post(reverse("plans:apply", args=[draft.pk])).status_code == 404
        client.force_login(world.office)
        response = client.post(reverse(f"plans:{button}", args=[draft.pk]))
        assert response.status_code == 302
        assert Plan.objects.count() == 1 and Plan.objects.get() == plan
        assert not PlanDraft.objects.exists()


def test_a_plan_of_another_unit_is_flagged_on_the_review(client: Any, world: World) -> None:
    # The world's commune is "Đảng bộ xã Tân Kỳ": the seed's issuer, no warning.
    draft = services.plan_draft_create(
        actor=world.office, unit=world.commune, data=SEED.read_bytes(), name=SEED.name
    )
    assert not any("không khớp" in w for w in draft.data["warnings"])
    # The same file chosen for chi bộ A by mistake: the review says so, first.
    office_of_cell = world.office  # the office holds plans.edit over its whole subtree
    wrong = services.plan_draft_create(
        actor=office_of_cell, unit=world.cell_a, data=SEED.read_bytes(), name=SEED.name
    )
    assert "không khớp với đơn vị đã chọn (Chi bộ thôn A)" in wrong.data["warnings"][0]
    client.force_login(world.office)
    page = client.get(reverse("plans:review", args=[wrong.pk])).content.decode()
    assert "không khớp với đơn vị đã chọn" in page
    client.force_login(world.outsider)
    assert client.get(reverse("plans:review", args=[wrong.pk])).status_code == 404
