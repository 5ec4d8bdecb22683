"""The draft of a chi bộ's own implementation plan, from the commune's plan.

"Tạo kế hoạch của chi bộ" gives the secretary a Word file in the chi bộ variant of the Party
format (`ĐẢNG BỘ XÃ TÂN KỲ` / `CHI BỘ …`, `Số    -KH/CB`, `T/M CHI BỘ` / `BÍ THƯ`): the
purpose (coverage thresholds and the commune's own targets), the content (the plan's solution
groups), the cell's own tasks with their deadlines, and the plan's deadlines. The secretary
edits it, has it signed and uploads it back as the task's deliverable.
"""

from __future__ import annotations

from django.utils import timezone

from trienkhai.documents.data import Block, BulletList, DocumentData, Heading, Paragraph, Table
from trienkhai.documents.issuers import issuer_of, lower_first, party_document
from trienkhai.documents.models import DocType
from trienkhai.plans.models import CoverageThreshold, Plan, Target
from trienkhai.plans.selectors import figure
from trienkhai.tasks.models import Recurrence, Task
from trienkhai.tasks.rules import due_text

_COMPARATOR = {">": "trên ", ">=": "từ ", "=": "", "~": "khoảng "}


def _cite(plan: Plan) -> str:
    """ "Kế hoạch số 15-KH/ĐU, ngày 12/5/2026": the plan as documents cite it."""
    number = f"{plan.number:02d}" if plan.number else "…"
    text = f"Kế hoạch số {number}-{plan.symbol}"
    if plan.date:
        d = plan.date
        text += f", ngày {d.day}/{d.month}/{d.year}"
    return text


def _threshold(t: CoverageThreshold) -> str:
    value = f"{t.value.normalize():f}".replace(".", ",")
    return f"{_COMPARATOR.get(t.comparator, '')}{value}% {t.audience}"


def _target_line(target: Target) -> str:
    shown = figure(target)
    if target.value is None and target.low is None:
        # A target without a figure ("đạt và vượt chỉ tiêu thành phố giao") reads as written.
        return f"{target.text.rstrip('.;')};"
    return f"{target.label}: {shown.replace(' %', '%')};"


def _due_phrase(task: Task) -> str:
    if task.recurrence == Recurrence.ONCE and task.due is not None:
        return f"Trước ngày {task.due.day}/{task.due.month}/{task.due.year}"
    return due_text(task.recurrence, task.due)


def unit_plan_document(*, task: Task, cell_tasks: list[Task]) -> DocumentData:
    """DocumentData of the draft plan of ``task.assignee`` (a chi bộ or đảng bộ bộ phận)."""
    unit = task.assignee
    plan = task.plan
    info = issuer_of(unit)
    author = issuer_of(plan.org_unit)
    programme = plan.programme.number if plan.programme else ""
    thresholds = list(plan.coverage_thresholds.all())
    own_targets = list(Target.objects.filter(plan=plan, scope=Target.Scope.OWN).order_by("order"))
    solutions = list(plan.solutions.order_by("order"))
    deadlines = list(plan.deadlines.order_by("due", "pk"))

    body: list[Block] = [
        Paragraph(
            f"Thực hiện {_cite(plan)} của {author.acting_body} về {lower_first(plan.title)}; "
            f"căn cứ tình hình thực tế, {info.acting_body} xây dựng kế hoạch thực hiện như sau:"
        ),
        Heading("I. MỤC ĐÍCH, YÊU CẦU"),
        Heading("1. Mục đích", level=2),
        Paragraph(
            "Tổ chức quán triệt sâu rộng nội dung "
            + (f"Chương trình hành động số {programme} và " if programme else "")
            + f"{_cite(plan)} đến toàn thể cán bộ, đảng viên trong chi bộ và Nhân dân trên "
            "địa bàn"
            + (
                "; phấn đấu " + ", ".join(_threshold(t) for t in thresholds) + " được tuyên "
                "truyền, quán triệt đầy đủ."
                if thresholds
                else "."
            )
        ),
    ]
    if own_targets:
        body.append(Paragraph("Góp phần thực hiện các chỉ tiêu của Đảng bộ:"))
        body.append(BulletList(tuple(_target_line(t) for t in own_targets)))
    body += [
        Heading("2. Yêu cầu", level=2),
        Paragraph(
            "Việc triển khai phải nghiêm túc, thiết thực, phù hợp với tình hình thực tế của "
            "chi bộ; xác định rõ nội dung, nhiệm vụ trọng tâm, giải pháp thực hiện và trách "
            "nhiệm của từng cán bộ, đảng viên."
        ),
    ]
    if solutions:
        body += [
            Heading("II. NỘI DUNG TRỌNG TÂM"),
            BulletList(tuple(f"{s.title};" for s in solutions)),
        ]
    rows = tuple((str(i), t.text, _due_phrase(t), "") for i, t in enumerate(cell_tasks, start=1))
    body += [
        Heading("III. NHIỆM VỤ CỦA CHI BỘ" if solutions else "II. NHIỆM VỤ CỦA CHI BỘ"),
        Table(
            header_rows=(("STT", "Nội dung nhiệm vụ", "Thời hạn", "Người phụ trách"),),
            rows=rows,
            widths_mm=(12.0, 95.0, 30.0, 28.0),
        ),
        Heading("IV. TỔ CHỨC THỰC HIỆN" if solutions else "III. TỔ CHỨC THỰC HIỆN"),
    ]
    steps = [f"{d.text.rstrip('.')};" for d in deadlines]
    steps.append(
        "Chi ủy phân công đảng viên phụ trách từng nội dung; định kỳ kiểm điểm việc thực hiện "
        "trong sinh hoạt chi bộ và báo cáo kết quả về "
        f"{info.report_to or 'cấp ủy cấp trên'} theo quy định."
    )
    body += [
        BulletList(tuple(steps)),
        Paragraph(
            f"Trên đây là Kế hoạch thực hiện {_cite(plan)} của {unit.name}; đề nghị các đồng "
            "chí đảng viên nghiêm túc thực hiện."
        ),
    ]
    return party_document(
        info,
        DocType.KE_HOACH,
        title=f"Thực hiện {_cite(plan)} của {author.acting_body}",
        body=body,
        recipients=info.recipients("- Các đảng viên trong chi bộ,"),
        draft_year=(task.due or plan.date or timezone.localdate()).year,
        extra={"task": task.pk, "unit_code": unit.code},
    )


def draft_filename(task: Task) -> str:
    return f"Ke hoach {task.assignee.code} - du thao.docx"


def cell_tasks_of(task: Task) -> list[Task]:
    """The unit's own tasks from the same plan, in the plan's order."""
    return list(Task.objects.filter(plan=task.plan, assignee=task.assignee).order_by("order", "pk"))
