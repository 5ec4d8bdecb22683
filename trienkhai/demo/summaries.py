"""The summary reports of the demo: what Tân Kỳ's units wrote in their reports (figures as
the system counted them, one corrected with its note, their hạn chế and kiến nghị), the
city's quarterly request to its communes, and Tân Kỳ's quarter III summary taken the whole
way — drafted, returned by the secretary with a comment, corrected, approved, issued with a
number, sent up to the city — with quarter IV in draft. Quarter II is left for the office to
draft (the browser test does). Idempotent: nothing is done once a summary exists.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from trienkhai.core.audit import acting_as
from trienkhai.core.demo import DemoContext
from trienkhai.core.periods import parse_period
from trienkhai.documents.figures import figure_from_dict, value_to_json
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Programme
from trienkhai.reporting import summary_services as summaries
from trienkhai.reporting.content import fresh_prefill
from trienkhai.reporting.demo import HistoryWriter
from trienkhai.reporting.models import (
    ReportEvent,
    ReportRequest,
    ReportSchedule,
    RequestState,
    ScheduleKind,
    SummaryEvent,
    SummaryReport,
)
from trienkhai.reporting.opening import open_period
from trienkhai.reporting.schedule_services import default_reviewer
from trienkhai.reporting.summary_text import blocks_to_text

HP = ZoneInfo("Asia/Ho_Chi_Minh")
S = RequestState
WRITTEN = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED)

# What chi bộ write under hạn chế / nguyên nhân / kiến nghị: a few phrasings shared by
# several units, so the summary groups them.
LIMITS = (
    "Một số đảng viên đi làm ăn xa chưa dự học tập, quán triệt đầy đủ",
    "Việc tuyên truyền trên nhóm Zalo của thôn chưa thường xuyên",
    "Đảng viên cao tuổi khó tiếp cận tài liệu điện tử",
)
CAUSES = (
    "Nhiều đảng viên là lao động tự do, thời gian sinh hoạt khó bố trí",
    "Cán bộ phụ trách truyền thanh thôn kiêm nhiệm nhiều việc",
)
ASKS = (
    "Đề nghị Đảng ủy cấp tài liệu tóm tắt bản in cho đảng viên cao tuổi",
    "Đề nghị hỗ trợ kinh phí sửa chữa loa truyền thanh thôn",
)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=HP)


def load(ctx: DemoContext) -> None:
    plan = Plan.objects.filter(org_unit=ctx.commune, source_name="ke_hoach_tan_ky.txt").first()
    if plan is None or SummaryReport.objects.exists():
        return
    _unit_content(plan)
    schedule = _city_schedule(ctx, plan)
    if schedule is not None:
        _commune_answers(ctx, schedule)
    with acting_as(ctx.users["vanphong"]):
        _third_quarter(ctx, plan)
        summaries.summary_create(
            actor=ctx.users["vanphong"],
            unit=ctx.commune,
            plan=plan,
            period=parse_period("2026-Q4"),
        )


def _unit_content(plan: Plan) -> None:
    """The figures and narrative parts of every report Tân Kỳ's units have written."""
    requests = list(
        ReportRequest.objects.filter(schedule__plan=plan, state__in=WRITTEN)
        .select_related("schedule__plan", "org_unit")
        .order_by("period", "org_unit__path")
    )
    for n, req in enumerate(requests):
        req.prefill = fresh_prefill(req)
        req.prefill["counted_at"] = _at(req.window_end, 17).isoformat()
        figures = [figure_from_dict(raw) for raw in req.prefill["figures"]]
        req.fields = {f.key: value_to_json(f.value) for f in figures}
        req.sections = {"han_che": LIMITS[n % 3], "nguyen_nhan": CAUSES[n % 2]}
        if n % 4 == 0:
            req.sections["kien_nghi"] = ASKS[n % 2]
        attended = next((f for f in figures if f.key.endswith(".attended")), None)
        if req.org_unit.code == "chibo05" and attended is not None and attended.value:
            # The chi bộ counted a make-up session the office had not entered yet.
            req.fields[attended.key] = attended.value + 1
            req.notes = {attended.key: "Thêm 1 đồng chí học bù ngày 10/9, biên bản nộp sau"}
    ReportRequest.objects.bulk_update(requests, ["prefill", "fields", "notes", "sections"])


def _city_schedule(ctx: DemoContext, commune_plan: Plan) -> ReportSchedule | None:
    """The city's plan carrying out its programme, and its quarterly request to communes."""
    programme = Programme.objects.filter(org_unit=ctx.city).order_by("pk").first()
    if programme is None:
        return None
    if commune_plan.programme_id is None:
        Plan.objects.filter(pk=commune_plan.pk).update(programme=programme)
    city_plan = Plan.objects.create(
        org_unit=ctx.city,
        programme=programme,
        superior="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
        issuer="THÀNH ỦY HẢI PHÒNG",
        symbol="KH/TU",
        number=45,
        place="Hải Phòng",
        date=date(2026, 4, 28),
        title="Triển khai thực hiện Chương trình hành động số 20-CTr/TU",
        start_year=2026,
        end_year=2030,
    )
    Plan.objects.filter(org_unit__kind=OrgUnit.Kind.COMMUNE_COMMITTEE).filter(
        programme__isnull=True
    ).update(programme=programme)
    schedule = ReportSchedule.objects.create(
        plan=city_plan,
        org_unit=ctx.city,
        title="Báo cáo quý kết quả thực hiện Chương trình hành động số 20-CTr/TU",
        kind=ScheduleKind.QUARTER,
        starts_on=date(2026, 6, 1),
        due_working_days=10,
        unit_kinds=[OrgUnit.Kind.COMMUNE_COMMITTEE],
        reviewer=default_reviewer(city_plan),
        created_by=ctx.users["admin"],
    )
    for code in ("2026-Q2", "2026-Q3", "2026-Q4"):
        open_period(schedule, parse_period(code))
    return schedule


