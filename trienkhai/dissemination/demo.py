"""Demo: headcounts and study sessions of Tân Kỳ so that some units meet each threshold and
some miss it, a few make-up sessions, one "other" session, materials with some receipts.

At the plan's deadline (30/06/2026) the commune stands at 62/62 cán bộ chủ chốt (100%,
met), 2.909/3.044 đảng viên (95,57%, "trên 95%" met) and 2.695/3.045 đoàn viên, hội viên
(88,51%, "trên 90%" missed). Chi bộ 01 has not held its session yet: the browser test
records it. The commune and chi bộ 02–06 record how they reached the other audiences.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.core.demo import DemoContext
from trienkhai.core.files import stored_file_create
from trienkhai.dissemination.models import (
    Headcount,
    Material,
    MaterialReceipt,
    Outreach,
    SessionAttendance,
    StudySession,
)
from trienkhai.plans.models import Plan

G_KEY, G_PARTY, G_UNION = "key_cadres", "party_members", "union_members"
K, F = StudySession.Kind, StudySession.Form
AS_OF = date(2026, 5, 1)
CELL_CODES = [f"chibo{n:02d}" for n in range(1, 31)] + [f"dbbp01-cb0{n}" for n in (1, 2, 3)]
# Party members per cell on 01/05/2026 (chi bộ 07 gains two on 01/06), and how many of them
# had still not studied by the deadline.
CELL_HEADCOUNTS = [
    44,
    130,
    144,
    119,
    137,
    125,
    152,
    108,
    120,
    133,
    127,
    116,
    142,
    111,
    124,
    100,
    147,
    122,
    115,
    129,
    52,
    56,
    49,
    42,
    34,
    27,
    33,
    41,
    60,
    44,
    62,
    58,
    39,
]
CELL_ABSENT = [
    44,
    2,
    3,
    11,
    1,
    0,
    4,
    20,
    2,
    0,
    3,
    5,
    2,
    10,
    1,
    0,
    3,
    2,
    5,
    1,
    0,
    2,
    1,
    0,
    3,
    0,
    1,
    1,
    2,
    1,
    2,
    3,
    0,
]
# Cells whose absentees partly studied at a make-up session: code → people made up.
MAKE_UPS = {"chibo03": 5, "chibo06": 3, "chibo07": 2, "chibo17": 3}
MASS_ORGS = {  # code → (headcount, main, make-up)
    "tan-ky-doan": (420, 400, 0),
    "tan-ky-phunu": (1250, 1150, 0),
    "tan-ky-nongdan": (980, 760, 0),
    "tan-ky-ccb": (310, 300, 0),
    "tan-ky-congdoan": (85, 80, 5),
}
MATERIALS = [
    (
        "Đề cương tuyên truyền Chương trình hành động số 20-CTr/TU",
        "Đề cương dùng cho sinh hoạt chi bộ và hội nghị ở thôn.",
        datetime(2026, 5, 15, 8, 0),
    ),
    (
        "Tài liệu hội nghị quán triệt Kế hoạch số 15-KH/ĐU",
        "Tóm tắt mục tiêu, chỉ tiêu và nhiệm vụ của các chi bộ.",
        datetime(2026, 5, 18, 14, 0),
    ),
]


def _docx(title: str, body: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(body)
    document.add_paragraph(
        "Phấn đấu 100% cán bộ chủ chốt, trên 95% đảng viên và trên 90% đoàn viên, hội viên "
        "được tuyên truyền, quán triệt đầy đủ nội dung Chương trình hành động."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Sessions:
    """Collects sessions and their attendance, then writes them in two bulk inserts."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.items: list[tuple[StudySession, str, int]] = []

    def add(
        self,
        unit: Any,
        day: date,
        kind: str,
        form: str,
        group: str,
        count: int,
        *,
        user: User,
        place: str = "",
    ) -> None:
        session = StudySession(
            plan=self.plan,
            org_unit=unit,
            date=day,
            kind=kind,
            form=form,
            place=place,
            essays=count * 4 // 5 if kind != K.OTHER else 0,
            created_by=user,
        )
        self.items.append((session, group, count))

    def save(self) -> None:
        sessions = StudySession.objects.bulk_create([s for s, _g, _n in self.items])
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(
                    session=s, plan=s.plan, org_unit=s.org_unit, kind=s.kind, group=g, count=n
                )
                for s, (_s, g, n) in zip(sessions, self.items, strict=True)
            ]
        )


