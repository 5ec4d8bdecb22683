from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest
from django.urls import reverse
from PIL import Image

from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.core.files import UploadRejected, inspect_upload, safe_filename, stored_file_create


def make_docx_like(extra: dict[str, bytes] | None = None) -> bytes:
    """The smallest package that declares a Word main part (what the checks read)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_pdf(pages: int = 1) -> bytes:
    """A PDF written by hand, with a correct cross-reference table."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    return bytes(out + f"startxref\n{xref}\n%%EOF\n".encode())


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Biên bản hội nghị quán triệt")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Mã đơn vị", "tk"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, fmt)
    return buffer.getvalue()


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The same package with some members replaced (bytes) or left out (None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.namelist():
            if member in change:
                if change[member] is not None:
                    archive.writestr(member, change[member])  # type: ignore[arg-type]
            else:
                archive.writestr(member, source.read(member))
    return buffer.getvalue()


PDF = make_pdf()
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


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


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (make_pdf(), "pdf"),
        (make_pdf(pages=3), "pdf"),
        (make_docx(), "docx"),
        (make_xlsx(), "xlsx"),
        (make_image("JPEG"), "jpg"),
        (make_image("PNG"), "png"),
    ],
)
def test_real_files_of_each_kind_are_accepted(data: bytes, kind: str) -> None:
    assert inspect_upload(data, name=f"tep.{kind}").kind == kind


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (make_pdf(pages=0), "trang-trang.pdf", "không có trang nào"),
        (make_pdf()[:60], "cat-do.pdf", "bị hỏng hoặc tải lên chưa hết"),
        (b"%PDF-1.7\n1 0 obj <<", "cut.pdf", "bị hỏng hoặc tải lên chưa hết"),
        (EXE, "bien-ban.pdf", "không phải PDF"),
        (make_image("PNG")[:40], "anh.png", "ảnh PNG bị hỏng"),
        (make_image("JPEG")[:30], "anh.jpg", "ảnh JPG bị hỏng"),
    ],
)
def test_files_that_do_not_open_as_their_kind_are_refused(
    data: bytes, name: str, expected: str
) -> None:
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(data, name=name)
    assert expected in str(caught.value)
    assert f"“{name}”" in str(caught.value)


def test_a_zip_renamed_docx_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("anh/so-lieu.csv", "a,b\n1,2\n")
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(buffer.getvalue(), name="ke-hoach.docx")
    assert "là tệp nén (zip), không phải Word" in str(caught.value)
    assert "ke-hoach.docx" in str(caught.value)


def test_an_office_package_must_declare_its_main_part() -> None:
    # The Word main part is there, but [Content_Types].xml is missing or says otherwise.
    without_types = rezip(make_docx(), {"[Content_Types].xml": None})
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(without_types, name="bao-cao.docx")
    assert "thiếu phần [Content_Types].xml" in str(caught.value)

    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    types = zipfile.ZipFile(io.BytesIO(make_docx())).read("[Content_Types].xml").decode()
    wrong = types.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", macro
    )
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(rezip(make_docx(), {"[Content_Types].xml": wrong.encode()}), name="m.docx")
    assert "word/document.xml khai báo là" in str(caught.value)
    assert "macroenabled" in str(caught.value)

    # A workbook whose main part was removed is no workbook at all.
    no_book = rezip(make_xlsx(), {"xl/workbook.xml": None})
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(no_book, name="so-lieu.xlsx")
    assert "không có phần chính" in str(caught.value)


def test_broken_content_types_xml_is_refused() -> None:
    broken = rezip(make_docx(), {"[Content_Types].xml": b"<Types><Override"})
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(broken, name="hong.docx")
    assert "không đọc được phần khai báo kiểu nội dung" in str(caught.value)


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
