"""The "việc cần làm" list: true items, one tap to where they are done, nothing of others."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.dates import format_date_short
from trienkhai.dissemination.tests.conftest import PARTY, UNION, headcount, make_plan, record
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks import services
from trienkhai.tasks.models import Task

pytestmark = pytest.mark.django_db


def _task(world: World, plan: Plan, unit: OrgUnit, days: int, text: str) -> Task:
    return services.task_create(
        actor=world.office,
        plan=plan,
        text=text,
        assignee=unit,
        due=timezone.localdate() + timedelta(days=days),
    )


def _home(client: Any, user: Any) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_task_due_in_three_days_appears_with_its_date_and_link(client: Any, world: World) -> None:
    plan = make_plan(world.commune)
    task = _task(world, plan, world.cell_a, 3, "Tổ chức hội nghị chuyên đề của chi bộ")
    far = _task(world, plan, world.cell_a, 60, "Sơ kết sáu tháng của chi bộ")
    html = _home(client, world.reporter_a)
    due = format_date_short(timezone.localdate() + timedelta(days=3))
    assert "Việc cần làm — Chi bộ thôn A" in html
    assert "Tổ chức hội nghị chuyên đề của chi bộ" in html
    assert f"Hạn {due}" in html
    assert f'href="/nhiem-vu/{task.pk}/"' in html
    # Two months away is not a thing to do next.
    assert far.text not in html


def test_another_units_items_never_appear(client: Any, world: World) -> None:
    plan = make_plan(world.commune)
    _task(world, plan, world.cell_b, 2, "Việc riêng của chi bộ thôn B")
    html = _home(client, world.reporter_a)
    assert "Việc riêng của chi bộ thôn B" not in html
    assert "Việc riêng của chi bộ thôn B" in _home(client, world.reporter_b)


def test_recording_the_missing_session_makes_the_item_disappear(client: Any, world: World) -> None:
    plan = make_plan(world.commune)  # quán triệt due 30/6/2026: past
    headcount(world.cell_a, 20)
    html = _home(client, world.reporter_a)
    assert "Ghi buổi quán triệt chính (đảng viên)" in html
    assert "Quá hạn 30/06/2026" in html
    assert f"/quan-triet/buoi-hoc/ghi/{world.cell_a.code}/?ke_hoach={plan.pk}" in html
    record(world.office, plan, world.cell_a, 18)
    html = _home(client, world.reporter_a)
    assert "Ghi buổi quán triệt chính" not in html
    # The figure it was missing now shows in the coverage block.
    assert "18/20 đảng viên" in html


def test_missing_headcount_is_asked_for(client: Any, world: World) -> None:
    make_plan(world.commune)
    html = _home(client, world.reporter_a)
    assert "Nhập sĩ số (đảng viên)" in html
    headcount(world.cell_a, 20)
    assert "Nhập sĩ số" not in _home(client, world.reporter_a)


def test_the_unit_plan_not_handed_in_is_listed_until_it_is(client: Any, world: World) -> None:
    plan = make_plan(world.commune)
    task = services.task_create(
        actor=world.office,
        plan=plan,
        text="Xây dựng kế hoạch thực hiện của chi bộ",
        assignee=world.cell_a,
        due=timezone.localdate() + timedelta(days=40),
        is_unit_plan=True,
    )
    html = _home(client, world.reporter_a)
    assert "Nộp kế hoạch thực hiện của đơn vị" in html
    assert f'href="/nhiem-vu/{task.pk}/"' in html
    occurrence = task.occurrences.get()
    occurrence.completed_on = timezone.localdate()
    occurrence.save(update_fields=["completed_on"])
    assert "Nộp kế hoạch thực hiện của đơn vị" not in _home(client, world.reporter_a)


def test_mass_organisation_home_asks_for_its_members_session(client: Any, world: World) -> None:
    from trienkhai.accounts.models import Role
    from trienkhai.accounts.tests.factories import UserFactory
    from trienkhai.orgs.tests.factories import OrgUnitFactory

    front = OrgUnitFactory.create(parent=world.commune, code="tk-mttq", kind=OrgUnit.Kind.FRONT)
    mass_org = OrgUnitFactory.create(
        parent=front, code="tk-doan", kind=OrgUnit.Kind.MASS_ORG, name="Đoàn Thanh niên xã"
    )
    plan = make_plan(world.commune)
    headcount(mass_org, 40, group=UNION)
    user = UserFactory.create(username="doan_xa", unit=mass_org, role=Role.REPORTER)
    html = _home(client, user)
    assert "Ghi buổi quán triệt chính (đoàn viên, hội viên)" in html
    assert plan.title in html
    # Not the chi bộ's work.
    assert "(đảng viên)" not in html
    record(world.office, plan, mass_org, 39, group=UNION)
    html = _home(client, user)
    assert "Ghi buổi quán triệt chính" not in html
    assert "39/40" in html


def test_ubnd_home_lists_its_task_and_its_figures(client: Any, world: World) -> None:
    from trienkhai.accounts.models import Role
    from trienkhai.accounts.tests.factories import UserFactory

    plan = make_plan(world.commune)
    _task(world, plan, world.ubnd, 1, "Chỉ đạo chuyển đổi số trong cơ quan UBND")
    _task(world, plan, world.cell_a, 1, "Việc của chi bộ thôn A")
    user = UserFactory.create(username="ubnd_xa", unit=world.ubnd, role=Role.REPORTER)
    html = _home(client, user)
    assert "Chỉ đạo chuyển đổi số trong cơ quan UBND" in html
    assert "Việc của chi bộ thôn A" not in html
    assert "Tổng số 0 nhiệm vụ đến hạn" in html  # the figures of its one task not yet due
    assert "1 nhiệm vụ sắp đến hạn" in html


def _home_queries(client: Any, user: Any) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow_with_tasks_and_sessions(client: Any, world: World) -> None:
    plan = make_plan(world.commune)
    headcount(world.cell_a, 50)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            _task(world, plan, world.cell_a, 1 + i % 5, f"Nhiệm vụ số {i}")
            record(world.office, plan, world.cell_a, 1, kind="make_up")

    record(world.office, plan, world.cell_a, 10)
    add(3, 0)
    few = _home_queries(client, world.reporter_a)
    add(17, 3)
    many = _home_queries(client, world.reporter_a)
    assert few == many
    assert many <= 60


def test_home_names_each_plan_in_force(client: Any, world: World) -> None:
    commune_plan = make_plan(world.commune)
    cell_plan = make_plan(world.cell_a)
    Plan.objects.filter(pk=cell_plan.pk).update(
        number=3, symbol="KH/CB", title="Kế hoạch của chi bộ thôn A thực hiện Kế hoạch 15"
    )
    cell_plan.refresh_from_db()
    html = _home(client, world.reporter_a)
    for plan in (commune_plan, cell_plan):
        assert plan.label in html
    # The unit's own plan comes first, then the commune's: neither hides the other.
    assert html.index(cell_plan.label) < html.index(commune_plan.label)
    assert f"/quan-triet/?ke_hoach={commune_plan.pk}" in html
    assert f"/quan-triet/?ke_hoach={cell_plan.pk}" in html
    # Only the tree above A: chi bộ B's plan is not in force for A.
    other = make_plan(world.cell_b)
    Plan.objects.filter(pk=other.pk).update(title="Kế hoạch riêng của chi bộ thôn B")
    assert "Kế hoạch riêng của chi bộ thôn B" not in _home(client, world.reporter_a)
    assert PARTY  # the group the cell owns


def test_a_report_due_soon_or_late_is_listed_until_it_is_sent(client: Any, world: World) -> None:
    from trienkhai.reporting import services as reporting
    from trienkhai.reporting.models import ReportRequest
    from trienkhai.reporting.tests.factories import quarterly, requests_for

    today = timezone.localdate()
    mine = requests_for(quarterly(world.commune))["tk-cb-a"]
    ReportRequest.objects.filter(pk=mine.pk).update(due=today - timedelta(days=2))
    far = requests_for(quarterly(world.commune, title="Báo cáo chuyên đề"), "2026-Q4")
    ReportRequest.objects.filter(pk=far["tk-cb-a"].pk).update(due=today + timedelta(days=40))
    html = _home(client, world.reporter_a)
    assert "Gửi báo cáo quý kết quả thực hiện Kế hoạch (Quý III năm 2026)" in html
    assert f"Quá hạn {format_date_short(today - timedelta(days=2))}" in html
    assert f'href="/bao-cao/{mine.pk}/"' in html
    assert "báo cáo chuyên đề" not in html  # due in forty days: not yet
    assert f'href="/bao-cao/{mine.pk}/"' not in _home(client, world.reporter_b)
    mine.refresh_from_db()
    reporting.request_submit(actor=world.reporter_a, request=mine, version=None, narrative="Xong")
    assert f'href="/bao-cao/{mine.pk}/"' not in _home(client, world.reporter_a)