def load(ctx: DemoContext) -> None:
    commune = ctx.commune
    plan = Plan.objects.filter(org_unit=commune, source_name="ke_hoach_tan_ky.txt").first()
    if plan is None or StudySession.objects.filter(plan=plan).exists():
        return
    office = ctx.users["vanphong"]
    headcounts: list[Headcount] = []
    sessions = _Sessions(plan)

    # Cán bộ chủ chốt: the commune conference, then a make-up for the three who were away.
    headcounts.append(
        Headcount(org_unit=commune, group=G_KEY, as_of=AS_OF, count=62, entered_by=office)
    )
    sessions.add(
        commune,
        date(2026, 5, 20),
        K.MAIN,
        F.CONFERENCE,
        G_KEY,
        59,
        user=office,
        place="Hội trường Đảng ủy xã",
    )
    sessions.add(
        commune,
        date(2026, 6, 5),
        K.MAKE_UP,
        F.CONFERENCE,
        G_KEY,
        3,
        user=office,
        place="Phòng họp Văn phòng Đảng ủy",
    )

    for index, (code, count, absent) in enumerate(
        zip(CELL_CODES, CELL_HEADCOUNTS, CELL_ABSENT, strict=True)
    ):
        unit = ctx.units[code]
        user = ctx.users.get(code, office)
        headcounts.append(
            Headcount(org_unit=unit, group=G_PARTY, as_of=AS_OF, count=count, entered_by=office)
        )
        if code == "chibo01":
            continue  # not held yet
        day = date(2026, 5, 25 + index % 6) if index < 20 else date(2026, 6, 2 + index % 10)
        form = F.THEMATIC if index % 4 == 0 else F.CELL_MEETING
        made_up = MAKE_UPS.get(code, 0)
        studied = count - absent
        if code == "chibo07":
            # Two members transferred in on 01/06: the deadline counts 154.
            headcounts.append(
                Headcount(
                    org_unit=unit,
                    group=G_PARTY,
                    as_of=date(2026, 6, 1),
                    count=154,
                    entered_by=office,
                    note="02 đảng viên chuyển sinh hoạt đến",
                )
            )
            studied = 154 - absent
        attended = studied - made_up
        sessions.add(
            unit,
            day,
            K.MAIN,
            form,
            G_PARTY,
            attended,
            user=user,
            place="Nhà văn hóa thôn" if index < 20 else "Phòng họp cơ quan",
        )
        if made_up:
            sessions.add(
                unit,
                date(2026, 6, 12),
                K.MAKE_UP,
                F.CELL_MEETING,
                G_PARTY,
                made_up,
                user=user,
                place="Nhà văn hóa thôn",
            )
    # A make-up after the deadline (shown, not counted) and an "other" session.
    for code, day, kind, form, count, place in (
        ("chibo08", date(2026, 7, 15), K.MAKE_UP, F.CELL_MEETING, 6, "Nhà văn hóa thôn"),
        ("chibo05", date(2026, 9, 10), K.OTHER, F.ONLINE, 40, "Trực tuyến qua Zalo"),
    ):
        user = ctx.users.get(code, office)
        sessions.add(ctx.units[code], day, kind, form, G_PARTY, count, user=user, place=place)

    mttq = ctx.users.get("mttq", office)
    for offset, (code, (count, main, makeup)) in enumerate(MASS_ORGS.items()):
        unit = ctx.units[code]
        headcounts.append(
            Headcount(org_unit=unit, group=G_UNION, as_of=AS_OF, count=count, entered_by=mttq)
        )
        sessions.add(
            unit,
            date(2026, 6, 8 + offset),
            K.MAIN,
            F.CONFERENCE,
            G_UNION,
            main,
            user=mttq,
            place="Hội trường Ủy ban MTTQ xã",
        )
        if makeup:
            sessions.add(
                unit, date(2026, 6, 25), K.MAKE_UP, F.CONFERENCE, G_UNION, makeup, user=mttq
            )
    Headcount.objects.bulk_create(headcounts)
    sessions.save()
    _materials(ctx, plan, office)
    _outreach(ctx, plan, office)


