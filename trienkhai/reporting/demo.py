"""Demo reporting of Tân Kỳ: the schedules the seed plan implies and two quarters of reports
in every state — most accepted, some late, one extended, one returned twice, some not begun.

The history is written as it happened (events dated in September and December 2026), so the
late board and the rates tell the same story as the timeline of each report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from trienkhai.core.demo import DemoContext
from trienkhai.core.periods import parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.reporting.models import (
    Holiday,
    ReportEvent,
    ReportRequest,
    ReportSchedule,
    RequestState,
    ScheduleKind,
)
from trienkhai.reporting.opening import open_period

K = OrgUnit.Kind
S = RequestState
HP = ZoneInfo("Asia/Ho_Chi_Minh")
REPORTERS = [K.PARTY_CELL, K.PARTY_SUBCOMMITTEE, K.PEOPLES_COMMITTEE, K.FRONT]

HOLIDAYS = [
    (date(2026, 1, 1), "Tết Dương lịch"),
    *[(date(2026, 2, d), "Tết Nguyên đán Bính Ngọ") for d in range(14, 23)],
    (date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    (date(2026, 4, 30), "Ngày Giải phóng miền Nam"),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (date(2026, 9, 1), "Quốc khánh"),
    (date(2026, 9, 2), "Quốc khánh"),
    (date(2027, 1, 1), "Tết Dương lịch"),
    *[(date(2027, 2, d), "Tết Nguyên đán Đinh Mùi") for d in range(5, 12)],
]


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=HP)


@dataclass
class HistoryWriter:
    """Writes a request's history step by step, as the services would have."""

    ctx: DemoContext

    def step(
        self, req: ReportRequest, action: str, to: str, day: date, who: str, reason: str = ""
    ) -> None:
        at = _at(day, 9 if action == "submitted" else 15)
        ReportEvent.objects.create(
            request=req,
            action=action,
            from_state=req.state,
            to_state=to,
            reason=reason,
            at=at,
            actor=self.ctx.users.get(who),
        )
        req.state = to
        req.version += 1
        if action == "submitted":
            req.submitted_at = at
            req.first_submitted_at = req.first_submitted_at or at
        elif action == "returned":
            req.returns += 1
        elif action == "accepted":
            req.accepted_at = at

    def story(self, req: ReportRequest, who: str, *steps: tuple[str, date, str]) -> None:
        """`steps`: (action, day, reason); the unit's user sends, `bxd` reviews."""
        to = {"saved": S.DRAFT, "submitted": S.SUBMITTED, "returned": S.RETURNED}
        for action, day, reason in steps:
            actor = who if action in ("saved", "submitted") else "bxd"
            self.step(req, action, to.get(action, S.ACCEPTED), day, actor, reason)
        if not req.narrative and req.state != S.NOT_STARTED:
            req.narrative = _narrative(req)
        req.save()


def _narrative(req: ReportRequest) -> str:
    return (
        f"{req.org_unit.name} báo cáo kết quả thực hiện Kế hoạch {req.period}: đã quán triệt "
        "đến đảng viên, đưa nội dung vào sinh hoạt chi bộ thường kỳ; tuyên truyền trên loa "
        "truyền thanh thôn và nhóm Zalo. Hạn chế: một số đảng viên đi làm ăn xa chưa dự đủ."
    )


def _login(unit: OrgUnit) -> str:
    # chi bộ 01…30 have logins chibo01…; the other units write through their own users.
    return {"tan-ky-ubnd": "ubnd", "tan-ky-mttq": "mttq"}.get(unit.code, unit.code)


def load(ctx: DemoContext) -> None:
    plan = Plan.objects.filter(org_unit=ctx.commune, source_name="ke_hoach_tan_ky.txt").first()
    if plan is None or ReportSchedule.objects.filter(plan=plan).exists():
        return
    Holiday.objects.bulk_create(
        [Holiday(org_unit=ctx.city, day=day, name=name) for day, name in HOLIDAYS],
        ignore_conflicts=True,
    )
    board = ctx.units["tan-ky-bxd"]
    common = {"plan": plan, "org_unit": ctx.commune, "reviewer": board, "unit_kinds": REPORTERS}
    quarterly = ReportSchedule.objects.create(
        title="Báo cáo quý kết quả thực hiện Kế hoạch",
        kind=ScheduleKind.QUARTER,
        starts_on=date(2026, 7, 1),
        **common,
    )
    ReportSchedule.objects.create(
        title="Báo cáo sơ kết 6 tháng thực hiện Kế hoạch",
        kind=ScheduleKind.HALF,
        starts_on=date(2027, 1, 1),
        due_working_days=3,
        **common,
    )
    ReportSchedule.objects.create(
        title="Báo cáo năm kết quả thực hiện Kế hoạch",
        kind=ScheduleKind.YEAR,
        starts_on=date(2026, 12, 31),
        due_working_days=3,
        **common,
    )
    one_off = ReportSchedule.objects.create(
        title="Báo cáo kết quả học tập, quán triệt Kế hoạch",
        kind=ScheduleKind.ONE_OFF,
        period="2026-Q2",
        due_date=date(2026, 7, 15),
        **{**common, "unit_kinds": [K.PARTY_CELL, K.PARTY_SUBCOMMITTEE]},
    )
    for schedule, code in ((one_off, "2026-Q2"), (quarterly, "2026-Q3"), (quarterly, "2026-Q4")):
        open_period(schedule, parse_period(code))
    writer = HistoryWriter(ctx)
    _dissemination_report(writer, one_off)
    _third_quarter(writer, quarterly)
    _fourth_quarter(writer, quarterly)


