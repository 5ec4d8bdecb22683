"""Two more communes of the city with a life of their own, so that the city leader's tables
compare three communes: An Hòa keeps to its plan, Hồng Bàng is behind on every module.

Each gets a handful of chi bộ, its own plan (the thresholds, deadlines and output rules of
Tân Kỳ's, which the city asked every commune to follow), headcounts and sessions, tasks with
reports, a radio channel with weekly tallies, and a figure for the target the city split to
it. Idempotent: a commune that already has its plan is left as it is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from trienkhai.core.audit import acting_as
from trienkhai.core.demo import DemoContext
from trienkhai.dissemination.models import Headcount, SessionAttendance, StudySession
from trienkhai.media.models import Channel, MediaTally
from trienkhai.monitoring.models import Observation
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import CoverageThreshold, MediaRule, Plan, PlanDeadline, Target
from trienkhai.tasks import services as tasks
from trienkhai.tasks.models import TaskOccurrence


@dataclass(frozen=True)
class Story:
    number: int
    cells: tuple[str, ...]
    held: int  # chi bộ that held their main session
    attendance: float  # share of members at it
    tasks_done: int  # of the five tasks given
    weekly: tuple[int, ...]  # radio items per week, cycled
    split_value: str | None  # the figure reported for the city's split target


STORIES = {
    "an-hoa": Story(
        number=8,
        cells=(
            "Chi bộ thôn An Lạc",
            "Chi bộ thôn An Phú",
            "Chi bộ thôn Hòa Bình",
            "Chi bộ thôn Hòa Lạc",
            "Chi bộ Trường Tiểu học An Hòa",
            "Chi bộ Công an xã",
        ),
        held=6,
        attendance=0.98,
        tasks_done=4,
        weekly=(2, 3, 2, 2, 4),
        split_value="78",
    ),
    "hong-bang": Story(
        number=21,
        cells=(
            "Chi bộ khu phố 1",
            "Chi bộ khu phố 2",
            "Chi bộ khu phố 3",
            "Chi bộ khu phố 4",
            "Chi bộ Trường THCS Hồng Bàng",
        ),
        held=3,
        attendance=0.86,
        tasks_done=1,
        weekly=(1, 2, 0, 1, 2, 1),
        split_value=None,
    ),
}

TASKS = (
    ("IV.1", "Xây dựng kế hoạch của chi bộ thực hiện Kế hoạch của Đảng ủy."),
    ("IV.2", "Tổ chức học tập, quán triệt Kế hoạch đến toàn thể đảng viên."),
    ("IV.3", "Tuyên truyền trên hệ thống loa truyền thanh thôn, khu phố."),
    ("IV.4", "Báo cáo kết quả thực hiện 6 tháng đầu năm."),
    ("IV.5", "Rà soát, cập nhật số liệu đảng viên làm việc xa địa phương."),
)


def load(ctx: DemoContext) -> None:
    template = Plan.objects.filter(org_unit=ctx.commune).order_by("pk").first()
    if template is None:
        return
    for code, story in STORIES.items():
        commune = ctx.units[code]
        if Plan.objects.filter(org_unit=commune).exists():
            continue
        with acting_as(ctx.users["admin"]):
            _commune(ctx, commune, story, template, random.Random(story.number))


def _commune(
    ctx: DemoContext, commune: OrgUnit, story: Story, template: Plan, rng: random.Random
) -> None:
    cells = [
        OrgUnit.objects.add_child(
            commune,
            create_kwargs={
                "code": f"{commune.code}-cb{i:02d}",
                "kind": OrgUnit.Kind.PARTY_CELL,
                "name": name,
                "valid_from": commune.valid_from,
            },
        )
        for i, name in enumerate(story.cells, start=1)
    ]
    plan = _plan(commune, story, template)
    today = timezone.localdate()
    _dissemination(commune, cells, plan, story, rng)
    _tasks(ctx, plan, cells, story, today)
    _media(commune, plan, story, today)
    _split_figure(commune, story, ctx.users["admin"])


def _plan(commune: OrgUnit, story: Story, template: Plan) -> Plan:
    place = commune.name.removeprefix("Đảng bộ ")
    plan = Plan.objects.create(
        org_unit=commune,
        programme=template.programme,
        doc_type=template.doc_type,
        title=template.title,
        symbol=template.symbol,
        number=story.number,
        date=template.date + timedelta(days=story.number) if template.date else None,
        start_year=template.start_year,
        end_year=template.end_year,
        issuer=f"ĐẢNG ỦY {place.upper()}",
        source_name=f"ke_hoach_{commune.code}.docx",
    )
    CoverageThreshold.objects.bulk_create(
        CoverageThreshold(
            plan=plan, audience=t.audience, group=t.group, comparator=t.comparator, value=t.value
        )
        for t in template.coverage_thresholds.all()
    )
    PlanDeadline.objects.bulk_create(
        PlanDeadline(plan=plan, text=d.text, due=d.due) for d in template.deadlines.all()
    )
    MediaRule.objects.bulk_create(
        MediaRule(plan=plan, min_items=r.min_items, per=r.per, channels=r.channels)
        for r in template.media_rules.all()
    )
    return plan


def _dissemination(
    commune: OrgUnit, cells: list[OrgUnit], plan: Plan, story: Story, rng: random.Random
) -> None:
    as_of = date(2026, 1, 1)
    members = {cell.pk: rng.randint(18, 64) for cell in cells}
    Headcount.objects.bulk_create(
        [
            Headcount(org_unit=commune, group="key_cadres", as_of=as_of, count=24),
            *(
                Headcount(org_unit=c, group="party_members", as_of=as_of, count=members[c.pk])
                for c in cells
            ),
        ]
    )
    day = (plan.date or date(2026, 5, 20)) + timedelta(days=10)
    main = StudySession.objects.create(
        plan=plan,
        org_unit=commune,
        date=day,
        kind=StudySession.Kind.MAIN,
        form=StudySession.Form.CONFERENCE,
    )
    SessionAttendance.objects.create(
        session=main,
        plan=plan,
        org_unit=commune,
        kind=main.kind,
        group="key_cadres",
        count=24 if story.held == len(cells) else 21,
    )
    for offset, cell in enumerate(cells[: story.held], start=1):
        session = StudySession.objects.create(
            plan=plan,
            org_unit=cell,
            date=day + timedelta(days=offset),
            kind=StudySession.Kind.MAIN,
            form=StudySession.Form.CELL_MEETING,
        )
        SessionAttendance.objects.create(
            session=session,
            plan=plan,
            org_unit=cell,
            kind=session.kind,
            group="party_members",
            count=round(members[cell.pk] * story.attendance),
        )


def _tasks(ctx: DemoContext, plan: Plan, cells: list[OrgUnit], story: Story, today: date) -> None:
    admin = ctx.users["admin"]
    given = (plan.date or today) + timedelta(days=14)
    for index, (section, text) in enumerate(TASKS):
        task = tasks.task_create(
            actor=admin,
            plan=plan,
            section=section,
            text=text,
            assignee=cells[index % len(cells)],
            due=given + timedelta(days=30 * (index + 1)),
            assigned_on=given,
        )
        occurrence = TaskOccurrence.objects.get(task=task)
        if index < story.tasks_done:
            done = min(today, given + timedelta(days=20 * (index + 1)))
            tasks.occurrence_complete(actor=admin, occurrence=occurrence, completed_on=done)
        elif occurrence.due and occurrence.due >= today:
            tasks.progress_add(
                actor=admin,
                occurrence=occurrence,
                day=today,
                progress=40,
                note="Đang triển khai ở các thôn, khu phố.",
            )


def _media(commune: OrgUnit, plan: Plan, story: Story, today: date) -> None:
    channel = Channel.objects.create(
        org_unit=commune,
        kind="radio",
        name=f"Đài truyền thanh {commune.name.removeprefix('Đảng bộ ')}",
    )
    start = plan.date or date(2026, 6, 1)
    monday = start - timedelta(days=start.weekday())
    rows = []
    week = 0
    while monday + timedelta(days=6) < today:
        iso = monday.isocalendar()
        rows.append(
            MediaTally(
                org_unit=commune,
                channel=channel,
                iso_year=iso[0],
                iso_week=iso[1],
                week_start=monday,
                count=story.weekly[week % len(story.weekly)],
            )
        )
        monday += timedelta(weeks=1)
        week += 1
    MediaTally.objects.bulk_create(rows)


def _split_figure(commune: OrgUnit, story: Story, admin: Any) -> None:
    target = Target.objects.filter(org_unit=commune, parent__isnull=False).first()
    if target is None or story.split_value is None:
        return
    Observation.objects.create(
        target=target,
        org_unit=commune,
        period="2026",
        period_kind="year",
        year=2026,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        value=Decimal(story.split_value),
        measure=target.measure,
        status=Observation.Status.PROVISIONAL,
        source="Báo cáo của Đảng ủy xã",
        entered_by=admin,
        entered_at=timezone.now(),
    )
