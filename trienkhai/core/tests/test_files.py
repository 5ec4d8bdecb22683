from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.core.files import UploadRejected, inspect_upload, safe_filename, stored_file_create


def make_docx_like(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def test_real_pdf_is_accepted() -> None:
    info = inspect_upload(PDF, name="bao-cao.pdf")
    assert info.kind == "pdf"
    assert info.content_type == "application/pdf"
    assert len(info.sha256) == 64


def test_program_renamed_pdf_is_refused_in_vietnamese() -> None:
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(ELF, name="bao-cao.pdf")
    assert "không phải PDF" in str(caught.value)
    assert "bao-cao.pdf" in str(caught.value)


def test_file_over_limit_is_refused(settings: object) -> None:
    data = PDF + b"0" * (21 * 1024 * 1024)
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(data, name="lon.pdf")
    assert "quá lớn" in str(caught.value)
    assert "20,0 MB" in str(caught.value)


def test_zip_bomb_named_docx_is_refused() -> None:
    bomb = make_docx_like({"word/media/bom.bin": b"\0" * (300 * 1024 * 1024)})
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(bomb, name="ke-hoach.docx")
    assert "bom nén" in str(caught.value)


def test_docx_detected_by_content_not_name() -> None:
    assert inspect_upload(make_docx_like(), name="tai-lieu.docx").kind == "docx"
    # A DOCX uploaded as ".xlsx" is still a DOCX, and refused where only XLSX is allowed.
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(make_docx_like(), name="so-lieu.xlsx", allowed=("xlsx",))
    assert "chỉ nhận Excel" in str(caught.value)


def test_broken_zip_and_empty_file_are_refused() -> None:
    with pytest.raises(UploadRejected):
        inspect_upload(b"PK\x03\x04garbage" * 10, name="hong.docx")
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(b"", name="rong.pdf")
    assert "rỗng" in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\Báo cáo quý II.docx", "Báo cáo quý II.docx"),
        ("\x00.\x1fbad.pdf", "bad.pdf"),
        ("", "tep"),
    ],
)
def test_safe_filename(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


@pytest.mark.django_db
def test_stored_file_served_only_to_who_may_read(client: object) -> None:
    owner = UserFactory.create(username="nguoi_tai", password="x")
    other = UserFactory.create(username="nguoi_khac", password="x")
    stored = stored_file_create(data=PDF, name="Biên bản.pdf", user=owner)
    url = reverse("core:file_download", args=[stored.pk])
    assert stored.file.path.endswith(f"{stored.pk.hex}.pdf")  # no user text in the path

    client.force_login(other)  # type: ignore[attr-defined]
    assert client.get(url).status_code == 404  # type: ignore[attr-defined]

    client.force_login(owner)  # type: ignore[attr-defined]
    response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "Bi%C3%AAn%20b%E1%BA%A3n.pdf" in response["Content-Disposition"]
