"""The register: numbers from 01 per type, per issuer, per term; external numbers; set next."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.documents import services
from trienkhai.documents.models import CommitteeTerm, DocType, OfficialDocument
from trienkhai.documents.tests.factories import DocumentFactory
from trienkhai.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 10)


def draft(
    world: World, issuer: OrgUnit | None = None, doc_type: str = DocType.BAO_CAO
) -> OfficialDocument:
    return DocumentFactory.create(
        actor=world.office, issuer=issuer or world.commune, doc_type=doc_type
    )


def issue(world: World, day: date = DAY, **kwargs: object) -> OfficialDocument:
    return DocumentFactory.create(
        actor=world.office, issuer=kwargs.pop("issuer", world.commune), issued_on=day, **kwargs
    )


def test_a_draft_holds_no_number_until_issued(world: World) -> None:
    document = draft(world)
    assert document.number is None and document.term is None
    assert document.reference == "Số    -BC/ĐU"
    assert document.content["number"] is None
    issued = services.document_issue(actor=world.office, document=document, day=DAY)
    assert issued.number == 1 and issued.reference == "Số 01-BC/ĐU"
    assert issued.date == DAY and issued.is_issued
    assert issued.docx is not None and issued.docx.kind == "docx"
    document.refresh_from_db()
    assert document.number == 1


def test_the_database_refuses_a_numbered_draft_and_a_duplicate(world: World) -> None:
    first = issue(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficialDocument.objects.create(
            issuer=world.commune, doc_type="BC", symbol="BC/ĐU", title="x", number=3
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficialDocument.objects.create(
            issuer=world.commune,
            term=first.term,
            doc_type="BC",
            symbol="BC/ĐU",
            title="x",
            number=1,
            date=DAY,
            status="issued",
        )


def test_issuing_twice_is_refused(world: World) -> None:
    document = issue(world)
    with pytest.raises(DomainError, match="đã được ban hành"):
        services.document_issue(actor=world.office, document=document)


def test_numbers_run_per_type_and_per_issuer(world: World) -> None:
    assert [issue(world).number for _ in range(3)] == [1, 2, 3]
    assert issue(world, doc_type=DocType.KE_HOACH).number == 1
    cell = issue(world, issuer=world.cell_a)
    assert cell.number == 1 and cell.reference == "Số 01-BC/CB"
    assert issue(world).number == 4


def test_numbers_restart_with_a_new_term(world: World) -> None:
    services.committee_term_create(
        actor=world.office,
        org_unit=world.commune,
        name="Nhiệm kỳ 2020–2025",
        start=date(2020, 7, 1),
        end=date(2025, 6, 30),
    )
    services.committee_term_create(
        actor=world.office,
        org_unit=world.commune,
        name="Nhiệm kỳ 2025–2030",
        start=date(2025, 7, 1),
        end=date(2030, 6, 30),
    )
    old = [issue(world, day=date(2025, 3, 1)).number for _ in range(2)]
    new = issue(world, day=date(2025, 8, 1))
    assert old == [1, 2] and new.number == 1
    assert new.term is not None and new.term.name == "Nhiệm kỳ 2025–2030"
    with pytest.raises(DomainError, match="trùng thời gian"):
        services.committee_term_create(
            actor=world.office,
            org_unit=world.commune,
            name="x",
            start=date(2029, 1, 1),
            end=date(2031, 1, 1),
        )


def test_a_default_five_year_term_opens_when_none_is_configured(world: World) -> None:
    document = issue(world, day=date(2026, 6, 10))
    term = document.term
    assert term is not None
    assert (term.start, term.end, term.name) == (
        date(2025, 1, 1),
        date(2029, 12, 31),
        "Nhiệm kỳ 2025–2030",
    )
    assert issue(world, day=date(2030, 2, 1)).number == 1
    assert CommitteeTerm.objects.filter(org_unit=world.commune).count() == 2


def test_external_number_then_the_next_issue_continues(world: World) -> None:
    issue(world)
    recorded = services.document_record_external(
        actor=world.office,
        issuer=world.commune,
        doc_type=DocType.BAO_CAO,
        number=7,
        day=DAY,
        title="Báo cáo ghi trên sổ giấy",
    )
    assert recorded.reference == "Số 07-BC/ĐU" and recorded.external and recorded.is_issued
    assert issue(world).number == 8
    # A gap below the counter can be filled from the paper book without moving it.
    services.document_record_external(
        actor=world.office,
        issuer=world.commune,
        doc_type=DocType.BAO_CAO,
        number=3,
        day=DAY,
        title="Bỏ sót khi nhập",
    )
    assert issue(world).number == 9


def test_external_duplicate_is_refused(world: World) -> None:
    issue(world)
    with pytest.raises(DomainError, match="01-BC/ĐU đã có trong sổ"):
        services.document_record_external(
            actor=world.office,
            issuer=world.commune,
            doc_type=DocType.BAO_CAO,
            number=1,
            day=DAY,
            title="Trùng",
        )


def test_set_next_cannot_go_back_over_an_issued_number(world: World) -> None:
    for _ in range(5):
        issue(world)
    with pytest.raises(DomainError, match="số 05 đã được cấp"):
        services.register_set_next(
            actor=world.office,
            issuer=world.commune,
            doc_type=DocType.BAO_CAO,
            next_number=5,
            day=DAY,
        )
    services.register_set_next(
        actor=world.office,
        issuer=world.commune,
        doc_type=DocType.BAO_CAO,
        next_number=20,
        day=DAY,
    )
    assert issue(world).number == 20
    # Back down is allowed as long as no issued number is crossed.
    services.register_set_next(
        actor=world.office,
        issuer=world.commune,
        doc_type=DocType.BAO_CAO,
        next_number=21,
        day=DAY,
    )
    assert issue(world).number == 21


def test_only_the_register_keepers_issue(world: World) -> None:
    document = draft(world)
    for user in (world.leader, world.reporter_a, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.document_issue(actor=user, document=document)
    with pytest.raises(PermissionDenied):
        services.register_set_next(
            actor=world.reporter_a, issuer=world.cell_a, doc_type="BC", next_number=2
        )
    assert OfficialDocument.objects.get(pk=document.pk).number is None


def test_signed_copy_attached_to_an_issued_document_only(world: World) -> None:
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
        b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
        b"\nstartxref\n0\n%%EOF\n"
    )  # one page: uploads are opened (core.files)
    document = draft(world)
    with pytest.raises(DomainError, match="đã ban hành"):
        services.document_attach_signed(
            actor=world.office, document=document, data=pdf, name="a.pdf"
        )
    document = services.document_issue(actor=world.office, document=document, day=DAY)
    services.document_attach_signed(actor=world.office, document=document, data=pdf, name="ky.pdf")
    document.refresh_from_db()
    assert document.signed is not None and document.signed.original_name == "ky.pdf"
    assert document.signed.readable_by(world.office)
    assert document.signed.readable_by(world.reporter_a)  # the commune's issued document
    assert not document.signed.readable_by(world.outsider)
    with pytest.raises(DomainError):
        services.document_attach_signed(
            actor=world.office, document=document, data=b"PK\x03\x04rubbish", name="x.docx"
        )


def test_drafts_stay_with_the_issuers_subtree(world: World) -> None:
    document = draft(world)
    assert document.file_readable_by(world.office)
    assert not document.file_readable_by(world.reporter_a)
    services.document_issue(actor=world.office, document=document, day=DAY)
    assert document.file_readable_by(world.reporter_a)
    assert not document.file_readable_by(world.outsider)


def test_every_register_write_is_audited_with_the_issuer_path(world: World) -> None:
    document = issue(world)
    services.document_record_external(
        actor=world.office, issuer=world.commune, doc_type="KH", number=4, day=DAY, title="KH"
    )
    services.register_set_next(
        actor=world.office, issuer=world.commune, doc_type="KH", next_number=9, day=DAY
    )
    actions = {
        e.additional_data["action"]: e
        for e in LogEntry.objects.filter(additional_data__has_key="action")
    }
    assert {
        "documents.document.drafted",
        "documents.document.issued",
        "documents.document.recorded",
        "documents.register.next_set",
    } <= set(actions)
    issued = actions["documents.document.issued"]
    assert issued.actor == world.office
    assert issued.additional_data["org_unit_path"] == world.commune.path
    assert issued.object_pk == str(document.pk)
    assert "Số 01-BC/ĐU" in issued.changes_text
    # Model changes are logged too, scoped by the same path.
    assert (
        LogEntry.objects.get_for_object(document)
        .filter(additional_data__org_unit_path=world.commune.path)
        .exists()
    )
