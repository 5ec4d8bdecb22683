"""The pages: each list, the matrix and the board render, export to XLSX and print; their
query counts stay the same for small and large data."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.conftest import World
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import PlanDeadlineFactory
from trienkhai.tasks import services
from trienkhai.tasks.models import TaskOccurrence
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory

pytestmark = pytest.mark.django_db

# A one-page PDF: uploads are opened and must have a page (core.files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
    b"\nstartxref\n0\n%%EOF\n"
)
REF = "20/06/2026"


def build(world: World, cells: int, per_cell: int) -> None:
    """`cells` chi bộ with `per_cell` tasks each, in every status on 20/06/2026."""
    plan = SeedPlanFactory.create(org_unit=world.commune)
    units = [world.cell_a, world.cell_b] + [
        OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-{i}", name=f"Chi bộ thôn {i}")
        for i in range(cells - 2)
    ]
    for n, unit in enumerate(units):
        own = AssignedTaskFactory.create(
            actor=world.office, plan=plan, assignee=unit, deliverable="document", is_unit_plan=True
        )
        services.occurrence_complete(
            actor=world.office,
            occurrence=own.occurrences.get(),
            completed_on=date(2026, 6, 8 + n % 4),
            files=[("ke-hoach.pdf", PDF)],
        )
        for i in range(per_cell):
            due = date(2026, 6, 1) + timedelta(days=(i * 7) % 40)
            task = AssignedTaskFactory.create(
                actor=world.office,
                plan=plan,
                assignee=unit,
                due=due,
                text=f"Việc {i}",
                section=f"IV.{i % 3}",
            )
            if i % 3 == 0:
                TaskOccurrence.objects.filter(task=task).update(completed_on=due)
        AssignedTaskFactory.create(
            actor=world.office,
            plan=plan,
            assignee=unit,
            recurrence="quarterly",
            text="Báo cáo quý",
            section="IV.4",
        )
        AssignedTaskFactory.create(
            actor=world.office,
            plan=plan,
            assignee=unit,
            recurrence="continuous",
            text="Thường xuyên",
        )


PAGES = [
    ("tasks:list", {}),
    ("tasks:list", {"tinh_trang": "overdue", "q": "viec"}),
    ("tasks:overdue", {}),
    ("tasks:due_soon", {}),
    ("tasks:matrix", {}),
    ("tasks:board", {}),
]


def query_counts(client: Any) -> list[int]:
    counts = []
    for name, params in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(name), {"ngay": REF, **params})
        assert response.status_code == 200, name
        counts.append(len(ctx.captured_queries))
    return counts


def test_query_counts_do_not_grow_with_the_data(client: Any, world: World) -> None:
    build(world, cells=2, per_cell=4)  # a few of each status, one due soon
    client.force_login(world.office)
    small = query_counts(client)
    build(world, cells=12, per_cell=15)
    large = query_counts(client)
    assert small == large
    assert max(large) <= 20


def test_pages_exports_and_prints(client: Any, world: World) -> None:
    build(world, cells=2, per_cell=6)
    client.force_login(world.office)
    page = client.get(reverse("tasks:list"), {"ngay": REF})
    html = page.content.decode()
    assert "Tình trạng tính đến ngày 20/06/2026" in html
    totals = page.context["totals"]
    assert totals.due_total == totals.done + totals.not_done > 0
    for name in ("tasks:list_xlsx", "tasks:overdue_xlsx", "tasks:due_soon_xlsx"):
        response = client.get(reverse(name), {"ngay": REF})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet["A3"].value == "STT"
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("tasks:overdue_xlsx"), {"ngay": REF}).content)
    )
    overdue_rows = [
        r for r in workbook.active.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)
    ]
    assert (
        len(overdue_rows)
        == client.get(reverse("tasks:overdue"), {"ngay": REF}).context["page"].paginator.count
    )
    assert all(r[7] == "Chưa hoàn thành, quá hạn" for r in overdue_rows)
    matrix = load_workbook(io.BytesIO(client.get(reverse("tasks:matrix_xlsx")).content))
    assert matrix.sheetnames == ["Ma trận", "Theo tình trạng"]
    for name in ("tasks:list_print", "tasks:overdue_print", "tasks:due_soon_print"):
        response = client.get(reverse(name), {"ngay": REF})
        assert response.status_code == 200
        assert "print-page" in response.content.decode()
    printed = client.get(reverse("tasks:matrix_print"), {"ngay": REF}).content.decode()
    assert "Ma trận trách nhiệm" in printed and "Chi bộ thôn A" in printed
    # A filter that matches nothing, and a bad date, keep the page usable.
    empty = client.get(reverse("tasks:list"), {"q": "khongcogi"}).content.decode()
    assert "Không có nhiệm vụ nào khớp bộ lọc." in empty
    assert client.get(reverse("tasks:list"), {"ngay": "31/02/2026"}).status_code == 200


def test_detail_page_shows_the_timeline(client: Any, world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(
        actor=world.office,
        plan=plan,
        assignee=world.cell_a,
        recurrence="quarterly",
        text="Báo cáo quý",
    )
    q2 = task.occurrences.get(period="2026-Q2")
    client.force_login(world.reporter_a)
    response = client.post(
        reverse("tasks:progress", args=[q2.pk]),
        {"day": "10/06/2026", "progress": "60", "note": "Đã có số liệu tháng 4, 5."},
    )
    assert response.status_code == 302 and response["Location"].endswith("?ky=2026-Q2")
    client.post(
        reverse("tasks:complete", args=[q2.pk]), {"completed_on": "28/06/2026", "note": "Gửi"}
    )
    q3 = task.occurrences.get(period="2026-Q3")
    client.post(
        reverse("tasks:not_applicable", args=[q3.pk]),
        {"day": "30/09/2026", "note": "Không có số liệu mới"},
    )
    client.force_login(world.office)
    client.post(reverse("tasks:confirm", args=[q2.pk]), {"note": "Đạt"})
    html = client.get(reverse("tasks:detail", args=[task.pk]), {"ngay": "05/10/2026"})
    text = html.content.decode()
    for expected in (
        "Cập nhật tiến độ",
        "Đã có số liệu tháng 4, 5.",
        "Báo cáo hoàn thành",
        "Xác nhận hoàn thành",
        "Không phát sinh",
        "Quý II năm 2026",
        "Hoàn thành đúng hạn",
    ):
        assert expected in text, expected
    views = html.context["occurrences"]
    assert [v.info.status if v.info else None for v in views[:4]] == [
        "done_on_time",
        "not_applicable",
        "not_due",
        None,
    ]


def test_assign_page_previews_then_creates_once(client: Any, world: World) -> None:
    from trienkhai.plans.models import PlanDuty

    plan = SeedPlanFactory.create(org_unit=world.commune)
    PlanDeadlineFactory.create(plan=plan, text="Các chi bộ xây dựng kế hoạch trước ngày 10/6/2026.")
    duties = [
        PlanDuty.objects.create(
            plan=plan,
            section="IV.6",
            body="Các tổ chức đảng trực thuộc",
            kind="party_orgs",
            text="Xây dựng kế hoạch thực hiện của chi bộ.",
            order=1,
        ),
        PlanDuty.objects.create(
            plan=plan,
            section="IV.4",
            body="UBND xã",
            kind="peoples_committee",
            text="Định kỳ báo cáo kết quả.",
            order=2,
        ),
        PlanDuty.objects.create(
            plan=plan,
            section="IV.7",
            body="Các thôn",
            kind="other",
            text="Treo băng rôn tại nhà văn hóa.",
            order=3,
        ),
    ]
    client.force_login(world.office)
    url = reverse("tasks:assign", args=[plan.pk])
    preview = client.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Sẽ giao <strong>3</strong> nhiệm vụ mới." in html
    assert "trước ngày 10/6/2026" in html and "Kế hoạch của chi bộ" in html
    assert "Chưa xác định được đơn vị" in html
    own, report, other = duties
    data = {
        "assigned_on": "20/05/2026",
        f"d{own.pk}_include": "on",
        f"d{own.pk}_recurrence": "once",
        f"d{own.pk}_due": "10/06/2026",
        f"d{own.pk}_deliverable": "document",
        f"d{report.pk}_include": "on",
        f"d{report.pk}_recurrence": "quarterly",
        f"d{report.pk}_due": "",
        f"d{report.pk}_deliverable": "report",
        f"d{other.pk}_include": "on",
        f"d{other.pk}_recurrence": "continuous",
        f"d{other.pk}_due": "",
        f"d{other.pk}_deliverable": "none",
        f"d{other.pk}_unit": str(world.cell_b.pk),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    tasks = {(t.assignee.code, t.section): t for t in plan.tasks.select_related("assignee")}
    assert set(tasks) == {
        ("tk-cb-a", "IV.6"),
        ("tk-cb-b", "IV.6"),
        ("tk-ubnd", "IV.4"),
        ("tk-cb-b", "IV.7"),
    }
    assert tasks[("tk-cb-a", "IV.6")].is_unit_plan
    assert tasks[("tk-ubnd", "IV.4")].recurrence == "quarterly"
    # Assigning again: nothing new, the button is off.
    assert client.post(url, data).status_code == 302
    assert plan.tasks.count() == 4
    again = client.get(url).content.decode()
    assert "Sẽ giao <strong>0</strong> nhiệm vụ mới." in again
    client.force_login(world.reporter_a)
    assert client.get(url).status_code == 404
