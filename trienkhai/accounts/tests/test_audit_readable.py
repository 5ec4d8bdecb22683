"""The audit log in Vietnamese words, scoped by membership, bounded in queries, and readable
on a 390 px phone."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.tests.factories import MembershipFactory
from trienkhai.conftest import World
from trienkhai.core.audit import acting_as, audit_action
from trienkhai.core.audit_words import FieldChange, readable_entries
from trienkhai.dissemination.tests.factories import HeadcountFactory
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.tests.factories import PlanFactory, TargetFactory
from trienkhai.tasks.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db

# What never reaches a reader: Python's words for nothing and truth, ISO dates, field codes.
RAW = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|[0-9]{4}-[0-9]{2}-[0-9]{2}|_id\b|org_unit|<code>")


def log_html(client: Any, user: User, **params: Any) -> str:
    client.force_login(user)
    response = client.get(reverse("audit_log"), params)
    assert response.status_code == 200
    html: str = response.content.decode()
    start = html.find("<tbody>")
    return html[start : html.find("</tbody>")] if start >= 0 else ""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def edit_cell(world: World, cell: OrgUnit, n: int = 0) -> None:
    """The office edits a chi bộ's things: its name, a headcount, a task and a membership."""
    with acting_as(world.office):
        cell.name = f"{cell.name} mới {n}".strip()
        cell.save()
        head = HeadcountFactory.create(org_unit=cell, count=11247, as_of=date(2026, 6, 1 + n))
        head.count = 11250
        head.save()
        task = TaskFactory.create(plan=plan_of(world), assignee=cell)
        task.due = date(2026, 9, 1)
        task.plan = PlanFactory.create(org_unit=world.commune, number=15 + Plan.objects.count())
        task.save()
        task.helpers.add(world.ubnd)
        member = MembershipFactory.create(org_unit=cell, role=Role.REPORTER)
        member.role = Role.VIEWER
        member.is_active = False
        member.save()


def plan_of(world: World) -> Any:
    plan = getattr(world, "_plan", None)
    if plan is None:
        plan = PlanFactory.create(org_unit=world.commune)
        world._plan = plan  # type: ignore[attr-defined]
    return plan


def test_changes_read_in_vietnamese_words(client: Any, world: World) -> None:
    edit_cell(world, world.cell_a)
    html = log_html(client, world.office)
    text = text_of(html)
    # Actions as verbs, objects by their kind and name.
    assert "Tạo" in text and "Sửa" in text
    assert "Đơn vị" in text and "Chi bộ thôn A mới 0" in text
    # Field names are the models' verbose names, values as people write them.
    assert "Tên: Chi bộ thôn A → Chi bộ thôn A mới 0" in text
    assert "Sĩ số: 11.247 → 11.250" in text
    assert "Hạn hoàn thành: 10/06/2026 → 01/09/2026" in text
    assert "Giao cho: Chi bộ thôn A mới 0 → Chi bộ thôn B" in text or "Chi bộ thôn B" in text
    assert "Vai trò: Báo cáo viên → Chỉ xem" in text
    assert "Đang hiệu lực: Có → Không" in text
    # A new object lists what was set, the dates in dd/mm/yyyy, never its empty fields.
    assert "Nhóm: Đảng viên Tính từ ngày: 01/06/2026 Sĩ số: 11.247" in text
    assert "Ngày giao: 20/05/2026" in text and "Kế hoạch thực hiện của đơn vị: Không" in text
    assert "Thực hiện đến:" not in text  # empty on creation: left out
    assert RAW.search(text) is None, RAW.search(text)
    assert "<code>" not in html


def test_each_value_kind_in_words(world: World) -> None:
    with acting_as(world.office):
        target = TargetFactory.create(
            plan=plan_of(world), label="Thu nhập", value=Decimal("15.50"), target_year=2030
        )
        target.value = Decimal("1234.5")
        target.kind = Target.Kind.SHARE
        target.save()
        target.delete()
    from auditlog.models import LogEntry

    entries = readable_entries(
        LogEntry.objects.select_related("actor", "content_type").order_by("pk")
    )
    created, updated, deleted = entries[-3:]
    assert created.action == "Tạo" and created.kind == "Chỉ tiêu"
    assert FieldChange("Năm đạt", "", "2030") in created.changes
    assert FieldChange("Giá trị", "", "15,5") in created.changes
    assert all(c.new != "(trống)" for c in created.changes)
    kind_label = str(Target.Kind.SHARE.label)
    changed = {c.label: (c.old, c.new) for c in updated.changes}
    assert changed["Giá trị"] == ("15,5", "1.234,5")
    assert changed["Loại"][1] == kind_label
    assert deleted.action == "Xóa" and deleted.changes == ()
    for entry in entries:
        for change in entry.changes:
            assert RAW.search(f"{change.label} {change.old} {change.new}") is None


