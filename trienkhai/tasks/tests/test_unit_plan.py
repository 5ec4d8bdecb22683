"""The chi bộ's own plan: the DOCX draft in the chi bộ variant of the Party format, the signed
plan uploaded as the deliverable, and the board "x/y chi bộ đã xây dựng kế hoạch, đạt z%"."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from trienkhai.conftest import World
from trienkhai.core.demo import DemoContext
from trienkhai.plans.tests.factories import (
    CoverageThresholdFactory,
    PlanDeadlineFactory,
    SolutionFactory,
)
from trienkhai.tasks.models import Task
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory

pytestmark = pytest.mark.django_db

# A one-page PDF: uploads are opened and must have a page (core.files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
    b"\nstartxref\n0\n%%EOF\n"
)


@pytest.fixture
def unit_plan_task(world: World) -> Task:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    CoverageThresholdFactory.create(plan=plan)
    SolutionFactory.create(plan=plan, ref="II.2.1", title="Tăng cường lãnh đạo, chỉ đạo")
    PlanDeadlineFactory.create(plan=plan)
    task = AssignedTaskFactory.create(
        actor=world.office,
        plan=plan,
        assignee=world.cell_a,
        deliverable="document",
        is_unit_plan=True,
    )
    AssignedTaskFactory.create(
        actor=world.office,
        plan=plan,
        assignee=world.cell_a,
        recurrence="continuous",
        text="Lồng ghép vào sinh hoạt chi bộ",
    )
    AssignedTaskFactory.create(
        actor=world.office,
        plan=plan,
        assignee=world.cell_b,
        text="Việc của chi bộ B không được lọt vào",
    )
    return task


def test_draft_docx_is_the_chi_bo_variant_with_the_cells_tasks(
    client: Any, world: World, unit_plan_task: Task
) -> None:
    client.force_login(world.reporter_a)
    response = client.get(reverse("tasks:unit_plan_draft", args=[unit_plan_task.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    doc = Document(io.BytesIO(response.content))
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ XÃ TÂN KỲ",
        "CHI BỘ THÔN A",
        "*",
        "Số    -KH/CB",
    ]
    assert right.paragraphs[1].text == "Tân Kỳ, ngày    tháng    năm 2026"
    texts = [p.text for p in doc.paragraphs]
    assert "KẾ HOẠCH" in texts
    assert any(t.startswith("Thực hiện Kế hoạch số 15-KH/ĐU, ngày 12/5/2026") for t in texts)
    assert any("trên 95% đảng viên" in t for t in texts)
    assert "- Tăng cường lãnh đạo, chỉ đạo;" in texts
    # The cell's own tasks, with their deadlines; not another cell's.
    table = doc.tables[1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["STT", "Nội dung nhiệm vụ", "Thời hạn", "Người phụ trách"]
    assert ["1", "Xây dựng kế hoạch thực hiện", "Trước ngày 10/6/2026", ""] in rows
    assert ["2", "Lồng ghép vào sinh hoạt chi bộ", "Thường xuyên", ""] in rows
    assert not any("chi bộ B" in r[1] for r in rows)
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["T/M CHI BỘ", "BÍ THƯ"]
    recipients = [p.text for p in doc.tables[-1].rows[0].cells[0].paragraphs]
    assert "- Đảng ủy xã Tân Kỳ (để báo cáo)," in recipients and recipients[-1] == "- Lưu Chi bộ."


def test_signed_plan_upload_completes_the_task_on_its_date(
    client: Any, world: World, unit_plan_task: Task
) -> None:
    client.force_login(world.reporter_a)
    url = reverse("tasks:unit_plan_submit", args=[unit_plan_task.pk])
    # A spreadsheet is not a signed plan.
    bad = client.post(
        url,
        {"completed_on": "05/06/2026", "file": SimpleUploadedFile("a.txt", b"hello")},
        follow=True,
    )
    assert "không phải PDF" in bad.content.decode()
    response = client.post(
        url,
        {
            "completed_on": "05/06/2026",
            "file": SimpleUploadedFile("Kế hoạch đã ký.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    occurrence = unit_plan_task.occurrences.get()
    assert occurrence.completed_on == date(2026, 6, 5)
    update = occurrence.updates.get(kind="completion")
    detail = client.get(reverse("tasks:detail", args=[unit_plan_task.pk])).content.decode()
    assert "Kế hoạch đã ký.pdf" in detail and "Hoàn thành đúng hạn" in detail
    assert update.date == date(2026, 6, 5)


def test_board_counts_and_sentence(client: Any, seed: DemoContext) -> None:
    client.force_login(seed.users["vanphong"])
    response = client.get(reverse("tasks:board"), {"ngay": "25/11/2026"})
    board = response.context["board"]
    # The demo: 20 chi bộ and the đảng bộ bộ phận on time, 5 late, 5 not yet.
    assert (board.total, board.counts.done_on_time, board.counts.done_late) == (31, 21, 5)
    assert board.sentence == "26/31 chi bộ đã xây dựng kế hoạch, đạt 83,87%"
    assert board.counts.overdue == 5
    html = response.content.decode()
    assert "26/31 chi bộ đã xây dựng kế hoạch, đạt 83,87%" in html
    # On 9/6/2026, before the deadline, the late ones were still in time… and not counted.
    early = client.get(reverse("tasks:board"), {"ngay": "09/06/2026"}).context["board"]
    assert early.counts.done_late == 0 and early.counts.overdue == 0
    assert early.counts.not_due == 31 - early.counts.done
    # A cell secretary sees its own row only.
    client.force_login(seed.users["chibo03"])
    mine = client.get(reverse("tasks:board")).context["board"]
    assert [r.occurrence.task.assignee.code for r in mine.rows] == ["chibo03"]
    client.force_login(seed.users["vanphong"])
    assert client.get(reverse("tasks:board_xlsx")).status_code == 200
    assert "26/31" in client.get(reverse("tasks:board_print")).content.decode()
