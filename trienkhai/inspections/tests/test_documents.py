"""The decision and the conclusion of an inspection, rendered to DOCX and read back."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from trienkhai.accounts.permissions import OPERATOR
from trienkhai.conftest import World
from trienkhai.documents import services as documents
from trienkhai.documents.data import DocumentData
from trienkhai.documents.issuers import issuer_of
from trienkhai.documents.models import DocType
from trienkhai.documents.render import render_docx
from trienkhai.documents.summary import FILL_LINE
from trienkhai.inspections.documents import conclusion_data, decision_data
from trienkhai.inspections.models import CorrectiveAction, Finding, Inspection
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

START, END = date(2026, 6, 10), date(2026, 6, 25)


def _ubkt(world: World) -> OrgUnit:
    return OrgUnitFactory.create(
        parent=world.commune,
        code="tk-ubkt",
        kind=OrgUnit.Kind.INSPECTION_COMMITTEE,
        name="Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ",
        short_name="Ủy ban Kiểm tra",
    )


def _inspection(body: OrgUnit, units: list[OrgUnit], **fields: object) -> Inspection:
    values: dict[str, object] = {
        "kind": Inspection.Kind.INSPECTION,
        "title": "Việc triển khai thực hiện Kế hoạch tại các chi bộ",
        "start": START,
        "end": END,
        "team": "- Đồng chí Trần Văn Khiêm, Phó Chủ nhiệm, Trưởng đoàn;\n\n"
        "- Đồng chí Lê Thị Hoa, Ủy viên, thành viên.",
    }
    values.update(fields)
    inspection = Inspection.objects.create(org_unit=body, **values)
    inspection.units.set(units)
    return inspection


def _finding(inspection: Inspection, unit: OrgUnit, text: str, *actions: tuple[str, date]) -> None:
    finding = Finding.objects.create(inspection=inspection, org_unit=unit, text=text)
    for action_text, due in actions:
        CorrectiveAction.objects.create(finding=finding, org_unit=unit, text=action_text, due=due)


def _texts(data: DocumentData) -> tuple[list[str], list[str], list[str]]:
    """The header's left column, the body's paragraphs and the recipients, as printed."""
    doc = Document(io.BytesIO(render_docx(data)))
    header = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    recipients = [p.text for p in doc.tables[-1].rows[0].cells[0].paragraphs]
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    return header, [p.text for p in doc.paragraphs] + signature, recipients


def test_the_ubkt_signs_as_its_chairman(world: World) -> None:
    info = issuer_of(_ubkt(world))
    assert (info.superior, info.issuer) == ("ĐẢNG ỦY XÃ TÂN KỲ", "ỦY BAN KIỂM TRA")
    assert info.symbol("QĐ") == "QĐ/UBKT"
    assert (info.on_behalf, info.signer_title) == ("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM")


def test_decision_draft_of_the_ubkt(world: World) -> None:
    plan = PlanFactory.create(org_unit=world.commune, seeded=True, title="Tuyên truyền Nghị quyết")
    inspection = _inspection(_ubkt(world), [world.cell_b, world.cell_a], plan=plan)
    header, body, recipients = _texts(decision_data(inspection))

    assert header == ["ĐẢNG ỦY XÃ TÂN KỲ", "ỦY BAN KIỂM TRA", "*", "Số    -QĐ/UBKT"]
    assert "QUYẾT ĐỊNH" in body
    assert "Về việc kiểm tra việc triển khai thực hiện Kế hoạch tại các chi bộ" in body
    assert "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;" in body
    assert (
        "Căn cứ Kế hoạch số 15-KH/ĐU, ngày 12/05/2026 của Ban Thường vụ Đảng ủy xã Tân Kỳ về "
        "tuyên truyền Nghị quyết;"
    ) in body
    assert "ỦY BAN KIỂM TRA ĐẢNG ỦY XÃ TÂN KỲ" in body
    assert (
        "Điều 1. Kiểm tra việc triển khai thực hiện Kế hoạch tại các chi bộ tại: "
        "Chi bộ thôn A, Chi bộ thôn B."
    ) in body
    assert "Thời gian kiểm tra: từ ngày 10 tháng 6 năm 2026 đến ngày 25 tháng 6 năm 2026." in body
    team = body.index("Điều 2. Thành lập Đoàn kiểm tra gồm các đồng chí có tên sau:")
    assert body[team + 1 : team + 3] == [
        "- Đồng chí Trần Văn Khiêm, Phó Chủ nhiệm, Trưởng đoàn;",
        "- Đồng chí Lê Thị Hoa, Ủy viên, thành viên.",
    ]
    assert any(p.startswith("Điều 3. Đoàn kiểm tra, các đồng chí có tên tại Điều 2") for p in body)
    assert body[-2:] == ["T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"]
    assert recipients == [
        "Nơi nhận:",
        "- Ban Thường vụ Đảng ủy xã Tân Kỳ (để báo cáo),",
        "- Chi bộ thôn A,",
        "- Chi bộ thôn B,",
        "- Đoàn kiểm tra,",
        "- Lưu Ủy ban Kiểm tra.",
    ]


def test_decision_with_a_number_and_a_day(world: World) -> None:
    inspection = _inspection(_ubkt(world), [world.cell_a], plan=None)
    data = decision_data(inspection, day=date(2026, 6, 5), number=3)
    header, body, _recipients = _texts(data)
    assert header[-1] == "Số 03-QĐ/UBKT"
    assert "Tân Kỳ, ngày 05 tháng 6 năm 2026" in [
        p.text
        for p in Document(io.BytesIO(render_docx(data))).tables[0].rows[0].cells[1].paragraphs
    ]
    assert not any(p.startswith("Căn cứ Kế hoạch") for p in body)


def test_standing_committee_supervises_in_its_committees_name(world: World) -> None:
    btv = OrgUnitFactory.create(
        parent=world.commune, code="tk-btv", kind=OrgUnit.Kind.STANDING_COMMITTEE, name="BTV"
    )
    inspection = _inspection(
        btv,
        [world.cell_a],
        kind=Inspection.Kind.SUPERVISION,
        title="Giám sát việc học tập nghị quyết",
        team="",
    )
    header, body, recipients = _texts(decision_data(inspection))
    assert header == ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY XÃ TÂN KỲ", "*", "Số    -QĐ/ĐU"]
    assert "Về việc giám sát việc học tập nghị quyết" in body
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ TÂN KỲ" in body
    team = body.index("Điều 2. Thành lập Đoàn giám sát gồm các đồng chí có tên sau:")
    assert body[team + 1] == f"- {FILL_LINE}"  # no team yet: a line to write it on
    assert "T/M BAN THƯỜNG VỤ" in body
    assert recipients[1] == "- Ban Thường vụ Thành ủy Hải Phòng (để báo cáo),"
    assert recipients[-2:] == ["- Đoàn giám sát,", "- Lưu Văn phòng Đảng ủy."]


def test_conclusion_cites_the_decision_and_lists_findings_by_unit(world: World) -> None:
    body_unit = _ubkt(world)
    cell_c = OrgUnitFactory.create(parent=world.commune, code="tk-cb-c", name="Chi bộ thôn C")
    inspection = _inspection(
        body_unit,
        [cell_c, world.cell_a, world.cell_b],
        conclusion="Các chi bộ đã quán triệt kịp thời.\n\nViệc báo cáo còn chậm.",
    )
    draft = documents.document_draft_create(
        actor=OPERATOR,
        issuer=body_unit,
        doc_type=DocType.QUYET_DINH,
        data=decision_data(inspection, day=date(2026, 6, 5)),
    )
    inspection.decision = documents.document_issue(
        actor=OPERATOR, document=draft, day=date(2026, 6, 5)
    )
    inspection.save(update_fields=["decision"])
    _finding(
        inspection,
        cell_c,
        "Chưa xây dựng kế hoạch của chi bộ.",
        ("Ban hành kế hoạch của chi bộ", date(2027, 1, 15)),
    )
    _finding(
        inspection,
        world.cell_a,
        "Sổ ghi biên bản sinh hoạt chưa đầy đủ.",
        ("Bổ sung biên bản các kỳ sinh hoạt", date(2026, 8, 31)),
        ("Phân công người ghi biên bản", date(2026, 7, 31)),
    )

    header, body, recipients = _texts(conclusion_data(inspection, number=4))

    assert header == ["ĐẢNG ỦY XÃ TÂN KỲ", "ỦY BAN KIỂM TRA", "*", "Số 04-TB/UBKT"]
    assert "THÔNG BÁO" in body
    assert "Kết luận kiểm tra việc triển khai thực hiện Kế hoạch tại các chi bộ" in body
    assert body[body.index("-----") + 1].startswith(
        "Thực hiện Quyết định số 01-QĐ/UBKT, ngày 05/06/2026 của Ủy ban Kiểm tra Đảng ủy xã "
        "Tân Kỳ về việc kiểm tra việc triển khai"
    )
    assert "Các chi bộ đã quán triệt kịp thời." in body
    assert "Việc báo cáo còn chậm." in body
    start = body.index("Hạn chế, thiếu sót và yêu cầu khắc phục")
    assert body[start + 1 :] == [
        # tree order: A, B, C were created in that order under the commune
        "1. Chi bộ thôn A",
        "Hạn chế, thiếu sót:",
        "- Sổ ghi biên bản sinh hoạt chưa đầy đủ;",
        "Yêu cầu khắc phục:",
        "- Phân công người ghi biên bản, hoàn thành trước ngày 31/07/2026;",
        "- Bổ sung biên bản các kỳ sinh hoạt, hoàn thành trước ngày 31/08/2026;",
        "2. Chi bộ thôn C",
        "Hạn chế, thiếu sót:",
        "- Chưa xây dựng kế hoạch của chi bộ;",
        "Yêu cầu khắc phục:",
        "- Ban hành kế hoạch của chi bộ, hoàn thành trước ngày 15/01/2027;",
        "Các đơn vị không có hạn chế cần khắc phục",
        "- Chi bộ thôn B",
        "Đề nghị các đơn vị được kiểm tra nghiêm túc thực hiện các yêu cầu khắc phục nêu "
        "trên, đúng thời hạn; báo cáo kết quả khắc phục, kèm tài liệu chứng minh, về Ủy ban "
        "Kiểm tra Đảng ủy xã Tân Kỳ để theo dõi, xác nhận.",
        "T/M ỦY BAN KIỂM TRA",
        "CHỦ NHIỆM",
    ]
    assert recipients[1:5] == [
        "- Ban Thường vụ Đảng ủy xã Tân Kỳ (để báo cáo),",
        "- Chi bộ thôn A,",
        "- Chi bộ thôn B,",
        "- Chi bộ thôn C,",
    ]


def test_conclusion_draft_before_the_decision_and_the_text(world: World) -> None:
    inspection = _inspection(_ubkt(world), [world.cell_a], kind=Inspection.Kind.SUPERVISION)
    data = conclusion_data(inspection)
    header, body, _recipients = _texts(data)
    assert header[-1] == "Số    -TB/UBKT"
    opening = body[body.index("-----") + 1]
    assert opening.startswith("Thực hiện Quyết định của Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ về")
    assert "từ ngày 10 tháng 6 năm 2026 đến ngày 25 tháng 6 năm 2026" in opening
    assert FILL_LINE in body  # no conclusion written yet
    assert body[body.index("Các đơn vị không có hạn chế cần khắc phục") + 1] == "- Chi bộ thôn A"
    assert any(p.startswith("Đề nghị các đơn vị được giám sát tiếp tục") for p in body)


def _queries(inspection: Inspection) -> int:
    with CaptureQueriesContext(connection) as queries:
        conclusion_data(inspection)
    return len(queries)


def test_conclusion_queries_do_not_grow_with_findings(world: World) -> None:
    inspection = _inspection(_ubkt(world), [world.cell_a, world.cell_b])
    _finding(inspection, world.cell_a, "Một", ("Sửa một", date(2026, 9, 1)))
    few = _queries(inspection)
    for n in range(4):
        _finding(inspection, world.cell_b, f"Hai {n}", ("Sửa", date(2026, 9, 1)), ("Và", END))
    assert _queries(inspection) == few <= 8