def test_empty_values_and_removed_objects(world: World) -> None:
    with acting_as(world.office):
        task = TaskFactory.create(plan=plan_of(world), assignee=world.cell_a)
        task.ends_on = date(2026, 12, 31)
        task.save()
        task.ends_on = None
        task.save()
    from auditlog.models import LogEntry

    last = readable_entries(LogEntry.objects.select_related("content_type").order_by("-pk")[:1])
    assert last[0].changes == (FieldChange("Thực hiện đến", "31/12/2026", "(trống)"),)


def test_domain_actions_are_named_not_coded(client: Any, world: World) -> None:
    audit_action(
        actor=world.office,
        action="tasks.task.reassigned",
        obj=world.cell_a,
        summary="Giao lại cho Chi bộ thôn B",
    )
    audit_action(actor=world.office, action="orgs.unit.closed", obj=world.cell_a, summary="Đóng")
    html = log_html(client, world.office)
    text = text_of(html)
    assert "Giao lại" in text and "Giao lại cho Chi bộ thôn B" in text
    assert "Đóng" in text
    assert "tasks.task" not in html and "orgs.unit" not in html


def test_object_names_show_dates_the_vietnamese_way(client: Any, world: World) -> None:
    with acting_as(world.office):
        HeadcountFactory.create(org_unit=world.cell_a, as_of=date(2026, 6, 1))
    text = text_of(log_html(client, world.office))
    assert "Sĩ số" in text and "01/06/2026" in text
    assert "2026-06-01" not in text


# --- Scope: exactly the subtrees of the memberships whose role may read the log ------------


def test_reporter_sees_its_own_cell_only(client: Any, world: World) -> None:
    edit_cell(world, world.cell_a)
    edit_cell(world, world.cell_b)
    text = text_of(log_html(client, world.reporter_a))
    assert "Chi bộ thôn A mới 0" in text
    assert "Chi bộ thôn B mới 0" not in text
    # Not even the commune's own entries: its log belongs to those who hold it.
    with acting_as(world.office):
        world.commune.name = "Đảng bộ xã Tân Kỳ đổi tên"
        world.commune.save()
    assert "đổi tên" not in text_of(log_html(client, world.reporter_a))
    assert "đổi tên" in text_of(log_html(client, world.office))


def test_roles_never_combine_for_the_log(client: Any, world: World) -> None:
    """Reporter of A + viewer of the commune reads A's log, not B's: the viewer role
    grants no log at all."""
    edit_cell(world, world.cell_a)
    edit_cell(world, world.cell_b)
    text = text_of(log_html(client, world.mixed))
    assert "Chi bộ thôn A mới 0" in text and "Chi bộ thôn B mới 0" not in text
    # Filtering by a unit outside its log's scope is refused, not widened.
    html = log_html(client, world.mixed, unit=world.cell_b.pk)
    assert "Chi bộ thôn B mới 0" not in html


def test_viewer_and_outsider_see_nothing_the_city_sees_its_communes(
    client: Any, world: World
) -> None:
    edit_cell(world, world.cell_a)
    assert log_html(client, world.viewer) == ""
    assert "Chi bộ thôn A" not in log_html(client, world.outsider)
    assert "Chi bộ thôn A mới 0" in text_of(log_html(client, world.city_leader))


def test_a_second_membership_of_a_reporter_widens_only_to_that_unit(
    client: Any, world: World
) -> None:
    MembershipFactory.create(user=world.reporter_a, org_unit=world.ubnd, role=Role.REPORTER)
    with acting_as(world.office):
        world.ubnd.name = "UBND xã Tân Kỳ mới"
        world.ubnd.save()
    edit_cell(world, world.cell_b)
    text = text_of(log_html(client, world.reporter_a))
    assert "UBND xã Tân Kỳ mới" in text and "Chi bộ thôn B mới 0" not in text


# --- Bounded queries ----------------------------------------------------------------------


def _queries_for_log(client: Any, user: User) -> int:
    client.force_login(user)
    client.get(reverse("audit_log"))  # content types cached, session saved
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("audit_log")).status_code == 200
    return len(ctx.captured_queries)


def test_log_page_queries_do_not_grow_with_the_entries(
    client: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    edit_cell(world, world.cell_a)
    small = _queries_for_log(client, world.office)
    for n in range(1, 12):
        edit_cell(world, world.cell_a if n % 2 else world.cell_b, n)
    large = _queries_for_log(client, world.office)
    assert large == small
    client.force_login(world.office)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("audit_log")).status_code == 200


# --- The phone ----------------------------------------------------------------------------


def test_each_entry_stacks_on_a_phone(client: Any, world: World) -> None:
    """Below the md breakpoint the rows are blocks (time · who, then what, then changes), and
    the table's header row is hidden: no sideways scrolling of five columns."""
    edit_cell(world, world.cell_a)
    client.force_login(world.office)
    html = client.get(reverse("audit_log")).content.decode()
    assert '<tr class="d-none d-md-table-row">' in html
    rows = re.findall(r'<tr class="([^"]*audit-entry[^"]*)"', html)
    assert rows and all("d-block" in r and "d-md-table-row" in r for r in rows)
