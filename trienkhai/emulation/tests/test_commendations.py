"""The commendations page as the office meets it: proposals by hand or in one click from the
cards rated "xuất sắc" and the good practices, refused input kept, the tờ trình issued in the
commune's register and downloaded; a chi bộ cannot write, another commune gets 404."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.documents.models import DocType, OfficialDocument
from trienkhai.emulation import services
from trienkhai.emulation.models import Band, Commendation, Scorecard, ScoreRound
from trienkhai.opinion.models import GoodPractice, PracticeState
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCELLENT_REASON = "Hoàn thành xuất sắc nhiệm vụ năm 2025."


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _card(round_: ScoreRound, unit: OrgUnit, band: str | None, score: str) -> Scorecard:
    return Scorecard.objects.create(
        round=round_,
        org_unit=unit,
        kind=unit.kind,
        criteria={},
        base=Decimal(score),
        score=Decimal(score),
        band_suggested=band,
        band_capped=band,
    )


@pytest.fixture
def round_(world: World) -> ScoreRound:
    """The commune's 2025 round: cell A rated xuất sắc, cell B tốt, UBND scored only."""
    round_ = services.round_open(actor=world.office, committee=world.commune, year=2025)
    _card(round_, world.cell_a, Band.EXCELLENT, "96.50")
    _card(round_, world.cell_b, Band.GOOD, "81.00")
    _card(round_, world.ubnd, None, "90.00")
    return round_


def _sign(world: World, round_: ScoreRound) -> ScoreRound:
    round_.computed_at = timezone.now()
    round_.save(update_fields=["computed_at"])
    return services.round_sign_off(actor=world.office, round_=round_, version=round_.version)


def _propose(world: World, round_: ScoreRound, unit: OrgUnit, **fields: Any) -> Commendation:
    values: dict[str, Any] = {"kind": "collective", "unit": unit, "reason": "Thành tích tốt"}
    values.update(fields)
    return services.commendation_add(
        actor=world.office, round_=round_, proposal=services.Proposal(**values)
    )


def _url(round_: ScoreRound, name: str = "commendations", *args: int) -> str:
    return reverse(f"emulation:{name}", args=[round_.pk, *args])


def _form(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "collective",
        "unit": world.cell_b.pk,
        "reason": "Dẫn đầu phong trào chuyển đổi số",
        "level": "commune",
        "person": "",
    }
    data.update(changes)
    return data


def _practice(world: World, **fields: Any) -> GoodPractice:
    values: dict[str, Any] = {
        "org_unit": world.cell_b,
        "title": "Chi bộ số thôn B",
        "field": GoodPractice.Field.DIGITAL,
        "description": "Sinh hoạt chi bộ có tài liệu điện tử.",
        "results": "100% đảng viên dùng sổ tay điện tử.",
        "state": PracticeState.RECOGNISED,
        "commendation": True,
        "commendation_reason": "Mô hình Chi bộ số được nhân rộng toàn xã",
    }
    values.update(fields)
    return GoodPractice.objects.create(**values)


def test_the_page_suggests_the_excellent_cards_and_the_practices(
    world: World, round_: ScoreRound
) -> None:
    _practice(world)
    _practice(world, title="Mô hình không đề nghị", commendation=False, commendation_reason="")
    _practice(world, title="Mô hình chưa công nhận", state=PracticeState.DECLINED)
    page = _client(world.office).get(_url(round_))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đề nghị khen thưởng năm 2025" in text
    back = reverse("emulation:index") + f"?nam=2025&amp;don_vi={world.commune.code}"
    assert back in text
    suggestions = text.split('id="goi-y"')[1]
    # Cell A (xuất sắc) is suggested with its prefilled reason and its card; cell B (tốt) not.
    assert EXCELLENT_REASON in suggestions
    card_a = round_.cards.get(org_unit=world.cell_a)
    assert f'name="scorecard" value="{card_a.pk}"' in suggestions
    assert f'name="unit" value="{world.cell_a.pk}"' in suggestions
    assert "Mô hình Chi bộ số được nhân rộng toàn xã" in suggestions
    assert "Mô hình không đề nghị" not in suggestions
    assert "Mô hình chưa công nhận" not in suggestions
    assert suggestions.count("Đề nghị</button>") == 2
    # The form offers the scored units, not the commune itself.
    form = text.split('id="them-de-nghi"')[1].split("</form>")[0]
    assert "Chi bộ thôn A" in form and "UBND xã Tân Kỳ" in form
    assert f'value="{world.commune.pk}"' not in form


