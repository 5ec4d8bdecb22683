"""Demo media log of Tân Kỳ: the commune's radio, website and fanpage, the Zalo groups of some
chi bộ, items and weekly tallies from the plan's start to today with a few missed weeks, the
Tết weeks of 2027 set aside, and the banners hung for the campaign."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from trienkhai.core.demo import DemoContext
from trienkhai.media.compliance import topic_item
from trienkhai.media.imports import unsaved_item
from trienkhai.media.models import (
    Banner,
    Channel,
    ChannelKind,
    ExemptWeek,
    MediaItem,
    MediaTally,
    RuleSetting,
)
from trienkhai.media.weeks import monday, start_for, weeks_between
from trienkhai.plans.models import Plan, Solution, Target
from trienkhai.plans.selectors import plan_targets

RADIO = "Đài truyền thanh xã Tân Kỳ"
WEBSITE = "Trang thông tin điện tử xã Tân Kỳ"
FANPAGE = "Fanpage Tân Kỳ ngày mới"
PRESS = "Báo Hải Phòng"
YOUTH_PAGE = "Fanpage Tuổi trẻ Tân Kỳ"
ZALO_CELLS = 8  # chi bộ 01–08 keep a Zalo group of their own
# Weeks (counted from the start) with too little output: one short week, a two-week gap in
# the summer floods, one more in October.
THIN_WEEKS = {4: 1, 12: 0, 13: 1, 20: 1}
TET_WEEKS = ((2027, 5), (2027, 6))

# (title, target items, solution group) — what a commune radio and site write about.
TOPICS: list[tuple[str, tuple[str, ...], str]] = [
    ("Tân Kỳ quán triệt Chương trình hành động số 20-CTr/TU của Thành ủy", (), "II.2.1"),
    ("Chuyển đổi số trong giải quyết thủ tục hành chính tại xã", ("21",), "II.2.3"),
    ("Người dân Tân Kỳ làm quen với dịch vụ công trực tuyến", ("II.2.3-a",), "II.2.3"),
    ("Cán bộ, công chức xã thành thạo các nền tảng số", ("III.3-a",), "II.2.3"),
    ("Hợp tác xã nông nghiệp đưa nông sản lên sàn thương mại điện tử", ("12",), "II.2.4"),
    ("Xây dựng nông thôn mới nâng cao: kết quả và việc còn phải làm", ("22",), "II.2.4"),
    ("Gương sáng đảng viên trẻ khởi nghiệp", (), "II.2.2"),
    ("Tham gia bảo hiểm xã hội tự nguyện: quyền lợi cho người lao động", ("25",), "II.2.5"),
    ("Thu gom, phân loại rác thải sinh hoạt tại khu dân cư", ("28",), "II.2.4"),
    ("Tuổi trẻ Tân Kỳ tình nguyện hướng dẫn kỹ năng số", ("24",), "II.2.5"),
    ("Phát triển du lịch cộng đồng gắn với làng nghề", ("9",), "II.2.4"),
    ("Giữ vững an ninh trật tự, phòng chống tội phạm trên địa bàn", ("32",), "II.2.1"),
    ("Đào tạo nghề cho lao động nông thôn", ("23",), "II.2.4"),
]


def load(ctx: DemoContext) -> None:
    commune = ctx.commune
    plan = Plan.objects.filter(org_unit=commune, source_name="ke_hoach_tan_ky.txt").first()
    if plan is None or Channel.objects.filter(org_unit=commune, name=RADIO).exists():
        return
    today = timezone.localdate()
    start = start_for(issued=plan.date) or date(2026, 5, 18)
    channels = _channels(ctx)
    office = ctx.users.get("vanphong")
    _settings(plan)
    _items(ctx, plan, channels, start, today, office)
    _tallies(ctx, channels, start, today)
    _banners(ctx, office)


def _channels(ctx: DemoContext) -> dict[str, Channel]:
    commune = ctx.commune
    rows = [
        (commune, ChannelKind.RADIO, RADIO),
        (commune, ChannelKind.WEBSITE, WEBSITE),
        (commune, ChannelKind.SOCIAL, FANPAGE),
        (commune, ChannelKind.PRESS, PRESS),
        (ctx.units["tan-ky-doan"], ChannelKind.SOCIAL, YOUTH_PAGE),
    ]
    for n in range(1, ZALO_CELLS + 1):
        cell = ctx.units[f"chibo{n:02d}"]
        rows.append((cell, ChannelKind.ZALO, f"Nhóm Zalo {cell.name}"))
    created = Channel.objects.bulk_create(
        [Channel(org_unit=unit, kind=kind, name=name) for unit, kind, name in rows]
    )
    return {c.name: c for c in created}


def _settings(plan: Plan) -> None:
    for rule in plan.media_rules.all():
        RuleSetting.objects.get_or_create(rule=rule)
    for year, week in TET_WEEKS:
        exempt = ExemptWeek(plan=plan, reason="Nghỉ Tết Nguyên đán Đinh Mùi 2027")
        exempt.set_week(year, week)
        exempt.save()


def _items(
    ctx: DemoContext,
    plan: Plan,
    channels: dict[str, Channel],
    start: date,
    today: date,
    office: Any,
) -> None:
    rng = random.Random(20260512)
    targets: dict[str, list[Target]] = {}
    for target in plan_targets(plan=plan):
        targets.setdefault(topic_item(target.ref), []).append(target)
    solutions = {s.ref: s for s in Solution.objects.filter(plan=plan)}
    commune = ctx.commune
    cells = [ctx.units[f"chibo{n:02d}"] for n in range(1, 11)]
    youth = ctx.units["tan-ky-doan"]
    made: list[tuple[MediaItem, tuple[str, ...], str]] = []
    weeks = weeks_between(start, today)[:60]
    recent = len(weeks) - 8
    for index, week in enumerate(weeks):
        wanted = THIN_WEEKS.get(index, rng.choice((2, 2, 3, 3, 4)))
        first = monday(week)
        for n in range(wanted):
            day = first + timedelta(days=rng.randrange(7))
            if day > today:
                day = today
            title, items, group = TOPICS[(index * 3 + n) % len(TOPICS)]
            # Nothing on e-commerce (item 12) in the last 8 weeks: the topic page shows it.
            if "12" in items and index >= recent:
                title, items, group = TOPICS[0]
            channel = (channels[RADIO], channels[WEBSITE], channels[FANPAGE])[n % 3]
            author = commune if n % 2 == 0 else rng.choice(cells)
            made.append((_item(author, channel, day, title, office), items, group))
        if index % 3 == 1 and index not in THIN_WEEKS:
            day = min(first + timedelta(days=5), today)
            made.append(
                (_item(youth, channels[YOUTH_PAGE], day, TOPICS[8][0], office), ("24",), "II.2.5")
            )
        if index % 4 == 2:  # the city paper, which the rule does not count
            day = min(first + timedelta(days=2), today)
            title = "Báo Hải Phòng: Tân Kỳ chuyển mình cùng nông thôn mới"
            made.append((_item(commune, channels[PRESS], day, title, office), ("22",), ""))
    created = MediaItem.objects.bulk_create([m for m, _i, _g in made])
    target_links, solution_links = [], []
    for item, (_m, items, group) in zip(created, made, strict=True):
        for key in items:
            target_links += [
                MediaItem.targets.through(mediaitem=item, target=t) for t in targets.get(key, [])
            ]
        if group in solutions:
            solution_links.append(
                MediaItem.solutions.through(mediaitem=item, solution=solutions[group])
            )
    MediaItem.targets.through.objects.bulk_create(target_links)
    MediaItem.solutions.through.objects.bulk_create(solution_links)


def _item(unit: Any, channel: Channel, day: date, title: str, office: Any) -> MediaItem:
    kind = MediaItem.Kind.BAI if len(title) > 55 else MediaItem.Kind.TIN
    return unsaved_item(unit, channel, day, kind, title, by=office)


def _tallies(ctx: DemoContext, channels: dict[str, Channel], start: date, today: date) -> None:
    rng = random.Random(2027)
    rows = []
    for index, week in enumerate(weeks_between(start, today)[:60]):
        if index in THIN_WEEKS:
            continue  # the Zalo groups were quiet too
        for n in range(1, ZALO_CELLS + 1):
            cell = ctx.units[f"chibo{n:02d}"]
            count = rng.choice((0, 1, 2, 2, 3, 4, 5))
            if count:
                tally = MediaTally(
                    org_unit=cell, channel=channels[f"Nhóm Zalo {cell.name}"], count=count
                )
                tally.set_week(*week)
                rows.append(tally)
    MediaTally.objects.bulk_create(rows)


def _banners(ctx: DemoContext, office: Any) -> None:
    commune = ctx.commune
    rows = [
        (commune, Banner.Kind.BANG_RON, "Trụ sở Đảng ủy, HĐND, UBND xã", 4, date(2026, 5, 20)),
        (commune, Banner.Kind.PA_NO, "Ngã ba trung tâm xã và chợ Tân Kỳ", 2, date(2026, 6, 1)),
        (commune, Banner.Kind.KHAU_HIEU, "Tuyến đường trục xã", 12, date(2026, 6, 5)),
        (
            ctx.units["chibo01"],
            Banner.Kind.BANG_RON,
            "Nhà văn hóa thôn Đông Tân",
            1,
            date(2026, 6, 10),
        ),
        (
            ctx.units["chibo02"],
            Banner.Kind.BANG_RON,
            "Nhà văn hóa thôn Tây Tân",
            1,
            date(2026, 6, 12),
        ),
        (
            ctx.units["chibo05"],
            Banner.Kind.AP_PHICH,
            "Điểm sinh hoạt cộng đồng thôn Tân Lập",
            6,
            date(2026, 7, 2),
        ),
        (ctx.units["tan-ky-doan"], Banner.Kind.PA_NO, "Sân vận động xã", 1, date(2026, 9, 1)),
    ]
    Banner.objects.bulk_create(
        [
            Banner(
                org_unit=unit,
                kind=kind,
                place=place,
                count=count,
                date_from=day,
                date_to=day + timedelta(days=90),
                content="Quyết tâm thực hiện thắng lợi Chương trình hành động số 20-CTr/TU",
                created_by=office,
            )
            for unit, kind, place, count, day in rows
        ]
    )
