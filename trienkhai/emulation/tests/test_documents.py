"""The committee's tờ trình of commendations, rendered to DOCX and read back."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from trienkhai.conftest import World
from trienkhai.documents.data import DocumentData
from trienkhai.documents.render import render_docx
from trienkhai.emulation import selectors, services
from trienkhai.emulation.documents import proposal_data
from trienkhai.emulation.models import Band, Commendation, Scorecard, ScoreRound
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 1, 10)


def _round(world: World) -> ScoreRound:
    round_ = services.round_open(actor=world.office, committee=world.commune, year=2025)
    cards = (
        (world.cell_a, Band.EXCELLENT, "96.50"),
        (world.cell_b, Band.GOOD, "82.00"),
        (world.ubnd, None, "90.00"),  # not a party organisation: a score, no band
    )
    for unit, band, score in cards:
        Scorecard.objects.create(
            round=round_,
            org_unit=unit,
            kind=unit.kind,
            criteria={},
            base=Decimal(score),
            score=Decimal(score),
            band_suggested=band,
            band_capped=band,
        )
    return round_


def _propose(world: World, round_: ScoreRound, unit: OrgUnit, **fields: Any) -> Commendation:
    values: dict[str, Any] = {
        "kind": Commendation.Kind.COLLECTIVE,
        "unit": unit,
        "reason": "Hoàn thành xuất sắc nhiệm vụ",
    }
    values.update(fields)
    proposal = services.Proposal(**values)
    return services.commendation_add(actor=world.office, round_=round_, proposal=proposal)


def _texts(data: DocumentData) -> tuple[list[str], list[str], list[list[list[str]]]]:
    """The header's left column, the body's paragraphs and the tables of the body."""
    doc = Document(io.BytesIO(render_docx(data)))
    header = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables[1:-1]]
    return header, [p.text for p in doc.paragraphs], tables


def test_the_proposal_lists_collectives_then_people(world: World) -> None:
    round_ = _round(world)
    card_a = round_.cards.get(org_unit=world.cell_a)
    _propose(world, round_, world.cell_a, scorecard=card_a)
    _propose(
        world,
        round_,
        world.cell_b,
        kind=Commendation.Kind.INDIVIDUAL,
        person="Đồng chí Nguyễn Văn An, Bí thư Chi bộ",
        reason="Có mô hình “Chi bộ số” được công nhận",
        level=Commendation.Level.CITY,
    )
    items = list(selectors.commendations_of(user=world.office, round_=round_))

    header, body, tables = _texts(proposal_data(round_, items, DAY))

    assert header == ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY XÃ TÂN KỲ", "*", "Số    -TTr/ĐU"]
    assert "TỜ TRÌNH" in body
    assert (
        "Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong thực hiện "
        "Kế hoạch năm 2025"
    ) in body
    # Three cards signed; the bands counted are those of the party organisations only.
    assert (
        "Kết quả chấm điểm thực hiện Kế hoạch năm 2025 (thang điểm 100, là một tiêu chí đánh "
        "giá, xếp loại chất lượng hằng năm) của 3 đơn vị đã được Ban Thường vụ ký duyệt; "
        "các tổ chức đảng: 1 hoàn thành xuất sắc nhiệm vụ, 1 hoàn thành tốt nhiệm vụ."
    ) in body
    assert any("khen thưởng 1 tập thể và 1 cá nhân" in p for p in body)
    assert body.index("1. Tập thể") < body.index("2. Cá nhân")
    assert tables == [
        [
            ["TT", "Tập thể", "Thành tích", "Hình thức"],
            [
                "1",
                "Chi bộ thôn A",
                "Hoàn thành xuất sắc nhiệm vụ (điểm thực hiện Kế hoạch: 96,50)",
                "Giấy khen của Ban Chấp hành Đảng bộ xã",
            ],
        ],
        [
            ["TT", "Họ và tên, chức vụ, đơn vị", "Thành tích", "Hình thức"],
            [
                "1",
                "Đồng chí Nguyễn Văn An, Bí thư Chi bộ, Chi bộ thôn B",
                "Có mô hình “Chi bộ số” được công nhận",
                "Bằng khen của Ban Thường vụ Thành ủy",
            ],
        ],
    ]
    assert body[-1] == "Kính trình Ban Chấp hành xem xét, quyết định."


def test_people_only_are_numbered_first_and_the_number_is_printed(world: World) -> None:
    round_ = _round(world)
    _propose(world, round_, world.ubnd, kind=Commendation.Kind.INDIVIDUAL, person="Bà Lê Thị Hoa")
    items = list(selectors.commendations_of(user=world.office, round_=round_))

    header, body, tables = _texts(proposal_data(round_, items, DAY, number=3))

    assert header[-1] == "Số 03-TTr/ĐU"
    assert "1. Cá nhân" in body and "1. Tập thể" not in body
    assert any("khen thưởng 0 tập thể và 1 cá nhân" in p for p in body)
    assert [row[1] for row in tables[0][1:]] == ["Bà Lê Thị Hoa, UBND xã Tân Kỳ"]


def test_no_band_counted_yet_leaves_the_sentence_short(world: World) -> None:
    round_ = services.round_open(actor=world.office, committee=world.commune, year=2025)
    Scorecard.objects.create(
        round=round_, org_unit=world.ubnd, kind=world.ubnd.kind, criteria={}, base=0, score=0
    )
    item = _propose(world, round_, world.ubnd)
    _header, body, _tables = _texts(proposal_data(round_, [item], DAY))
    assert any(p.endswith("của 1 đơn vị đã được Ban Thường vụ ký duyệt.") for p in body)


def _queries(world: World, round_: ScoreRound) -> int:
    items = list(selectors.commendations_of(user=world.office, round_=round_))
    with CaptureQueriesContext(connection) as queries:
        proposal_data(round_, items, DAY)
    return len(queries)


def test_the_proposal_queries_do_not_grow_with_nominees(world: World) -> None:
    round_ = _round(world)
    _propose(world, round_, world.cell_a, scorecard=round_.cards.get(org_unit=world.cell_a))
    few = _queries(world, round_)
    for n in range(6):
        cell = OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-{n}", name=f"Chi bộ {n}")
        _propose(world, round_, cell)
        _propose(world, round_, cell, kind=Commendation.Kind.INDIVIDUAL, person=f"Đồng chí số {n}")
    assert _queries(world, round_) == few
