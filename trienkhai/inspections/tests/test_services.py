"""The way of an inspection and of its corrective actions, with the rights and the guards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.documents.models import OfficialDocument
from trienkhai.inspections import selectors, services
from trienkhai.inspections.models import (
    ActionState,
    CorrectiveAction,
    Finding,
    Inspection,
    InspectionState,
)
from trienkhai.inspections.tests.conftest import Body, header
from trienkhai.tasks.selectors import Status

pytestmark = pytest.mark.django_db


def _actions(audit_object: object) -> list[str]:
    return [
        e.additional_data.get("action")
        for e in LogEntry.objects.get_for_object(audit_object).order_by("timestamp", "pk")
        if e.additional_data and "action" in e.additional_data
    ]


def _finding(world: World, inspection: Inspection, due: date) -> CorrectiveAction:
    finding = services.finding_add(
        actor=world.office,
        inspection=inspection,
        unit=world.cell_a,
        text="Chưa ban hành kế hoạch của chi bộ.",
        action_text="Ban hành kế hoạch của chi bộ.",
        due=due,
    )
    return finding.actions.get()


def test_create_checks_the_body_the_units_and_the_dates(world: World, body: Body) -> None:
    with pytest.raises(DomainError, match="Ủy ban Kiểm tra hoặc Ban Thường vụ"):
        services.inspection_create(actor=world.office, body=world.ubnd, header=header(world))
    with pytest.raises(DomainError, match="không thuộc"):
        services.inspection_create(
            actor=world.office, body=body.unit, header=header(world, units=[world.other_cell])
        )
    with pytest.raises(DomainError, match="không được trước ngày bắt đầu"):
        services.inspection_create(
            actor=world.office,
            body=body.unit,
            header=header(world, start=date(2026, 12, 1), end=date(2026, 11, 1)),
        )
    with pytest.raises(PermissionDenied):
        services.inspection_create(actor=world.leader, body=body.unit, header=header(world))
    assert not Inspection.objects.exists()


def test_the_decision_is_numbered_in_the_bodys_register(world: World, body: Body) -> None:
    first = services.inspection_create(actor=body.member, body=body.unit, header=header(world))
    first = services.inspection_decide(
        actor=body.member, inspection=first, version=first.version, day=date(2026, 11, 16)
    )
    second = services.inspection_create(actor=world.office, body=body.unit, header=header(world))
    second = services.inspection_decide(
        actor=world.office, inspection=second, version=second.version
    )
    assert first.state == InspectionState.IN_PROGRESS
    assert first.decision is not None and second.decision is not None
    assert (first.decision.number, second.decision.number) == (1, 2)
    assert first.decision.reference.endswith("-QĐ/UBKT")
    assert first.decision.issuer == body.unit
    assert first.decision.status == OfficialDocument.Status.ISSUED
    with pytest.raises(services.StepRefused):
        services.inspection_decide(actor=world.office, inspection=first, version=first.version)
    assert "inspections.inspection.decided" in _actions(first)


def test_a_stale_edit_is_refused(world: World, body: Body) -> None:
    inspection = services.inspection_create(
        actor=world.office, body=body.unit, header=header(world)
    )
    read_at = inspection.version
    services.inspection_update(
        actor=body.member, inspection=inspection, version=read_at, header=header(world, title="A")
    )
    with pytest.raises(services.StaleEdit):
        services.inspection_update(
            actor=world.office, inspection=inspection, version=read_at, header=header(world)
        )
    inspection.refresh_from_db()
    assert inspection.title == "A"


def test_header_is_frozen_once_decided(world: World, started: Inspection) -> None:
    with pytest.raises(services.StepRefused):
        services.inspection_update(
            actor=world.office, inspection=started, version=started.version, header=header(world)
        )


def test_a_finding_only_at_an_inspected_unit_and_while_at_work(
    world: World, body: Body, started: Inspection
) -> None:
    with pytest.raises(DomainError, match="không có trong danh sách"):
        services.finding_add(actor=world.office, inspection=started, unit=world.ubnd, text="x")
    with pytest.raises(DomainError, match="hạn khắc phục"):
        services.finding_add(
            actor=world.office, inspection=started, unit=world.cell_a, text="x", action_text="y"
        )
    assert not Finding.objects.exists()
    planned = services.inspection_create(actor=world.office, body=body.unit, header=header(world))
    with pytest.raises(services.StepRefused):
        services.finding_add(actor=world.office, inspection=planned, unit=world.cell_a, text="x")


def test_the_way_of_a_corrective_action(world: World, body: Body, started: Inspection) -> None:
    action = _finding(world, started, date(2026, 12, 20))
    started.refresh_from_db()
    started = services.inspection_conclude(
        actor=body.member, inspection=started, version=started.version, conclusion="Kết luận."
    )
    assert started.state == InspectionState.CONCLUDED
    assert started.conclusion_doc is not None
    assert started.conclusion_doc.reference.endswith("-TB/UBKT")
    # Another cell cannot report for cell A; the office may not verify what was not reported.
    with pytest.raises(PermissionDenied):
        services.action_report(
            actor=world.reporter_b,
            action=action,
            version=action.version,
            done_on=date(2026, 12, 1),
            report="x",
        )
    with pytest.raises(services.StepRefused):
        services.action_verify(actor=world.office, action=action, version=action.version)
    day = timezone.localdate()
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.action_report(
            actor=world.reporter_a,
            action=action,
            version=action.version,
            done_on=day + timedelta(days=1),
            report="x",
        )
    action = services.action_report(
        actor=world.reporter_a,
        action=action,
        version=action.version,
        done_on=day,
        report="Đã ban hành.",
        files=[("bien-ban.png", _png())],
    )
    assert action.state == ActionState.REPORTED
    assert [f.original_name for f in selectors.evidence_of(action)] == ["bien-ban.png"]
    # The reporter cannot verify its own correction.
    with pytest.raises(PermissionDenied):
        services.action_verify(actor=world.reporter_a, action=action, version=action.version)
    with pytest.raises(DomainError, match="lý do"):
        services.action_return(actor=body.member, action=action, version=action.version, note=" ")
    action = services.action_return(
        actor=body.member, action=action, version=action.version, note="Chưa có chữ ký."
    )
    assert (action.state, action.returns, action.done_on) == (ActionState.OPEN, 1, None)
    action = services.action_report(
        actor=world.reporter_a, action=action, version=action.version, done_on=day, report="Đủ."
    )
    stale = action.version
    action = services.action_verify(actor=body.member, action=action, version=stale)
    assert action.state == ActionState.VERIFIED and action.verified_by == body.member
    assert selectors.action_status(action, day).status in (Status.DONE_ON_TIME, Status.DONE_LATE)
    started.refresh_from_db()
    assert started.state == InspectionState.CLOSED
    assert _actions(action) == [
        "inspections.action.set",
        "inspections.action.reported",
        "inspections.action.returned",
        "inspections.action.reported",
        "inspections.action.verified",
    ]
    assert [e.kind for e in selectors.events_of(action)] == [
        "set",
        "reported",
        "returned",
        "reported",
        "verified",
    ]


def test_a_late_correction_is_done_late_on_the_task_axes(
    world: World, body: Body, started: Inspection
) -> None:
    action = _finding(world, started, date(2026, 11, 30))
    today = timezone.localdate()
    assert selectors.action_status(action, date(2026, 12, 1)).status == Status.OVERDUE
    action = services.action_report(
        actor=world.reporter_a, action=action, version=action.version, done_on=today, report="x"
    )
    # Reported is not done: only the body's verification counts.
    assert selectors.action_status(action, today).status == Status.OVERDUE
    action = services.action_verify(actor=world.office, action=action, version=action.version)
    assert selectors.action_status(action, today).status == Status.DONE_LATE


def test_concluding_without_corrections_closes_at_once(
    world: World, body: Body, started: Inspection
) -> None:
    with pytest.raises(DomainError, match="kết luận"):
        services.inspection_conclude(
            actor=world.office, inspection=started, version=started.version, conclusion=""
        )
    done = services.inspection_conclude(
        actor=world.office, inspection=started, version=started.version, conclusion="Tốt."
    )
    assert done.state == InspectionState.CLOSED


def test_the_inspected_units_read_it_once_decided_and_only_their_findings(
    world: World, body: Body
) -> None:
    inspection = services.inspection_create(
        actor=world.office, body=body.unit, header=header(world)
    )
    assert not Inspection.objects.visible_to(world.reporter_a).exists()
    assert Inspection.objects.visible_to(body.member).exists()
    inspection = services.inspection_decide(
        actor=world.office, inspection=inspection, version=inspection.version
    )
    for unit in (world.cell_a, world.cell_b):
        services.finding_add(
            actor=world.office, inspection=inspection, unit=unit, text=f"Phát hiện {unit.code}"
        )
    assert list(Inspection.objects.visible_to(world.reporter_a)) == [inspection]
    assert not Inspection.objects.visible_to(world.outsider).exists()
    mine = selectors.findings_of(user=world.reporter_a, inspection=inspection)
    assert [f.org_unit for f in mine] == [world.cell_a]
    assert len(selectors.findings_of(user=body.member, inspection=inspection)) == 2
    assert len(selectors.findings_of(user=world.viewer, inspection=inspection)) == 2


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()