def test_one_click_proposes_the_card_and_it_leaves_the_suggestions(
    world: World, round_: ScoreRound
) -> None:
    client = _client(world.office)
    card_a = round_.cards.get(org_unit=world.cell_a)
    data = _form(world, unit=world.cell_a.pk, reason=EXCELLENT_REASON, scorecard=card_a.pk)
    done = client.post(_url(round_), data)
    assert done.status_code == 302 and done["Location"] == _url(round_)
    item = Commendation.objects.get()
    assert (item.unit, item.scorecard, item.kind) == (world.cell_a, card_a, "collective")
    assert item.org_unit == world.commune and item.created_by == world.office
    text = client.get(_url(round_)).content.decode()
    assert "Đã thêm Chi bộ thôn A vào danh sách đề nghị khen thưởng." in text
    assert f'name="scorecard" value="{card_a.pk}"' not in text.split('id="goi-y"')[1]
    entry = LogEntry.objects.get(additional_data__action="emulation.commendation.proposed")
    assert entry.additional_data["action"] == "emulation.commendation.proposed"
    assert entry.object_pk == str(item.pk)


def test_a_practice_is_proposed_with_its_link(world: World, round_: ScoreRound) -> None:
    practice = _practice(world)
    data = _form(world, reason=practice.commendation_reason, practice=practice.pk)
    assert _client(world.office).post(_url(round_), data).status_code == 302
    assert Commendation.objects.get().practice == practice


def test_a_card_of_another_round_is_not_linked(world: World, round_: ScoreRound) -> None:
    other = services.round_open(actor=world.office, committee=world.commune, year=2024)
    foreign = _card(other, world.cell_b, Band.GOOD, "80.00")
    assert (
        _client(world.office).post(_url(round_), _form(world, scorecard=foreign.pk)).status_code
        == 302
    )
    assert Commendation.objects.get().scorecard is None


def test_a_proposal_without_a_reason_is_refused_with_the_input_kept(
    world: World, round_: ScoreRound
) -> None:
    data = _form(world, kind="individual", person="Đồng chí Trần Thị Mai, Bí thư", reason="  ")
    page = _client(world.office).post(_url(round_), data)
    text = page.content.decode()
    assert page.status_code == 200
    # The error sits under the reason, nowhere else.
    assert text.count("invalid-feedback") == 1
    assert 'id="kt-reason_error"' in text and 'aria-describedby="kt-reason_error"' in text
    assert 'value="Đồng chí Trần Thị Mai, Bí thư"' in text
    assert not Commendation.objects.exists()