A, M, R = Outreach.Audience, Outreach.Method, Outreach.ReachUnit
# The plan's other audiences, reached in the cells' villages and by the commune:
# (unit code, audience, method, day, number, people or households, note).
OUTREACH = [
    ("tan-ky", A.COMMUNITY_LEADERS, M.VILLAGE_MEETING, date(2026, 5, 22), 96, R.PEOPLE,
     "Hội nghị bí thư chi bộ, trưởng thôn, trưởng ban công tác Mặt trận toàn xã"),
    ("tan-ky", A.PUBLIC, M.LOUDSPEAKER, date(2026, 6, 1), 3150, R.HOUSEHOLDS,
     "Đài truyền thanh xã phát 3 buổi/tuần trong tháng 6"),
    ("tan-ky", A.BUSINESSES, M.LEAFLET, date(2026, 6, 10), 240, R.HOUSEHOLDS,
     "Tờ rơi về chuyển đổi số, thanh toán không dùng tiền mặt"),
    ("tan-ky", A.BUSINESSES, M.VILLAGE_MEETING, date(2026, 6, 18), 35, R.PEOPLE,
     "Gặp mặt hợp tác xã, doanh nghiệp trên địa bàn xã"),
    ("chibo02", A.PUBLIC, M.VILLAGE_MEETING, date(2026, 6, 7), 180, R.PEOPLE,
     "Họp thôn Tây Tân"),
    ("chibo02", A.COMMUNITY_LEADERS, M.ZALO, date(2026, 6, 8), 14, R.PEOPLE,
     "Nhóm Zalo người có uy tín thôn Tây Tân"),
    ("chibo03", A.PUBLIC, M.ZALO, date(2026, 6, 9), 210, R.HOUSEHOLDS, "Nhóm Zalo của thôn"),
    ("chibo04", A.PUBLIC, M.LOUDSPEAKER, date(2026, 6, 12), 160, R.HOUSEHOLDS, ""),
    ("chibo05", A.BUSINESSES, M.VILLAGE_MEETING, date(2026, 6, 14), 22, R.HOUSEHOLDS,
     "Hộ kinh doanh ven chợ"),
    ("chibo06", A.PUBLIC, M.LEAFLET, date(2026, 6, 20), 190, R.HOUSEHOLDS, ""),
]  # fmt: skip


def _outreach(ctx: DemoContext, plan: Plan, office: Any) -> None:
    Outreach.objects.bulk_create(
        Outreach(
            plan=plan,
            org_unit=ctx.units[code],
            audience=audience,
            method=method,
            date=day,
            reached=number,
            reach_unit=reach_unit,
            note=note,
            created_by=ctx.users.get(code, office),
        )
        for code, audience, method, day, number, reach_unit, note in OUTREACH
    )


def _materials(ctx: DemoContext, plan: Plan, office: Any) -> None:
    tz = timezone.get_current_timezone()
    material_type = ContentType.objects.get_for_model(Material)
    receipts: list[MaterialReceipt] = []
    for number, (title, description, published) in enumerate(MATERIALS):
        stored = stored_file_create(
            data=_docx(title, description), name=f"{title}.docx", user=office
        )
        material = Material.objects.create(
            plan=plan,
            org_unit=plan.org_unit,
            title=title,
            description=description,
            file=stored,
            published_at=timezone.make_aware(published, tz),
            published_by=office,
        )
        stored.owner_type = material_type
        stored.owner_id = str(material.pk)
        stored.save(update_fields=["owner_type", "owner_id"])
        # The first outline reached most cells; the second fewer. MTTQ opened both.
        readers = [f"chibo{n:02d}" for n in range(2, 26 if number == 0 else 12)]
        for offset, code in enumerate([*readers, "mttq"]):
            user = ctx.users.get(code)
            unit = ctx.units["tan-ky-mttq" if code == "mttq" else code]
            if user is None:
                continue
            opened = datetime.combine(published.date(), time(9, 0)).replace(
                day=published.day + 1 + offset % 5
            )
            receipts.append(
                MaterialReceipt(
                    material=material,
                    org_unit=unit,
                    first_opened_at=timezone.make_aware(opened, tz),
                    opened_by=user,
                )
            )
    MaterialReceipt.objects.bulk_create(receipts)
