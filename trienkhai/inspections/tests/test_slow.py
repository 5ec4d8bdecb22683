"""The slow-unit list: the union of the five reasons, one row per unit in tree order, within
the subtree, with a number of queries that does not depend on the number of units."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.dissemination.tests.conftest import bulk_cells, headcount, make_plan
from trienkhai.inspections import slow
from trienkhai.inspections.models import ActionState, CorrectiveAction, Finding, Inspection
from trienkhai.media.models import RuleSetting
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import MediaRuleFactory
from trienkhai.reporting.models import ReportRequest
from trienkhai.reporting.tests.factories import quarterly
from trienkhai.tasks.models import TaskOccurrence
from trienkhai.tasks.tests.factories import TaskFactory

TODAY = date(2026, 9, 1)


def finding(world: World, unit: OrgUnit) -> Finding:
    body = OrgUnit.objects.filter(code="tk-ubkt").first() or OrgUnitFactory.create(
        parent=world.commune, code="tk-ubkt", kind=OrgUnit.Kind.INSPECTION_COMMITTEE
    )
    inspection = Inspection.objects.create(
        org_unit=body,
        kind=Inspection.Kind.INSPECTION,
        title="Kiểm tra việc thực hiện Kế hoạch",
        start=date(2026, 6, 1),
        end=date(2026, 6, 10),
    )
    return Finding.objects.create(
        inspection=inspection, org_unit=unit, text="Chưa xây dựng kế hoạch"
    )


def action(
    world: World, unit: OrgUnit, due: date, state: str = ActionState.OPEN
) -> CorrectiveAction:
    return CorrectiveAction.objects.create(
        finding=finding(world, unit), org_unit=unit, text="Xây dựng kế hoạch", due=due, state=state
    )


def overdue_task(world: World, unit: OrgUnit, due: date = date(2026, 8, 1)) -> None:
    task = TaskFactory.create(plan__org_unit=world.commune, assignee=unit, due=due)
    TaskOccurrence.objects.create(task=task, starts_on=task.assigned_on, due=due)


def late_report(world: World, unit: OrgUnit) -> None:
    ReportRequest.objects.create(
        schedule=quarterly(world.commune),
        org_unit=unit,
        period="2026-Q2",
        window_start=date(2026, 4, 1),
        window_end=date(2026, 6, 30),
        due=date(2026, 7, 15),
    )


def media_rule(world: World) -> None:
    """The commune's rule judged for each chi bộ: neither has put anything out."""
    plan = make_plan(world.commune)
    RuleSetting.objects.create(
        rule=MediaRuleFactory.create(plan=plan), applies_to=RuleSetting.AppliesTo.PARTY_ORGS
    )


def five_reasons(world: World) -> None:
    overdue_task(world, world.cell_a)
    late_report(world, world.cell_a)
    action(world, world.cell_a, date(2026, 8, 20), ActionState.REPORTED)
    media_rule(world)  # both chi bộ miss their weeks; coverage: no headcount anywhere
    headcount(world.cell_b, 10)
    late_report(world, world.ubnd)


def test_each_unit_with_every_reason_it_has_in_tree_order(world: World) -> None:
    five_reasons(world)

    rows = slow.slow_units(root=world.commune, today=TODAY)

    # Tree order: the commune, then its units as created (UBND, chi bộ A, chi bộ B).
    assert [r.unit for r in rows] == [world.commune, world.ubnd, world.cell_a, world.cell_b]
    by_code = {r.unit.code: r for r in rows}
    assert by_code["tk-cb-a"].kinds == slow.KINDS
    assert by_code["tk-cb-b"].kinds == ("coverage_below", "media_missed")
    assert by_code["tk-ubnd"].kinds == ("late_reports",)
    assert by_code["tk"].kinds == ("coverage_below",)  # the key cadres: no headcount
    reasons = {r.kind: r for r in by_code["tk-cb-a"].reasons}
    assert reasons["overdue_actions"].text == "1 yêu cầu khắc phục quá hạn (1 đang chờ xác nhận)"
    assert reasons["overdue_tasks"].text == "1 nhiệm vụ quá hạn (lâu nhất 31 ngày)"
    assert reasons["overdue_tasks"].url == "/nhiem-vu/?don_vi=tk-cb-a&tinh_trang=overdue"
    assert reasons["late_reports"].url == "/bao-cao/cham-nop/?don_vi=tk-cb-a"
    assert reasons["overdue_actions"].url == "/kiem-tra/khac-phuc/?don_vi=tk-cb-a"
    assert by_code["tk-cb-a"].total == sum(r.count for r in by_code["tk-cb-a"].reasons)


