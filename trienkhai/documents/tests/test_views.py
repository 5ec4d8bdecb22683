"""The register pages: outsiders get 404, those without the right get 403."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.documents import services
from trienkhai.documents.models import OfficialDocument
from trienkhai.documents.samples import committee_report
from trienkhai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

# A one-page PDF: uploads are opened and must have a page (core.files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
    b"\nstartxref\n0\n%%EOF\n"
)


def as_user(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def draft(world: World, issued_on: date | None = None) -> OfficialDocument:
    return DocumentFactory.create(
        actor=world.office,
        issuer=world.commune,
        data=committee_report(number=None, day=None),
        issued_on=issued_on,
    )


def issued(world: World) -> OfficialDocument:
    return draft(world, issued_on=date(2026, 6, 10))


def test_register_list_shows_numbers_and_next_number(client: Any, world: World) -> None:
    issued(world)
    draft(world)
    response = as_user(client, world.office).get(reverse("documents:list"), {"don_vi": "tk"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "01-BC/ĐU" in html and "Dự thảo" in html
    assert "số tiếp theo" in html and "02" in html


def test_register_list_scoping(client: Any, world: World) -> None:
    issued(world)
    draft(world)
    html = as_user(client, world.reporter_a).get("/van-ban/", {"don_vi": "tk"}).content.decode()
    assert "01-BC/ĐU" in html and "Dự thảo" not in html  # drafts stay with the office
    assert as_user(client, world.outsider).get("/van-ban/", {"don_vi": "tk"}).status_code == 404
    assert as_user(client, world.outsider).get("/van-ban/").status_code == 200  # their own unit
    assert client.get("/van-ban/", {"don_vi": "khong-co"}).status_code == 404


def test_detail_404_for_outsider_and_for_drafts_outside_the_subtree(
    client: Any, world: World
) -> None:
    document = draft(world)
    url = reverse("documents:detail", args=[document.pk])
    assert as_user(client, world.office).get(url).status_code == 200
    assert as_user(client, world.reporter_a).get(url).status_code == 404
    assert as_user(client, world.outsider).get(url).status_code == 404
    services.document_issue(actor=world.office, document=document)
    assert as_user(client, world.reporter_a).get(url).status_code == 200


def test_issue_button(client: Any, world: World) -> None:
    document = draft(world)
    url = reverse("documents:issue", args=[document.pk])
    assert as_user(client, world.office).get(url).status_code == 405
    assert as_user(client, world.outsider).post(url).status_code == 404
    assert as_user(client, world.leader).post(url).status_code == 403
    assert as_user(client, world.viewer).post(url).status_code == 403
    assert OfficialDocument.objects.get(pk=document.pk).number is None
    response = as_user(client, world.office).post(url)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.number == 1 and document.issued_by == world.office
    # A second press does not take another number.
    as_user(client, world.office).post(url)
    assert OfficialDocument.objects.filter(number__isnull=False).count() == 1


def test_downloads(client: Any, world: World) -> None:
    document = draft(world)
    url = reverse("documents:file", args=[document.pk, "docx"])
    response = as_user(client, world.office).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response.content.startswith(b"PK")
    assert as_user(client, world.outsider).get(url).status_code == 404
    assert (
        as_user(client, world.office)
        .get(reverse("documents:file", args=[document.pk, "exe"]))
        .status_code
        == 404
    )
    document = services.document_issue(actor=world.office, document=document)
    response = as_user(client, world.reporter_a).get(url)
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_attach_signed_copy(client: Any, world: World) -> None:
    document = issued(world)
    url = reverse("documents:attach_signed", args=[document.pk])
    upload = SimpleUploadedFile("ban-ky.pdf", PDF, content_type="application/pdf")
    assert as_user(client, world.viewer).post(url, {"file": upload}).status_code == 403
    assert as_user(client, world.outsider).post(url, {"file": upload}).status_code == 404
    upload = SimpleUploadedFile("ban-ky.pdf", PDF, content_type="application/pdf")
    assert as_user(client, world.office).post(url, {"file": upload}).status_code == 302
    document.refresh_from_db()
    assert document.signed is not None
    file_url = reverse("core:file_download", args=[document.signed_id])
    assert as_user(client, world.reporter_a).get(file_url).status_code == 200
    assert as_user(client, world.outsider).get(file_url).status_code == 404
    page = as_user(client, world.office).get(reverse("documents:detail", args=[document.pk]))
    assert file_url in page.content.decode()


def test_record_external_and_set_next(client: Any, world: World) -> None:
    url = reverse("documents:record_external", args=["tk"])
    assert as_user(client, world.outsider).get(url).status_code == 404
    assert as_user(client, world.reporter_a).get(url).status_code == 403
    assert as_user(client, world.office).get(url).status_code == 200
    response = as_user(client, world.office).post(
        url, {"doc_type": "BC", "number": "7", "day": "10/6/2026", "title": "Báo cáo sổ giấy"}
    )
    assert response.status_code == 302
    assert OfficialDocument.objects.get(number=7).external
    response = as_user(client, world.office).post(
        url, {"doc_type": "BC", "number": "7", "day": "10/6/2026", "title": "Trùng"}
    )
    assert response.status_code == 200 and "đã có trong sổ" in response.content.decode()

    url = reverse("documents:set_next", args=["tk"])
    assert (
        as_user(client, world.leader).post(url, {"doc_type": "BC", "next_number": "9"}).status_code
        == 403
    )
    response = as_user(client, world.office).post(url, {"doc_type": "BC", "next_number": "3"})
    assert response.status_code == 200 and "số 07 đã được cấp" in response.content.decode()
    response = as_user(client, world.office).post(url, {"doc_type": "BC", "next_number": "9"})
    assert response.status_code == 302
