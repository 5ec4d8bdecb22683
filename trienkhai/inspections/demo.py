"""Demo inspections of Tân Kỳ's Ủy ban Kiểm tra: one closed (August: the study of the plan at
two chi bộ, one correction made and verified), one in progress (November: the chi bộ behind
on the plan, one correction overdue, one reported and waiting to be verified)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from trienkhai.core.demo import DemoContext
from trienkhai.inspections import services
from trienkhai.inspections.models import ActionEvent, CorrectiveAction, Finding, Inspection
from trienkhai.plans.models import Plan

TEAM = (
    "Đồng chí Trần Văn Khiêm, Phó Chủ nhiệm Ủy ban Kiểm tra — Trưởng đoàn;\n"
    "Đồng chí Lê Thị Hoa, Ủy viên Ủy ban Kiểm tra — Thành viên;\n"
    "Đồng chí Phạm Văn Tuấn, cán bộ Ủy ban Kiểm tra — Thư ký đoàn."
)


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _dated(action: CorrectiveAction, reported: date | None, verified: date | None) -> None:
    """Steps taken by the demo today are put back on the days they happened."""
    if reported:
        CorrectiveAction.objects.filter(pk=action.pk).update(reported_at=_at(reported))
        action.events.filter(kind=ActionEvent.Kind.REPORTED).update(at=_at(reported))
    if verified:
        CorrectiveAction.objects.filter(pk=action.pk).update(verified_at=_at(verified, 15))
        action.events.filter(kind=ActionEvent.Kind.VERIFIED).update(at=_at(verified, 15))


def _closed(ctx: DemoContext, plan: Plan) -> None:
    ubkt, body = ctx.users["ubkt"], ctx.units["tan-ky-ubkt"]
    cell3, cell7 = ctx.units["chibo03"], ctx.units["chibo07"]
    inspection = services.inspection_create(
        actor=ubkt,
        body=body,
        header=services.Header(
            kind=Inspection.Kind.INSPECTION,
            title="việc học tập, quán triệt và xây dựng kế hoạch thực hiện Kế hoạch của Đảng ủy",
            units=[cell3, cell7],
            start=date(2026, 8, 10),
            end=date(2026, 8, 14),
            plan=plan,
            team=TEAM,
            content="Kiểm tra hồ sơ, sổ sách, nghị quyết chi bộ; làm việc với chi ủy.",
        ),
    )
    inspection = services.inspection_decide(
        actor=ubkt, inspection=inspection, version=inspection.version, day=date(2026, 8, 3)
    )
    finding = services.finding_add(
        actor=ubkt,
        inspection=inspection,
        unit=cell7,
        text="Chi bộ chưa ban hành kế hoạch thực hiện của chi bộ sau khi tổ chức quán triệt.",
        action_text="Xây dựng, ban hành kế hoạch thực hiện của chi bộ; gửi về Ủy ban Kiểm tra.",
        due=date(2026, 9, 15),
    )
    inspection.refresh_from_db()
    inspection = services.inspection_conclude(
        actor=ubkt,
        inspection=inspection,
        version=inspection.version,
        conclusion=(
            "Các chi bộ được kiểm tra đã tổ chức học tập, quán triệt Kế hoạch nghiêm túc, "
            "đúng thời gian; tỉ lệ đảng viên tham gia cao.\n"
            "Chi bộ 07 chậm xây dựng kế hoạch thực hiện của chi bộ."
        ),
        day=date(2026, 8, 20),
    )
    action = finding.actions.get()
    action = services.action_report(
        actor=ctx.users["chibo07"],
        action=action,
        version=action.version,
        done_on=date(2026, 9, 10),
        report="Chi bộ đã họp, ban hành Kế hoạch số 03-KH/CB ngày 10/9/2026 và gửi về Đảng ủy.",
    )
    action = services.action_verify(
        actor=ubkt, action=action, version=action.version, note="Kế hoạch của chi bộ đạt yêu cầu."
    )
    _dated(action, date(2026, 9, 10), date(2026, 9, 18))


def _in_progress(ctx: DemoContext, plan: Plan) -> None:
    ubkt, body = ctx.users["ubkt"], ctx.units["tan-ky-ubkt"]
    cell12, cell29, cell30 = ctx.units["chibo12"], ctx.units["chibo29"], ctx.units["chibo30"]
    inspection = services.inspection_create(
        actor=ubkt,
        body=body,
        header=services.Header(
            kind=Inspection.Kind.INSPECTION,
            title="việc triển khai thực hiện Kế hoạch của Đảng ủy tại các chi bộ chậm triển khai",
            units=[cell12, cell29, cell30],
            start=date(2026, 11, 23),
            end=date(2026, 12, 18),
            plan=plan,
            team=TEAM,
            content="Kiểm tra tiến độ nhiệm vụ, báo cáo định kỳ và tin, bài tuyên truyền.",
        ),
    )
    inspection = services.inspection_decide(
        actor=ubkt, inspection=inspection, version=inspection.version, day=date(2026, 11, 16)
    )
    services.finding_add(
        actor=ubkt,
        inspection=inspection,
        unit=cell29,
        text=(
            "Nhiều nhiệm vụ của chi bộ quá hạn, chưa báo cáo kết quả; sổ ghi biên bản chưa đầy đủ."
        ),
        action_text="Rà soát, hoàn thành và báo cáo các nhiệm vụ quá hạn của chi bộ.",
        due=date(2026, 11, 30),
    )
    found = services.finding_add(
        actor=ubkt,
        inspection=inspection,
        unit=cell12,
        severity=Finding.Severity.SHORTCOMING,
        text="Chi bộ chưa gửi báo cáo quý III đúng hạn.",
        action_text="Gửi báo cáo quý III và kiểm điểm việc chậm báo cáo trong chi ủy.",
        due=date(2026, 12, 20),
    )
    action = found.actions.get()
    action = services.action_report(
        actor=ctx.users["chibo12"],
        action=action,
        version=action.version,
        done_on=date(2026, 12, 2),
        report=(
            "Chi bộ đã gửi báo cáo quý III ngày 02/12/2026; chi ủy đã kiểm điểm, rút kinh nghiệm."
        ),
    )
    _dated(action, date(2026, 12, 2), None)


def load(ctx: DemoContext) -> None:
    body = ctx.units["tan-ky-ubkt"]
    if Inspection.objects.filter(org_unit=body).exists():
        return
    plan = Plan.objects.filter(org_unit=ctx.commune, source_name="ke_hoach_tan_ky.txt").first()
    if plan is None:
        return
    _closed(ctx, plan)
    _in_progress(ctx, plan)
