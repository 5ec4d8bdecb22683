"""The summary report's content: header lines from the tree, the six sections, providers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.periods import parse_period
from trienkhai.documents import services
from trienkhai.documents.data import Block, BulletList, Heading, Paragraph
from trienkhai.documents.models import DocType
from trienkhai.documents.summary import (
    FILL_LINE,
    SUMMARY_SECTIONS,
    SummaryScope,
    build_summary,
    register_summary_section,
    summary_title,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

Q2 = parse_period("2026-Q2")


def texts(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(block.text)
        elif isinstance(block, BulletList):
            out.extend(block.items)
    return out


def test_commune_header_signature_and_recipients(world: World) -> None:
    data = build_summary(world.commune, Q2)
    assert data.superior == "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"
    assert data.issuer == "ĐẢNG ỦY XÃ TÂN KỲ"
    assert data.symbol == "BC/ĐU" and data.number_line == "Số    -BC/ĐU"
    assert data.place == "Tân Kỳ" and data.doc_type == "BÁO CÁO"
    assert data.title == "Kết quả triển khai thực hiện kế hoạch quý II năm 2026"
    assert data.signature.on_behalf == "T/M BAN THƯỜNG VỤ"
    assert data.signature.signer_title == "BÍ THƯ"
    assert data.recipients[0] == "- Ban Thường vụ Thành ủy Hải Phòng (để báo cáo),"
    assert data.recipients[-1] == "- Lưu Văn phòng Đảng ủy."


def test_cell_variant(world: World) -> None:
    data = build_summary(world.cell_a, Q2, number=5, day=date(2026, 6, 10))
    assert (data.superior, data.issuer) == ("ĐẢNG BỘ XÃ TÂN KỲ", "CHI BỘ THÔN A")
    assert data.issuer_kind == "cell"
    assert data.number_line == "Số 05-BC/CB"
    assert data.date_line == "Tân Kỳ, ngày 10 tháng 6 năm 2026"
    assert (data.signature.on_behalf, data.signature.signer_title) == ("T/M CHI BỘ", "BÍ THƯ")
    assert data.recipients[0] == "- Đảng ủy xã Tân Kỳ (để báo cáo),"


def test_other_issuers_read_off_the_tree(world: World) -> None:
    city = build_summary(world.city, parse_period("2026"))
    assert (city.superior, city.issuer, city.symbol, city.place) == (
        "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
        "THÀNH ỦY",
        "BC/TU",
        "Hải Phòng",
    )
    sub = OrgUnitFactory.create(
        parent=world.commune,
        code="tk-dbbp",
        kind=OrgUnit.Kind.PARTY_SUBCOMMITTEE,
        name="Đảng bộ bộ phận Công ty Thủy sản",
    )
    cell = OrgUnitFactory.create(parent=sub, code="tk-dbbp-cb", name="Chi bộ Phân xưởng 1")
    data = build_summary(sub, Q2)
    assert (data.superior, data.issuer, data.signature.on_behalf) == (
        "ĐẢNG BỘ XÃ TÂN KỲ",
        "ĐẢNG ỦY BỘ PHẬN CÔNG TY THỦY SẢN",
        "T/M ĐẢNG ỦY",
    )
    data = build_summary(cell, Q2)
    assert (data.superior, data.place) == ("ĐẢNG BỘ BỘ PHẬN CÔNG TY THỦY SẢN", "Tân Kỳ")
    with pytest.raises(DomainError, match="không phải tổ chức đảng"):
        build_summary(world.ubnd, Q2)


def test_seven_sections_in_order_and_an_empty_one_left_for_the_office(world: World) -> None:
    body = build_summary(world.cell_a, Q2).body
    headings = [b.text for b in body if isinstance(b, Heading)]
    assert headings == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "II. KẾT QUẢ HỌC TẬP, QUÁN TRIỆT",
        "III. CÔNG TÁC TUYÊN TRUYỀN",
        "IV. XÂY DỰNG CHƯƠNG TRÌNH, KẾ HOẠCH VÀ THỰC HIỆN NHIỆM VỤ",
        "V. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "VI. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "2. Hạn chế, nguyên nhân",
        "VII. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    lines = texts(body)
    # A section without data keeps its heading and a line to write on, never a system phrase.
    after = lines[lines.index("III. CÔNG TÁC TUYÊN TRUYỀN") + 1]
    assert after == FILL_LINE
    assert not any("Chưa có số liệu" in line for line in lines)
    # One reference date, the end of the data window.
    assert "(số liệu tính đến ngày 14/06/2026)" in lines[0]


def test_register_feeds_leadership(world: World) -> None:
    record = services.document_record_external
    record(
        actor=world.office,
        issuer=world.commune,
        doc_type=DocType.KE_HOACH,
        number=14,
        day=date(2026, 5, 20),
        title="Tuyên truyền, quán triệt Chương trình hành động số 20-CTr/TU",
    )
    record(
        actor=world.office,
        issuer=world.commune,
        doc_type=DocType.THONG_BAO,
        number=2,
        day=date(2026, 7, 1),
        title="Ngoài kỳ báo cáo",
    )
    record(
        actor=world.office,
        issuer=world.cell_a,
        doc_type=DocType.KE_HOACH,
        number=1,
        day=date(2026, 6, 1),
        title="Thực hiện Kế hoạch số 14-KH/ĐU",
    )
    lines = texts(build_summary(world.commune, Q2).body)
    assert "Trong kỳ đã ban hành 1 văn bản lãnh đạo, chỉ đạo:" in lines
    assert (
        "Kế hoạch số 14-KH/ĐU ngày 20/5/2026 tuyên truyền, quán triệt Chương trình hành động "
        "số 20-CTr/TU." in lines
    )
    assert not any("Ngoài kỳ" in line for line in lines)
    # Which cells have built their own plan is counted once, by the tasks module (the
    # signed plans they hand in), not again from the register.
    assert not any("đã ban hành kế hoạch thực hiện" in line for line in lines)


@pytest.fixture
def extra_provider() -> Iterator[None]:
    def propaganda(scope: SummaryScope) -> list[Block] | None:
        return [Paragraph(f"Đăng 25 tin bài trên trang thông tin điện tử ({scope.period.code}).")]

    register_summary_section("propaganda")(propaganda)
    yield
    SUMMARY_SECTIONS["propaganda"].remove(propaganda)


def test_later_modules_fill_their_section(world: World, extra_provider: None) -> None:
    lines = texts(build_summary(world.commune, Q2).body)
    assert "Đăng 25 tin bài trên trang thông tin điện tử (2026-Q2)." in lines
    assert FILL_LINE not in lines[lines.index("III. CÔNG TÁC TUYÊN TRUYỀN") :][:2]
    with pytest.raises(KeyError):
        register_summary_section("khong-co")


def test_the_trich_yeu_names_the_plan_and_stops_at_the_document_it_cites(world: World) -> None:
    plan = PlanFactory.create(
        org_unit=world.commune,
        number=15,
        date=date(2026, 5, 12),
        title=(
            "tuyên truyền, quán triệt Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của "
            "Ban Thường vụ Thành uỷ Hải Phòng về thực hiện Kết luận số 18-KL/TU"
        ),
    )
    scope = SummaryScope.of(world.commune, parse_period("2026-H1"), plan=plan)
    assert summary_title(scope) == (
        "Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 15-KH/ĐU ngày 12/5/2026 của Ban "
        "Thường vụ Đảng ủy xã Tân Kỳ về tuyên truyền, quán triệt Chương trình hành động số "
        "20-CTr/TU"
    )