def _requests(schedule: ReportSchedule, period: str) -> list[ReportRequest]:
    return list(
        ReportRequest.objects.filter(schedule=schedule, period=period)
        .select_related("org_unit")
        .order_by("org_unit__path")
    )


def _dissemination_report(w: HistoryWriter, schedule: ReportSchedule) -> None:
    for n, req in enumerate(_requests(schedule, "2026-Q2")):
        if req.org_unit.code == "chibo23":
            continue  # never sent: still on the late board
        sent = date(2026, 7, 6 + n % 9)
        w.story(
            req, _login(req.org_unit), ("submitted", sent, ""), ("accepted", date(2026, 7, 17), "")
        )


def _third_quarter(w: HistoryWriter, schedule: ReportSchedule) -> None:
    for n, req in enumerate(_requests(schedule, "2026-Q3")):
        code, who = req.org_unit.code, _login(req.org_unit)
        if code in ("chibo23", "chibo27"):
            continue  # not begun: late by weeks
        if code == "chibo29":
            w.story(req, who, ("saved", date(2026, 9, 20), ""))
        elif code == "chibo05":
            w.story(
                req,
                who,
                ("submitted", date(2026, 9, 10), ""),
                ("returned", date(2026, 9, 11), "Thiếu số đảng viên dự học tập, quán triệt."),
                ("submitted", date(2026, 9, 14), ""),
                ("returned", date(2026, 9, 16), "Chưa nêu hạn chế và nguyên nhân."),
                ("submitted", date(2026, 9, 18), ""),
                ("accepted", date(2026, 9, 21), ""),
            )
        elif code == "chibo07":
            req.extended_due = date(2026, 9, 30)
            req.extension_reason = "Chi bộ tập trung ứng phó bão số 3"
            w.step(req, "extended", S.NOT_STARTED, date(2026, 9, 14), "bxd", "đến 30/09/2026")
            w.story(
                req, who, ("submitted", date(2026, 9, 28), ""), ("accepted", date(2026, 10, 1), "")
            )
        elif code in ("chibo12", "chibo18"):
            late = date(2026, 9, 22 if code == "chibo12" else 25)
            w.story(req, who, ("submitted", late, ""), ("accepted", date(2026, 9, 28), ""))
        elif code == "tan-ky-mttq":
            w.story(req, who, ("submitted", date(2026, 9, 20), ""))  # waiting in the queue
        else:
            sent = date(2026, 9, 8 + n % 7)
            w.story(req, who, ("submitted", sent, ""), ("accepted", date(2026, 9, 17 + n % 3), ""))


def _fourth_quarter(w: HistoryWriter, schedule: ReportSchedule) -> None:
    for n, req in enumerate(_requests(schedule, "2026-Q4")):
        code, who = req.org_unit.code, _login(req.org_unit)
        if code == "chibo03":
            w.story(
                req,
                who,
                ("submitted", date(2026, 12, 2), ""),
                ("returned", date(2026, 12, 4), "Đề nghị bổ sung kết quả tuyên truyền trong quý."),
            )
        elif code in ("chibo02", "chibo04", "chibo06", "tan-ky-ubnd"):
            w.story(req, who, ("submitted", date(2026, 12, 1 + n % 5), ""))
        elif code in ("chibo08", "chibo09"):
            w.story(
                req, who, ("submitted", date(2026, 12, 1), ""), ("accepted", date(2026, 12, 3), "")
            )
        elif code in ("chibo10", "chibo11", "chibo13", "chibo14", "chibo15"):
            w.story(req, who, ("saved", date(2026, 12, 5), ""))
        # The others, chibo01 among them, have not begun: due 15/12/2026.
