"""The XLSX of the inspections list and of the corrective actions, and the shared counts."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from trienkhai.accounts.permissions import OPERATOR
from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.conftest import World
from trienkhai.documents import services as documents
from trienkhai.documents.models import DocType
from trienkhai.inspections.counts import annotate_counts
from trienkhai.inspections.documents import decision_data
from trienkhai.inspections.exports import actions_workbook, inspections_workbook
from trienkhai.inspections.models import (
    ActionState,
    CorrectiveAction,
    Finding,
    Inspection,
    InspectionState,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 15)


def _ubkt(world: World) -> OrgUnit:
    return OrgUnitFactory.create(
        parent=world.commune,
        code="tk-ubkt",
        kind=OrgUnit.Kind.INSPECTION_COMMITTEE,
        name="Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ",
        short_name="Ủy ban Kiểm tra",
    )


def _inspection(body: OrgUnit, units: list[OrgUnit], title: str, start: date) -> Inspection:
    inspection = Inspection.objects.create(
        org_unit=body,
        kind=Inspection.Kind.INSPECTION,
        title=title,
        start=start,
        end=start.replace(day=start.day + 10),
    )
    inspection.units.set(units)
    return inspection


def _action(inspection: Inspection, unit: OrgUnit, due: date, **fields: Any) -> CorrectiveAction:
    finding = Finding.objects.create(inspection=inspection, org_unit=unit, text=f"Phát hiện {due}")
    return CorrectiveAction.objects.create(
        finding=finding, org_unit=unit, text=f"Khắc phục {due}", due=due, **fields
    )


def _verified(done_on: date, by: Any = None) -> dict[str, Any]:
    at = timezone.make_aware(datetime(2026, 9, 2, 23, 30))  # 23:30 in Hà Nội, 16:30 UTC
    return {"state": ActionState.VERIFIED, "done_on": done_on, "verified_at": at, "verified_by": by}


def _rows(body: OrgUnit) -> list[Any]:
    qs = (
        Inspection.objects.filter(org_unit=body)
        .select_related("org_unit", "decision", "conclusion_doc")
        .prefetch_related(Prefetch("units", queryset=OrgUnit.objects.order_by("path")))
        .order_by("-start", "-pk")
    )
    return list(annotate_counts(qs, TODAY))


def _sheet(content: bytes) -> list[list[Any]]:
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


@pytest.fixture
def body(world: World) -> OrgUnit:
    """The UBKT with two inspections: the first decided (numbered), with three actions."""
    ubkt = _ubkt(world)
    first = _inspection(
        ubkt, [world.cell_b, world.cell_a], "Việc học tập nghị quyết", date(2026, 6, 1)
    )
    draft = documents.document_draft_create(
        actor=OPERATOR, issuer=ubkt, doc_type=DocType.QUYET_DINH, data=decision_data(first)
    )
    first.decision = documents.document_issue(actor=OPERATOR, document=draft, day=date(2026, 5, 25))
    first.state = InspectionState.IN_PROGRESS
    first.save(update_fields=["decision", "state"])
    _action(first, world.cell_a, date(2026, 9, 1), **_verified(date(2026, 8, 30)))
    _action(first, world.cell_a, date(2026, 9, 10))  # open, past its date
    _action(first, world.cell_b, date(2026, 9, 15))  # due today: not overdue
    _inspection(ubkt, [world.cell_a], "Việc ghi biên bản", date(2026, 8, 3))
    return ubkt


def test_counts_are_subqueries(world: World, body: OrgUnit) -> None:
    with CaptureQueriesContext(connection) as queries:
        rows = _rows(body)
    assert len(queries) == 2  # the rows and their units, whatever the number of findings
    counts = {
        r.title: (r.finding_count, r.action_count, r.verified_count, r.overdue_count) for r in rows
    }
    assert counts == {"Việc học tập nghị quyết": (3, 3, 1, 1), "Việc ghi biên bản": (0, 0, 0, 0)}


def test_inspections_workbook(world: World, body: OrgUnit) -> None:
    rows = _rows(body)
    with CaptureQueriesContext(connection) as queries:
        content = inspections_workbook(rows, heading="Kiểm tra, giám sát — Đảng bộ xã Tân Kỳ")
    assert len(queries) == 0
    sheet = _sheet(content)
    assert sheet[0][0] == "Kiểm tra, giám sát — Đảng bộ xã Tân Kỳ"
    assert sheet[2] == [
        "STT",
        "Hình thức",
        "Nội dung",
        "Cơ quan tiến hành",
        "Đơn vị được kiểm tra",
        "Từ ngày",
        "Đến ngày",
        "Tình trạng",
        "Số quyết định",
        "Số thông báo kết luận",
        "Số phát hiện",
        "Số yêu cầu khắc phục",
        "Đã xác nhận",
        "Quá hạn",
    ]
    assert sheet[3] == [
        1,
        "Kiểm tra",
        "Việc ghi biên bản",
        "Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ",
        "Chi bộ thôn A",
        datetime(2026, 8, 3),
        datetime(2026, 8, 13),
        "Dự kiến",
        "—",
        "—",
        0,
        0,
        0,
        0,
    ]
    assert sheet[4][4] == "Chi bộ thôn A; Chi bộ thôn B"  # tree order
    assert sheet[4][5:] == [
        datetime(2026, 6, 1),
        datetime(2026, 6, 11),
        "Đang tiến hành",
        "01-QĐ/UBKT",
        "—",
        3,
        3,
        1,
        1,
    ]
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    assert ws["F4"].number_format == "dd/mm/yyyy"


def test_a_draft_document_is_not_given_a_number(world: World, body: OrgUnit) -> None:
    second = Inspection.objects.get(title="Việc ghi biên bản")
    second.decision = documents.document_draft_create(
        actor=OPERATOR, issuer=body, doc_type=DocType.QUYET_DINH, data=decision_data(second)
    )
    second.save(update_fields=["decision"])
    sheet = _sheet(inspections_workbook(_rows(body), heading="x"))
    assert sheet[3][8] == "Dự thảo"


def test_actions_workbook(world: World, body: OrgUnit) -> None:
    verifier = UserFactory.create(username="ubkt", full_name="Trần Văn Khiêm", unit=body)
    CorrectiveAction.objects.filter(state=ActionState.VERIFIED).update(verified_by=verifier)
    late = Inspection.objects.get(title="Việc ghi biên bản")
    _action(
        late, world.cell_b, date(2026, 9, 5), state=ActionState.REPORTED, done_on=date(2026, 9, 4)
    )
    _action(late, world.cell_b, date(2026, 8, 1), **_verified(date(2026, 8, 20)))
    rows = CorrectiveAction.objects.select_related(
        "org_unit", "finding__inspection", "verified_by"
    ).order_by("due", "pk")
    content = actions_workbook(
        list(rows), heading="Yêu cầu khắc phục — Ủy ban Kiểm tra", today=TODAY
    )
    sheet = _sheet(content)
    assert sheet[0][0] == "Yêu cầu khắc phục — Ủy ban Kiểm tra"
    assert sheet[2] == [
        "STT",
        "Đơn vị",
        "Cuộc kiểm tra, giám sát",
        "Nội dung phát hiện",
        "Yêu cầu khắc phục",
        "Hạn",
        "Tình trạng",
        "Tiến độ theo hạn",
        "Ngày hoàn thành",
        "Người xác nhận",
        "Ngày xác nhận",
    ]
    by_due = {row[5]: row for row in sheet[3:]}
    assert by_due[datetime(2026, 9, 1)] == [
        1 + sorted(by_due).index(datetime(2026, 9, 1)),
        "Chi bộ thôn A",
        "Việc học tập nghị quyết",
        "Phát hiện 2026-09-01",
        "Khắc phục 2026-09-01",
        datetime(2026, 9, 1),
        "Đã khắc phục (đã xác nhận)",
        "Hoàn thành đúng hạn",
        datetime(2026, 8, 30),
        "Trần Văn Khiêm",
        datetime(2026, 9, 2),  # the local day, not the UTC one
    ]
    status = {row[5].date(): (row[6], row[7]) for row in sheet[3:]}
    assert status == {
        date(2026, 8, 1): ("Đã khắc phục (đã xác nhận)", "Hoàn thành quá hạn"),
        date(2026, 9, 1): ("Đã khắc phục (đã xác nhận)", "Hoàn thành đúng hạn"),
        # reported done, not yet verified: still counted as not done
        date(2026, 9, 5): ("Đơn vị báo đã khắc phục, chờ xác nhận", "Chưa hoàn thành, quá hạn"),
        date(2026, 9, 10): ("Chưa khắc phục", "Chưa hoàn thành, quá hạn"),
        date(2026, 9, 15): ("Chưa khắc phục", "Chưa hoàn thành, trong hạn"),
    }
    reported = next(row for row in sheet[3:] if row[5] == datetime(2026, 9, 5))
    assert reported[8:] == [datetime(2026, 9, 4), None, None]
    assert [row[0] for row in sheet[3:]] == [1, 2, 3, 4, 5]
