"""Demo: the office assigns the seed plan of Tân Kỳ; units report, in every status.

Around today: most chi bộ uploaded their signed plan before 10/6/2026, some after, some not
at all; the dissemination ran in June for most; the UBND reports every quarter; the Ban Xây
dựng Đảng had nothing to raise one quarter ("không phát sinh"); a few tasks are due today or
this week.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.core.audit import acting_as
from trienkhai.core.demo import DemoContext
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks import services
from trienkhai.tasks.models import Recurrence, Task, TaskOccurrence

ASSIGNED = date(2026, 5, 20)


def _pdf(title: str) -> bytes:
    """A one-page PDF standing in for a signed scan (ASCII text: no font embedding)."""
    text = title.encode("ascii", "replace").decode("ascii").replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _duty_task(plan: Plan, unit: OrgUnit, section: str, starts: str) -> Task:
    return Task.objects.get(plan=plan, assignee=unit, section=section, text__startswith=starts)


def _occurrence(task: Task, period: str = "") -> TaskOccurrence:
    return task.occurrences.get(period=period)


class _Reporter:
    """Reports as the unit's own user when it has one, else the office types it in."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.today = timezone.localdate()
        self.office = ctx.users["vanphong"]
        self.confirmer = ctx.users["bxd"]

    def user_for(self, unit: OrgUnit) -> User:
        return self.ctx.users.get(unit.code, self.office)

    def progress(self, occ: TaskOccurrence, day: date, pct: int, note: str) -> None:
        if day <= self.today:
            user = self.user_for(occ.task.assignee)
            with acting_as(user):
                services.progress_add(actor=user, occurrence=occ, day=day, progress=pct, note=note)

    def done(
        self, occ: TaskOccurrence, day: date, note: str, *, file: str = "", confirm: bool = True
    ) -> None:
        if day > self.today:
            return
        user = self.user_for(occ.task.assignee)
        files = (
            [(file, _pdf(f"{occ.task.assignee.code}: ban da ky, du lieu minh hoa"))] if file else []
        )
        with acting_as(user):
            services.occurrence_complete(
                actor=user, occurrence=occ, completed_on=day, note=note, files=files
            )
        if confirm:
            with acting_as(self.confirmer):
                services.occurrence_confirm(actor=self.confirmer, occurrence=occ)
            # The office confirms a few days after the report, not all on the day of the demo.
            when = datetime.combine(min(day + timedelta(days=3), self.today), time(9, 30))
            TaskOccurrence.objects.filter(pk=occ.pk).update(confirmed_at=timezone.make_aware(when))


def load(ctx: DemoContext) -> None:
    plan = Plan.objects.filter(org_unit=ctx.commune, source_name="ke_hoach_tan_ky.txt").first()
    if plan is None or Task.objects.filter(plan=plan).exists():
        return
    office = ctx.users["vanphong"]
    duties = list(plan.duties.order_by("order"))

    def duty(section: str, starts: str) -> int:
        return next(d.pk for d in duties if d.section == section and d.text.startswith(starts))

    quarterly = services.DutyChoice(recurrence=Recurrence.QUARTERLY)
    choices = {
        duty("IV.4", "Định kỳ báo cáo"): services.DutyChoice(
            recurrence=Recurrence.QUARTERLY, deliverable="report"
        ),
        duty("IV.2", "Định hướng công tác tuyên truyền"): quarterly,
    }
    with acting_as(office):
        services.plan_assign(actor=office, plan=plan, assigned_on=ASSIGNED, choices=choices)
    r = _Reporter(ctx)
    _party_organisations(ctx, plan, r)
    _bodies(ctx, plan, r)
    _extra_tasks(ctx, plan, r)


def _party_organisations(ctx: DemoContext, plan: Plan, r: _Reporter) -> None:
    cells = [ctx.units[f"chibo{n:02d}"] for n in range(1, 31)]
    subcommittee = ctx.units["dbbp01"]
    # The chi bộ's own plan, due 10/6/2026.
    for n, unit in enumerate([*cells, subcommittee], start=1):
        occ = _occurrence(_duty_task(plan, unit, "IV.6", "Xây dựng kế hoạch"))
        if n <= 20 or unit == subcommittee:
            day = date(2026, 6, 1) + timedelta(days=n % 9)
            r.done(occ, day, "Kế hoạch đã ký", file="Kế hoạch đã ký.pdf", confirm=n <= 16)
        elif n <= 25:
            day = date(2026, 6, 12) + timedelta(days=(n - 20) * 7)
            r.done(occ, day, "Kế hoạch đã ký (nộp muộn)", file="Kế hoạch (bản ký).pdf")
        elif n <= 27:
            r.progress(occ, date(2026, 6, 8), 50, "Chi ủy đang dự thảo kế hoạch.")
    # Dissemination to every member, due 30/6/2026.
    for n, unit in enumerate([*cells, subcommittee], start=1):
        occ = _occurrence(_duty_task(plan, unit, "IV.6", "Tổ chức quán triệt"))
        if n == 1:
            continue  # chi bộ 01 has not held its session (dissemination demo): no report
        if n <= 25 or unit == subcommittee:
            r.done(
                occ, date(2026, 6, 15) + timedelta(days=n % 12), "Đã tổ chức hội nghị quán triệt."
            )
        elif n <= 28:
            r.done(occ, date(2026, 7, 5) + timedelta(days=n), "Tổ chức quán triệt bổ sung.")
        else:
            r.progress(
                occ,
                date(2026, 6, 25),
                30,
                "Đã quán triệt trong chi ủy, chưa tổ chức cho đảng viên.",
            )
    # Integration into the monthly meeting: a continuous task, with notes from some cells.
    for unit in cells[:12]:
        occ = _occurrence(_duty_task(plan, unit, "IV.6", "Lồng ghép"))
        r.progress(occ, date(2026, 9, 5), 60, "Đã lồng ghép vào sinh hoạt chi bộ tháng 7, 8, 9.")


