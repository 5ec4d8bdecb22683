"""Demo tree: the city of Hải Phòng and the commune of Tân Kỳ with its bodies and cells."""

from __future__ import annotations

from datetime import date

from trienkhai.core.demo import DemoContext
from trienkhai.orgs.models import OrgUnit

K = OrgUnit.Kind
TERM_START = date(2025, 7, 1)  # the two-level local government starts its new communes

COMMUNE_BODIES = [
    ("tan-ky-btv", K.STANDING_COMMITTEE, "Ban Thường vụ Đảng ủy xã Tân Kỳ", "Ban Thường vụ"),
    (
        "tan-ky-bxd",
        K.PARTY_BUILDING_BOARD,
        "Ban Xây dựng Đảng Đảng ủy xã Tân Kỳ",
        "Ban Xây dựng Đảng",
    ),
    ("tan-ky-vp", K.PARTY_OFFICE, "Văn phòng Đảng ủy xã Tân Kỳ", "Văn phòng Đảng ủy"),
    ("tan-ky-ubkt", K.INSPECTION_COMMITTEE, "Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ", "Ủy ban Kiểm tra"),
    ("tan-ky-hdnd", K.PEOPLES_COUNCIL, "Hội đồng nhân dân xã Tân Kỳ", "HĐND xã"),
    ("tan-ky-ubnd", K.PEOPLES_COMMITTEE, "Ủy ban nhân dân xã Tân Kỳ", "UBND xã"),
    ("tan-ky-mttq", K.FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Kỳ", "Ủy ban MTTQ xã"),
]

MASS_ORGS = [
    ("tan-ky-doan", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Kỳ", "Đoàn Thanh niên"),
    ("tan-ky-phunu", "Hội Liên hiệp Phụ nữ xã Tân Kỳ", "Hội LHPN"),
    ("tan-ky-nongdan", "Hội Nông dân xã Tân Kỳ", "Hội Nông dân"),
    ("tan-ky-ccb", "Hội Cựu chiến binh xã Tân Kỳ", "Hội CCB"),
    ("tan-ky-congdoan", "Công đoàn cơ sở xã Tân Kỳ", "Công đoàn"),
]

CELLS = [
    "Chi bộ thôn Đông Tân",
    "Chi bộ thôn Tây Tân",
    "Chi bộ thôn Nam Kỳ",
    "Chi bộ thôn Bắc Kỳ",
    "Chi bộ thôn Tân Lập",
    "Chi bộ thôn Tân Hòa",
    "Chi bộ thôn Tân Phong",
    "Chi bộ thôn Kỳ Sơn",
    "Chi bộ thôn Kỳ Thượng",
    "Chi bộ thôn Kỳ Hạ",
    "Chi bộ thôn An Lạc",
    "Chi bộ thôn An Khê",
    "Chi bộ thôn Phú Xuân",
    "Chi bộ thôn Phú Mỹ",
    "Chi bộ thôn Hòa Bình",
    "Chi bộ thôn Trung Hậu",
    "Chi bộ thôn Đồng Tâm",
    "Chi bộ thôn Quyết Tiến",
    "Chi bộ thôn Thắng Lợi",
    "Chi bộ thôn Hợp Thành",
    "Chi bộ Cơ quan Đảng - Đoàn thể",
    "Chi bộ Cơ quan UBND xã",
    "Chi bộ Công an xã",
    "Chi bộ Quân sự xã",
    "Chi bộ Trạm Y tế xã",
    "Chi bộ Trường Mầm non Tân Kỳ",
    "Chi bộ Trường Tiểu học Tân Kỳ",
    "Chi bộ Trường THCS Tân Kỳ",
    "Chi bộ Hợp tác xã Nông nghiệp Tân Kỳ",
    "Chi bộ Doanh nghiệp Cảng cá Tân Kỳ",
]

SUBCOMMITTEE_CELLS = [
    ("dbbp01-cb01", "Chi bộ Phân xưởng Sản xuất 1"),
    ("dbbp01-cb02", "Chi bộ Phân xưởng Sản xuất 2"),
    ("dbbp01-cb03", "Chi bộ Khối Văn phòng Công ty"),
]

OTHER_COMMUNES = [
    ("an-hoa", "Đảng bộ xã An Hòa"),
    ("hong-bang", "Đảng bộ phường Hồng Bàng"),
]


def _unit(
    ctx: DemoContext,
    parent: OrgUnit | None,
    code: str,
    kind: str,
    name: str,
    short_name: str = "",
) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=code).first()
    if existing is None:
        kwargs = {
            "code": code,
            "kind": kind,
            "name": name,
            "short_name": short_name,
            "valid_from": TERM_START if kind != K.CITY_COMMITTEE else None,
        }
        if parent is None:
            existing = OrgUnit.objects.add_root(create_kwargs=kwargs)
        else:
            existing = OrgUnit.objects.add_child(parent, create_kwargs=kwargs)
    ctx.units[code] = existing
    return existing


def load(ctx: DemoContext) -> None:
    city = _unit(
        ctx,
        None,
        "hai-phong",
        K.CITY_COMMITTEE,
        "Đảng bộ thành phố Hải Phòng",
        "Thành ủy Hải Phòng",
    )
    commune = _unit(
        ctx, city, "tan-ky", K.COMMUNE_COMMITTEE, "Đảng bộ xã Tân Kỳ", "Đảng ủy xã Tân Kỳ"
    )
    for code, kind, name, short in COMMUNE_BODIES:
        _unit(ctx, commune, code, kind, name, short)
    front = ctx.units["tan-ky-mttq"]
    for code, name, short in MASS_ORGS:
        _unit(ctx, front, code, K.MASS_ORG, name, short)
    for number, name in enumerate(CELLS, start=1):
        _unit(ctx, commune, f"chibo{number:02d}", K.PARTY_CELL, name)
    subcommittee = _unit(
        ctx,
        commune,
        "dbbp01",
        K.PARTY_SUBCOMMITTEE,
        "Đảng bộ bộ phận Công ty Cổ phần Thủy sản Tân Kỳ",
    )
    for code, name in SUBCOMMITTEE_CELLS:
        _unit(ctx, subcommittee, code, K.PARTY_CELL, name)
    for code, name in OTHER_COMMUNES:
        _unit(ctx, city, code, K.COMMUNE_COMMITTEE, name)
