"""Corrections resolved and violations found per unit over a year, for the plan scorecard:
each counted for the unit inspected, in the subtree only, in one grouped query."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.inspections import services
from trienkhai.inspections.models import (
    ActionState,
    CorrectiveAction,
    Finding,
    Inspection,
    InspectionState,
)
from trienkhai.inspections.selectors import resolved_by_unit, violations_by_unit
from trienkhai.inspections.tests.conftest import Body
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)
V, SH = Finding.Severity.VIOLATION, Finding.Severity.SHORTCOMING
S = InspectionState


def inspection(
    body: OrgUnit,
    state: str = S.CONCLUDED,
    end: date = date(2026, 6, 10),
) -> Inspection:
    return Inspection.objects.create(
        org_unit=body,
        kind=Inspection.Kind.INSPECTION,
        title="Kiểm tra việc thực hiện Kế hoạch",
        start=end.replace(day=1),
        end=end,
        state=state,
    )


def finding(of: Inspection, unit: OrgUnit, severity: str = SH) -> Finding:
    return Finding.objects.create(
        inspection=of, org_unit=unit, severity=severity, text="Chưa xây dựng kế hoạch"
    )


def action(of: Inspection, unit: OrgUnit, due: date, **fields: Any) -> CorrectiveAction:
    return CorrectiveAction.objects.create(
        finding=finding(of, unit), org_unit=unit, text="Xây dựng kế hoạch", due=due, **fields
    )


def verified(on: datetime) -> dict[str, Any]:
    return {"state": ActionState.VERIFIED, "done_on": on.date(), "verified_at": on}


def at(day: date, hour_utc: int = 3) -> datetime:
    return datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC)


# --- corrections resolved --------------------------------------------------------------------


def test_counts_the_actions_due_in_the_year_and_those_verified_by_its_end(
    world: World, body: Body
) -> None:
    of = inspection(body.unit)
    a, b = world.cell_a, world.cell_b
    action(of, a, date(2026, 3, 1), **verified(at(date(2026, 3, 5))))  # resolved
    action(of, a, date(2026, 6, 1), **verified(at(date(2027, 1, 3))))  # verified next year
    action(
        of,
        a,
        date(2026, 9, 1),
        state=ActionState.REPORTED,
        done_on=date(2026, 8, 30),
    )  # reported, the body has not verified it
    action(of, a, date(2026, 10, 1))  # still open
    action(of, a, date(2025, 12, 20), **verified(at(date(2026, 1, 10))))  # due the year before
    action(of, a, date(2027, 2, 1), **verified(at(date(2026, 12, 1))))  # due next year
    # 31/12 at 16:00 UTC is 23:00 in Hải Phòng (in the year); at 17:30 it is already 1/1.
    action(of, b, date(2026, 5, 1), **verified(at(END, hour_utc=16)))
    action(of, b, date(2026, 12, 31), **verified(datetime(2026, 12, 31, 17, 30, tzinfo=UTC)))

    found = resolved_by_unit(root=world.commune, start=START, end=END)

    assert found == {a.pk: (1, 4), b.pk: (1, 2)}


def test_an_action_reported_and_verified_through_the_services(
    world: World, body: Body, started: Inspection
) -> None:
    due = date(2026, 11, 30)
    found = services.finding_add(
        actor=world.office,
        inspection=started,
        unit=world.cell_a,
        text="Chưa ban hành kế hoạch của chi bộ.",
        action_text="Ban hành kế hoạch của chi bộ.",
        due=due,
    )
    act = found.actions.get()
    today = timezone.localdate()
    assert resolved_by_unit(root=world.commune, start=START, end=today) == {world.cell_a.pk: (0, 1)}

    act = services.action_report(
        actor=world.reporter_a, action=act, version=act.version, done_on=due, report="Đã làm"
    )
    assert resolved_by_unit(root=world.commune, start=START, end=today) == {world.cell_a.pk: (0, 1)}
    services.action_verify(actor=body.member, action=act, version=act.version)
    assert resolved_by_unit(root=world.commune, start=START, end=today) == {world.cell_a.pk: (1, 1)}


def test_resolved_counts_only_the_subtree_each_unit_its_own(world: World, body: Body) -> None:
    of = inspection(body.unit)
    other = inspection(OrgUnitFactory.create(parent=world.other_commune, code="lm-ubkt"))
    action(of, world.cell_a, date(2026, 6, 1), **verified(at(date(2026, 6, 1))))
    action(of, world.commune, date(2026, 6, 1))
    action(other, world.other_cell, date(2026, 6, 1))

    assert resolved_by_unit(root=world.commune, start=START, end=END) == {
        world.cell_a.pk: (1, 1),
        world.commune.pk: (0, 1),
    }
    assert resolved_by_unit(root=world.cell_b, start=START, end=END) == {}
    assert set(resolved_by_unit(root=world.city, start=START, end=END)) == {
        world.cell_a.pk,
        world.commune.pk,
        world.other_cell.pk,
    }


# --- violations ------------------------------------------------------------------------------


def test_counts_violations_of_concluded_inspections_ending_in_the_year(
    world: World, body: Body
) -> None:
    a, b = world.cell_a, world.cell_b
    june = inspection(body.unit, S.CONCLUDED, date(2026, 6, 10))
    for unit, severity in [(a, V), (a, V), (a, SH), (b, V)]:
        finding(june, unit, severity)
    finding(inspection(body.unit, S.CLOSED, END), a, V)  # ended on the last day
    finding(inspection(body.unit, S.IN_PROGRESS, date(2026, 8, 1)), a, V)  # no conclusion yet
    finding(inspection(body.unit, S.CONCLUDED, date(2025, 12, 20)), b, V)  # the year before
    finding(inspection(body.unit, S.CONCLUDED, date(2027, 1, 5)), a, V)  # ends next year
    other_body = OrgUnitFactory.create(parent=world.other_commune, code="lm-ubkt")
    finding(inspection(other_body), world.other_cell, V)  # another commune

    assert violations_by_unit(root=world.commune, start=START, end=END) == {a.pk: 3, b.pk: 1}
    assert violations_by_unit(root=world.cell_b, start=START, end=END) == {b.pk: 1}
    assert violations_by_unit(root=world.city, start=START, end=END) == {
        a.pk: 3,
        b.pk: 1,
        world.other_cell.pk: 1,
    }


def test_violations_count_once_the_conclusion_is_issued(
    world: World, body: Body, started: Inspection
) -> None:
    for unit, severity in [(world.cell_a, V), (world.cell_b, SH)]:
        services.finding_add(
            actor=world.office, inspection=started, unit=unit, text="Phát hiện", severity=severity
        )
    assert violations_by_unit(root=world.commune, start=START, end=END) == {}

    started.refresh_from_db()
    services.inspection_conclude(
        actor=world.office,
        inspection=started,
        version=started.version,
        conclusion="Chi bộ thôn A vi phạm quy định.",
        day=date(2026, 12, 20),
    )

    assert violations_by_unit(root=world.commune, start=START, end=END) == {world.cell_a.pk: 1}


# --- bounded SQL -----------------------------------------------------------------------------


def _queries(root: OrgUnit) -> tuple[int, int, int]:
    """Queries of both selectors, and the number of units each found."""
    with CaptureQueriesContext(connection) as ctx:
        resolved = resolved_by_unit(root=root, start=START, end=END)
        violations = violations_by_unit(root=root, start=START, end=END)
    return len(ctx.captured_queries), len(resolved), len(violations)


def test_the_same_queries_for_2_units_as_for_20(world: World, body: Body) -> None:
    of = inspection(body.unit)

    def add(unit: OrgUnit) -> None:
        action(of, unit, date(2026, 6, 1), **verified(at(date(2026, 6, 1))))
        finding(of, unit, V)

    for unit in (world.cell_a, world.cell_b):
        add(unit)
    few = _queries(world.commune)
    for n in range(18):
        add(OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-{n:02d}"))
    many = _queries(world.commune)
    assert (few, many) == ((2, 2, 2), (2, 20, 20))