def _bodies(ctx: DemoContext, plan: Plan, r: _Reporter) -> None:
    ubnd = ctx.units["tan-ky-ubnd"]
    occ = _occurrence(_duty_task(plan, ubnd, "IV.4", "Xây dựng kế hoạch cụ thể"))
    r.done(occ, date(2026, 6, 8), "Kế hoạch số 112/KH-UBND", file="Kế hoạch 112-KH-UBND.pdf")
    report = _duty_task(plan, ubnd, "IV.4", "Định kỳ báo cáo")
    r.done(
        _occurrence(report, "2026-Q2"),
        date(2026, 6, 28),
        "Báo cáo quý II",
        file="Báo cáo quý II.pdf",
    )
    r.done(
        _occurrence(report, "2026-Q3"),
        date(2026, 10, 8),
        "Báo cáo quý III (gửi muộn)",
        file="Báo cáo quý III.pdf",
        confirm=False,
    )
    bxd = ctx.units["tan-ky-bxd"]
    opinion = _duty_task(plan, bxd, "IV.2", "Định hướng công tác tuyên truyền")
    r.done(_occurrence(opinion, "2026-Q2"), date(2026, 6, 25), "Đã tham mưu xử lý 2 vụ việc.")
    q3 = _occurrence(opinion, "2026-Q3")
    if date(2026, 9, 28) <= r.today:
        with acting_as(r.confirmer):
            services.occurrence_not_applicable(
                actor=r.confirmer,
                occurrence=q3,
                day=date(2026, 9, 28),
                note="Trong quý không phát sinh vấn đề tư tưởng, dư luận cần tham mưu xử lý.",
            )
    btv = ctx.units["tan-ky-btv"]
    occ = _occurrence(_duty_task(plan, btv, "IV.1", "Chỉ đạo triển khai"))
    r.progress(occ, date(2026, 7, 15), 50, "Đã kiểm tra 8 chi bộ.")
    r.progress(occ, date(2026, 10, 20), 70, "Đã kiểm tra thêm 6 chi bộ.")
    vp = ctx.units["tan-ky-vp"]
    occ = _occurrence(_duty_task(plan, vp, "IV.3", "Tham mưu xây dựng chương trình"))
    r.progress(occ, date(2026, 5, 28), 100, "Hội nghị quán triệt tổ chức ngày 28/5/2026.")


def _extra_tasks(ctx: DemoContext, plan: Plan, r: _Reporter) -> None:
    office = ctx.users["vanphong"]
    today = r.today
    with acting_as(office):
        due_today = services.task_create(
            actor=office,
            plan=plan,
            section="IV.4",
            text="Báo cáo kết quả chuyển đổi số năm 2026 phục vụ sơ kết 01 năm thực hiện Kế hoạch.",
            assignee=ctx.units["tan-ky-ubnd"],
            due=today,
            deliverable="report",
            assigned_on=today - timedelta(days=30),
        )
        services.task_create(
            actor=office,
            plan=plan,
            section="IV.5",
            text="Tổng hợp ý kiến, kiến nghị của Nhân dân về việc thực hiện Kế hoạch.",
            assignee=ctx.units["tan-ky-mttq"],
            due=today + timedelta(days=5),
            assigned_on=today - timedelta(days=20),
        )
        services.task_create(
            actor=office,
            plan=plan,
            section="IV.2",
            text="Tham mưu sơ kết 01 năm thực hiện Kế hoạch.",
            assignee=ctx.units["tan-ky-bxd"],
            helpers=[ctx.units["tan-ky-vp"]],
            due=today + timedelta(days=25),
            deliverable="report",
            assigned_on=today - timedelta(days=10),
        )
        youth = services.task_create(
            actor=office,
            plan=plan,
            section="IV.5",
            text="Tổ chức diễn đàn “Thanh niên với chuyển đổi số” ở các thôn.",
            assignee=ctx.units["tan-ky-doan"],
            due=date(2026, 10, 31),
            assigned_on=date(2026, 8, 1),
        )
    r.progress(_occurrence(due_today), today - timedelta(days=3), 80, "Đã có số liệu 10 tháng.")
    r.progress(_occurrence(youth), date(2026, 10, 10), 40, "Đã tổ chức ở 3/8 thôn.")