def _commune_answers(ctx: DemoContext, schedule: ReportSchedule) -> None:
    """An Hòa answered both quarters on time; Hồng Bàng sent quarter II late and nothing
    since. Tân Kỳ's quarter III answer is its issued summary (below)."""
    writer = HistoryWriter(ctx)
    stories = {
        ("an-hoa", "2026-Q2"): [("submitted", date(2026, 6, 17)), ("accepted", date(2026, 6, 19))],
        ("an-hoa", "2026-Q3"): [("submitted", date(2026, 9, 16)), ("accepted", date(2026, 9, 18))],
        ("hong-bang", "2026-Q2"): [("submitted", date(2026, 7, 2))],
    }
    for (code, period), steps in stories.items():
        req = ReportRequest.objects.filter(
            schedule=schedule, period=period, org_unit__code=code
        ).first()
        if req is None:
            continue
        req.prefill = fresh_prefill(req)
        req.fields = {raw["key"]: raw["value"] for raw in req.prefill["figures"]}
        req.narrative = f"{req.org_unit.name} báo cáo kết quả thực hiện Chương trình {period}."
        req.sections = {"han_che": LIMITS[0], "kien_nghi": ASKS[1]}
        for action, day in steps:
            to = S.ACCEPTED if action == "accepted" else S.SUBMITTED
            # The communes have no demo login: the city's admin stands in for both sides.
            writer.step(req, action, to, day, "admin")
        req.save()


def _third_quarter(ctx: DemoContext, plan: Plan) -> None:
    """Drafted 18/9, returned 21/9 for the online media figures, approved 24/9, issued 25/9."""
    office, leader = ctx.users["vanphong"], ctx.users["bithu"]
    summary, _created = summaries.summary_create(
        actor=office, unit=ctx.commune, plan=plan, period=parse_period("2026-Q3")
    )
    summary = summaries.summary_submit(actor=office, summary=summary, version=summary.version)
    summary = summaries.summary_return(
        actor=leader,
        summary=summary,
        version=summary.version,
        comment="Đề nghị bổ sung kết quả tuyên truyền trên nền tảng số và nêu rõ chi bộ còn chậm.",
    )
    texts = {s["key"]: _text(s) for s in summary.sections if s["key"] == "proposals"}
    texts["proposals"] = (
        texts.get("proposals", "")
        + "\nBan Thường vụ Đảng ủy xã đề nghị Ban Thường vụ Thành ủy hỗ trợ tài liệu tuyên truyền "
        "bản in cho đảng viên cao tuổi."
    ).strip()
    summary = summaries.summary_save(
        actor=office, summary=summary, version=summary.version, texts=texts
    )
    summary = summaries.summary_submit(actor=office, summary=summary, version=summary.version)
    summary = summaries.summary_approve(actor=leader, summary=summary, version=summary.version)
    summary = summaries.summary_issue(
        actor=office, summary=summary, version=summary.version, day=date(2026, 9, 25)
    )
    days = {
        "created": (date(2026, 9, 18), 8),
        "submitted": (date(2026, 9, 18), 16),
        "returned": (date(2026, 9, 21), 10),
        "saved": (date(2026, 9, 22), 9),
        "approved": (date(2026, 9, 24), 15),
        "issued": (date(2026, 9, 25), 8),
    }
    seen: set[str] = set()
    for event in SummaryEvent.objects.filter(summary=summary).order_by("at", "pk"):
        day, hour = days.get(event.action, (date(2026, 9, 18), 9))
        if event.action == "submitted" and "submitted" in seen:
            day, hour = date(2026, 9, 22), 10
        seen.add(event.action)
        event.at = _at(day, hour)
        event.save(update_fields=["at"])
    # Its answer to the city went up the day it was issued.
    sent = _at(date(2026, 9, 25), 8)
    if summary.answers_id is not None:
        ReportRequest.objects.filter(pk=summary.answers_id).update(
            submitted_at=sent, first_submitted_at=sent
        )
        ReportEvent.objects.filter(request_id=summary.answers_id).update(at=sent)
    SummaryReport.objects.filter(pk=summary.pk).update(
        built_at=_at(date(2026, 9, 18), 8),
        submitted_at=_at(date(2026, 9, 22), 10),
        approved_at=_at(date(2026, 9, 24), 15),
        issued_at=_at(date(2026, 9, 25), 8),
    )


def _text(section: dict[str, Any]) -> str:
    (content,) = summaries.sections_from_json([section])
    return blocks_to_text(content.blocks)