def test_an_individual_needs_a_name(world: World, round_: ScoreRound) -> None:
    page = _client(world.office).post(_url(round_), _form(world, kind="individual"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Hãy ghi họ tên, chức vụ của cá nhân." in text
    assert "Dẫn đầu phong trào chuyển đổi số" in text  # the reason typed is still there
    assert not Commendation.objects.exists()


def test_a_collective_is_proposed_once(world: World, round_: ScoreRound) -> None:
    client = _client(world.office)
    assert client.post(_url(round_), _form(world)).status_code == 302
    again = client.post(_url(round_), _form(world, reason="Lần hai"))
    assert again.status_code == 200
    assert "Chi bộ thôn B đã có trong danh sách đề nghị." in again.content.decode()
    assert Commendation.objects.count() == 1
    # A person of the same unit is still welcome.
    person = _form(world, kind="individual", person="Ông Phạm Văn Bình")
    assert client.post(_url(round_), person).status_code == 302
    assert Commendation.objects.count() == 2


def test_a_unit_the_round_does_not_score_is_not_offered(world: World, round_: ScoreRound) -> None:
    page = _client(world.office).post(_url(round_), _form(world, unit=world.commune.pk))
    assert page.status_code == 200 and not Commendation.objects.exists()
    assert 'id="kt-unit"' in page.content.decode()


def test_remove_a_proposal(world: World, round_: ScoreRound) -> None:
    item = _propose(world, round_, world.cell_b)
    client = _client(world.office)
    done = client.post(_url(round_, "commendation_remove", item.pk))
    assert done.status_code == 302 and not Commendation.objects.exists()
    assert LogEntry.objects.filter(
        additional_data__action="emulation.commendation.removed"
    ).exists()
    assert client.get(_url(round_, "commendation_remove", item.pk)).status_code == 405


def test_issue_is_refused_before_sign_off_then_numbered_in_the_register(
    world: World, round_: ScoreRound
) -> None:
    _propose(world, round_, world.cell_a, reason=EXCELLENT_REASON)
    _propose(world, round_, world.ubnd, kind="individual", person="Bà Lê Thị Hoa, Chủ tịch")
    client = _client(world.office)
    page = client.get(_url(round_)).content.decode()
    assert "Ký duyệt kết quả chấm điểm trước khi ban hành tờ trình." in page
    refused = client.post(_url(round_, "proposal_issue"), {"version": round_.version})
    assert refused.status_code == 302
    text = client.get(_url(round_)).content.decode()
    assert "Hãy ký duyệt kết quả chấm điểm trước khi trình khen thưởng." in text
    assert not OfficialDocument.objects.exists()

    round_ = _sign(world, round_)
    stale = client.post(_url(round_, "proposal_issue"), {"version": round_.version - 1})
    assert stale.status_code == 302 and not OfficialDocument.objects.exists()
    assert "vừa được người khác thay đổi" in client.get(_url(round_)).content.decode()

    done = client.post(_url(round_, "proposal_issue"), {"version": round_.version})
    assert done.status_code == 302 and done["Location"] == _url(round_)
    document = OfficialDocument.objects.get()
    assert (document.issuer, document.doc_type, document.number) == (
        world.commune,
        DocType.TO_TRINH,
        1,
    )
    assert document.is_issued and document.reference == "Số 01-TTr/ĐU"
    round_.refresh_from_db()
    assert round_.proposal == document
    text = client.get(_url(round_)).content.decode()
    assert "Đã ban hành tờ trình số 01-TTr/ĐU." in text
    assert "Thêm đề nghị khen thưởng" not in text  # the form is gone

    response = client.get(_url(round_, "proposal_docx"))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    doc = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "TỜ TRÌNH" in paragraphs
    assert "Chi bộ thôn A" in cells
    assert "Bà Lê Thị Hoa, Chủ tịch, UBND xã Tân Kỳ" in cells
    assert any("Số 01-TTr/ĐU" in c for c in cells)
    # The chi bộ reads the issued tờ trình, as every issued document of its commune.
    assert _client(world.reporter_a).get(_url(round_, "proposal_docx")).status_code == 200


def test_after_issue_the_list_is_closed(world: World, round_: ScoreRound) -> None:
    item = _propose(world, round_, world.cell_a)
    round_ = _sign(world, round_)
    services.proposal_issue(actor=world.office, round_=round_, version=round_.version)
    client = _client(world.office)
    refused = client.post(_url(round_), _form(world))
    assert refused.status_code == 200
    assert "Tờ trình đã ban hành: không thêm đề nghị được nữa." in refused.content.decode()
    assert Commendation.objects.count() == 1
    client.post(_url(round_, "commendation_remove", item.pk))
    text = client.get(_url(round_)).content.decode()
    assert "Tờ trình đã ban hành: không bỏ đề nghị được nữa." in text
    assert Commendation.objects.filter(pk=item.pk).exists()
    again = client.post(_url(round_, "proposal_issue"), {"version": round_.version + 1})
    assert again.status_code == 302 and OfficialDocument.objects.count() == 1


def test_the_draft_is_for_the_office_only(world: World, round_: ScoreRound) -> None:
    _propose(world, round_, world.cell_b, reason="Dẫn đầu phong trào")
    response = _client(world.office).get(_url(round_, "proposal_docx"))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    doc = Document(io.BytesIO(response.content))
    assert doc.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số    -TTr/ĐU"
    assert "TỜ TRÌNH" in [p.text for p in doc.paragraphs]
    assert _client(world.reporter_a).get(_url(round_, "proposal_docx")).status_code == 404
    assert not OfficialDocument.objects.exists()  # downloading a draft records nothing


def test_a_reporter_reads_but_cannot_write(world: World, round_: ScoreRound) -> None:
    item = _propose(world, round_, world.cell_b, reason="Dẫn đầu phong trào")
    round_ = _sign(world, round_)
    client = _client(world.reporter_a)
    page = client.get(_url(round_))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Thêm đề nghị khen thưởng" not in text and "Dẫn đầu phong trào" not in text
    assert client.post(_url(round_), _form(world)).status_code == 403
    assert client.post(_url(round_, "commendation_remove", item.pk)).status_code == 403
    assert client.post(_url(round_, "proposal_issue"), {"version": 1}).status_code == 403
    assert Commendation.objects.count() == 1 and not OfficialDocument.objects.exists()
    # The commune's viewer reads the list, without the form.
    viewer = _client(world.viewer).get(_url(round_)).content.decode()
    assert "Dẫn đầu phong trào" in viewer and "Thêm đề nghị khen thưởng" not in viewer


def test_another_commune_gets_404_everywhere(world: World, round_: ScoreRound) -> None:
    item = _propose(world, round_, world.cell_b)
    client = _client(world.outsider)
    assert client.get(_url(round_)).status_code == 404
    assert client.post(_url(round_), _form(world)).status_code == 404
    assert client.post(_url(round_, "commendation_remove", item.pk)).status_code == 404
    assert client.post(_url(round_, "proposal_issue"), {"version": 1}).status_code == 404
    assert client.get(_url(round_, "proposal_docx")).status_code == 404
    round_ = _sign(world, round_)
    services.proposal_issue(actor=world.office, round_=round_, version=round_.version)
    assert client.get(_url(round_, "proposal_docx")).status_code == 404
    assert Commendation.objects.count() == 1


def _page_queries(client: Client, round_: ScoreRound) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(round_)).status_code == 200
    return len(queries)


def test_the_page_queries_do_not_grow_with_rows(world: World, round_: ScoreRound) -> None:
    client = _client(world.office)
    _practice(world)

    def grow(n: int, start: int) -> None:
        for i in range(start, start + n):
            cell = OrgUnitFactory.create(parent=world.commune, code=f"tk-{i}", name=f"Chi bộ {i}")
            card = _card(round_, cell, Band.EXCELLENT, "95.00")
            _propose(world, round_, cell, scorecard=card)
            _propose(world, round_, cell, kind="individual", person=f"Đồng chí {i}")
            _card(
                round_,
                OrgUnitFactory.create(parent=world.commune, code=f"tk-x{i}"),
                Band.EXCELLENT,
                "92.00",
            )
            _practice(world, org_unit=cell, title=f"Mô hình {i}")

    grow(2, 0)
    few = _page_queries(client, round_)
    grow(10, 10)
    assert _page_queries(client, round_) == few