def test_the_union_equals_the_five_selectors(world: World) -> None:
    five_reasons(world)
    rows = slow.slow_units(root=world.commune, today=TODAY)

    for kind, selector in slow.SELECTORS.items():
        listed = {
            row.unit.pk: (reason.count, reason.text)
            for row in rows
            for reason in row.reasons
            if reason.kind == kind
        }
        assert listed == selector(root=world.commune, today=TODAY), kind
    every = set().union(*(s(root=world.commune, today=TODAY) for s in slow.SELECTORS.values()))
    assert {row.unit.pk for row in rows} == every


def test_kinds_filter_the_reasons(world: World) -> None:
    five_reasons(world)

    rows = slow.slow_units(root=world.commune, today=TODAY, kinds=("late_reports",))

    assert [(r.unit.code, r.kinds) for r in rows] == [
        ("tk-ubnd", ("late_reports",)),
        ("tk-cb-a", ("late_reports",)),
    ]
    assert set(slow.KIND_LABELS) == set(slow.KINDS)


def test_a_unit_of_another_commune_never_appears(world: World) -> None:
    five_reasons(world)
    overdue_task(world, world.other_cell)
    action(world, world.other_cell, date(2026, 8, 1))

    codes = {r.unit.code for r in slow.slow_units(root=world.commune, today=TODAY)}

    assert "lm-cb-1" not in codes and "lm" not in codes
    assert {r.unit.code for r in slow.slow_units(root=world.other_commune, today=TODAY)} == {
        "lm-cb-1"
    }


def test_a_closed_unit_is_left_out(world: World) -> None:
    overdue_task(world, world.cell_a)
    OrgUnit.objects.filter(pk=world.cell_a.pk).update(valid_to=date(2026, 8, 31))

    assert slow.slow_units(root=world.commune, today=TODAY) == []


def test_an_overdue_action_lists_the_unit_until_it_is_verified(world: World) -> None:
    corrective = action(world, world.cell_b, date(2026, 8, 25))
    action(world, world.cell_b, date(2026, 9, 1))  # due today: not overdue yet

    rows = slow.slow_units(root=world.commune, today=TODAY)
    assert [(r.unit.code, r.reasons[0].text) for r in rows] == [
        ("tk-cb-b", "1 yêu cầu khắc phục quá hạn")
    ]

    corrective.state = ActionState.VERIFIED
    corrective.done_on = date(2026, 8, 28)
    corrective.verified_at = timezone.make_aware(datetime(2026, 8, 30, 9))
    corrective.save()

    assert slow.slow_units(root=world.commune, today=TODAY) == []


def _queries(root: OrgUnit) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        rows = slow.slow_units(root=root, today=TODAY)
    return len(ctx.captured_queries), len(rows)


def _slow_cells(world: World, cells: list[OrgUnit]) -> None:
    """Every new chi bộ with an overdue corrective action (bulk rows)."""
    shared = finding(world, world.cell_a)
    CorrectiveAction.objects.bulk_create(
        CorrectiveAction(
            finding=shared, org_unit=cell, text="Khắc phục", due=TODAY - timedelta(days=3)
        )
        for cell in cells
    )


def test_queries_do_not_depend_on_the_number_of_units(world: World) -> None:
    five_reasons(world)
    _slow_cells(world, bulk_cells(world.commune, 40, "it"))
    few_queries, few_rows = _queries(world.commune)
    _slow_cells(world, bulk_cells(world.commune, 3960, "nhieu"))
    many_queries, many_rows = _queries(world.commune)

    assert many_rows == few_rows + 3960
    assert many_queries == few_queries
