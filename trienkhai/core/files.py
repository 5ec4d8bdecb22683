"""Checks on uploaded files and the service that stores them.

A file's type is decided by its content, never by its name: a program renamed
`.pdf` is refused. Then the file is opened as that kind, so it is what it claims: a PDF
must open and have at least one page; a DOCX or XLSX is a zip package whose
`[Content_Types].xml` declares its main part (`/word/document.xml`, `/xl/workbook.xml`)
with that kind's main content type; an image must open as one. Office files are zip
archives, so they are also checked for decompression bombs before anything opens them.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number

ALL_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
EXTENSIONS = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "jpg": {"jpg", "jpeg"},
    "png": {"png"},
}
KIND_NAMES = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "jpg": "ảnh JPG",
    "png": "ảnh PNG",
}

# A zip may expand to at most this much, and no member may expand more than
# MAX_RATIO times: real DOCX/XLSX stay far below both.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000

CONTENT_TYPES_PART = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# The main part each Office kind must declare, and the content type it must declare it with.
MAIN_PARTS = {
    "docx": (
        "/word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "/xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}


class UploadRejected(DomainError):
    pass


@dataclass(frozen=True)
class UploadInfo:
    kind: str
    content_type: str
    size: int
    sha256: str
    safe_name: str


def safe_filename(name: str, *, default: str = "tep") -> str:
    """The original name, kept for display and download, made harmless."""
    name = unicodedata.normalize("NFC", name or "")
    name = PurePath(name.replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    name = re.sub(r"\s+", " ", name)
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:190] + dot + ext[:8]) if dot else name[:200]
    return name or default


def _size_text(size: int) -> str:
    return format_number(size / (1024 * 1024), 1) + " MB"


def check_archive(data: bytes, *, name: str) -> zipfile.ZipFile:
    """Open a zip without extracting it, refusing bombs and broken archives."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRejected(f"Tệp “{name}” bị hỏng hoặc không phải tệp Office hợp lệ.") from exc
    if len(members) > MAX_MEMBERS:
        raise UploadRejected(f"Tệp “{name}” chứa quá nhiều thành phần ({len(members)}).")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise UploadRejected(
                f"Tệp “{name}” bị từ chối: nội dung nén bất thường (nghi là “bom nén”)."
            )
    return archive


def detect_kind(data: bytes, *, name: str) -> str:
    """The kind of file the bytes really are (by their first bytes), or UploadRejected."""
    guess = filetype.guess(data[:8192])
    mime = guess.mime if guess else ""
    if mime == "application/pdf" or data[:5] == b"%PDF-":
        return "pdf"
    if mime == "image/jpeg":
        return "jpg"
    if mime == "image/png":
        return "png"
    if data[:4] == b"PK\x03\x04":
        return _package_kind(check_archive(data, name=name), name=name)
    raise UploadRejected(
        f"Tệp “{name}” không phải PDF, Word (.docx), Excel (.xlsx), ảnh JPG hay PNG."
    )


def _declared_types(archive: zipfile.ZipFile, *, name: str) -> dict[str, str]:
    """Part name → content type, as the package's `[Content_Types].xml` overrides them."""
    try:
        root = ElementTree.fromstring(archive.read(CONTENT_TYPES_PART))
    except Exception as exc:  # broken XML, a forbidden entity, a damaged member
        raise UploadRejected(
            f"Tệp “{name}” bị hỏng: không đọc được phần khai báo kiểu nội dung "
            f"({CONTENT_TYPES_PART})."
        ) from exc
    return {
        (node.get("PartName") or "").lower(): (node.get("ContentType") or "").lower()
        for node in root.iter(f"{_CT_NS}Override")
    }


def _package_kind(archive: zipfile.ZipFile, *, name: str) -> str:
    """DOCX or XLSX by the main part the package declares, or UploadRejected."""
    members = set(archive.namelist())
    looks_like = next(
        (kind for kind, (part, _t) in MAIN_PARTS.items() if part.lstrip("/") in members), ""
    )
    if CONTENT_TYPES_PART not in members:
        if looks_like:
            raise UploadRejected(
                f"Tệp “{name}” không phải tệp {KIND_NAMES[looks_like]} thật: thiếu phần "
                f"{CONTENT_TYPES_PART} (tệp nén đổi đuôi hoặc bị hỏng)."
            )
        raise UploadRejected(
            f"Tệp “{name}” là tệp nén (zip), không phải Word (.docx) hay Excel (.xlsx)."
        )
    declared = _declared_types(archive, name=name)
    for kind, (part, content_type) in MAIN_PARTS.items():
        if declared.get(part) == content_type and part.lstrip("/") in members:
            return kind
    if looks_like:
        part, content_type = MAIN_PARTS[looks_like]
        found = declared.get(part)
        what = f"khai báo là “{found}”" if found else "không được khai báo"
        raise UploadRejected(
            f"Tệp “{name}” không phải tệp {KIND_NAMES[looks_like]} hợp lệ: phần chính "
            f"{part.lstrip('/')} {what}, cần “{content_type}”."
        )
    raise UploadRejected(
        f"Tệp “{name}” là gói Office nhưng không có phần chính của Word (word/document.xml) "
        f"hay Excel (xl/workbook.xml)."
    )


def _check_pdf(data: bytes, *, name: str) -> None:
    """A PDF must open and have at least one page."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    # pypdf logs every repair it makes to a damaged file; the verdict below is what counts.
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except FileNotDecryptedError as exc:
        raise UploadRejected(
            f"Tệp “{name}” là PDF có mật khẩu, không mở được: hãy gỡ mật khẩu rồi tải lên lại."
        ) from exc
    except Exception as exc:  # pypdf raises many kinds on a damaged or cut-off file
        raise UploadRejected(
            f"Tệp “{name}” là PDF bị hỏng hoặc tải lên chưa hết, không mở được."
        ) from exc
    finally:
        quiet.setLevel(level)
    if pages < 1:
        raise UploadRejected(f"Tệp “{name}” là PDF nhưng không có trang nào.")


def _check_image(data: bytes, *, kind: str, name: str) -> None:
    """An image must open as what its first bytes say (verify() reads without decoding)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds on a damaged file
        raise UploadRejected(f"Tệp “{name}” là {KIND_NAMES[kind]} bị hỏng, không mở được.") from exc


def check_content(data: bytes, *, kind: str, name: str) -> None:
    """Open the file as its kind, so it is what it claims (Office kinds were opened by
    `detect_kind` already: their package declared its main part)."""
    if kind == "pdf":
        _check_pdf(data, name=name)
    elif kind in ("jpg", "png"):
        _check_image(data, kind=kind, name=name)


def read_upload(upload: IO[bytes] | Any, *, max_bytes: int | None = None) -> bytes:
    """Read at most one byte past the limit, so an oversized upload is never held whole."""
    limit = settings.TRIENKHAI_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if hasattr(upload, "seek"):
        upload.seek(0)
    data: bytes = upload.read(limit + 1)
    return data


def inspect_upload(
    data: bytes,
    *,
    name: str,
    allowed: tuple[str, ...] = ALL_KINDS,
    max_bytes: int | None = None,
) -> UploadInfo:
    limit = settings.TRIENKHAI_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    safe = safe_filename(name)
    if not data:
        raise UploadRejected(f"Tệp “{safe}” rỗng.")
    if len(data) > limit:
        raise UploadRejected(
            f"Tệp “{safe}” quá lớn (trên {_size_text(limit)}); giới hạn là {_size_text(limit)}."
        )
    kind = detect_kind(data, name=safe)
    if kind not in allowed:
        wanted = ", ".join(KIND_NAMES[k] for k in allowed)
        raise UploadRejected(f"Tệp “{safe}” là {KIND_NAMES[kind]}; ở đây chỉ nhận {wanted}.")
    check_content(data, kind=kind, name=safe)
    ext = safe.rpartition(".")[2].lower() if "." in safe else ""
    if ext not in EXTENSIONS[kind]:
        # Keep the real type visible in the name users download.
        safe = f"{safe}.{kind}"
    return UploadInfo(
        kind=kind,
        content_type=MIME_TYPES[kind],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        safe_name=safe,
    )


@transaction.atomic
def stored_file_create(
    *,
    data: bytes,
    name: str,
    user: AbstractBaseUser | AnonymousUser | None,
    owner: Any = None,
    allowed: tuple[str, ...] = ALL_KINDS,
) -> Any:
    """Check and store an upload; the caller attaches it to its owning object."""
    from django.contrib.contenttypes.models import ContentType

    from trienkhai.core.models import StoredFile

    info = inspect_upload(data, name=name, allowed=allowed)
    stored = StoredFile(
        created_at=timezone.now(),
        original_name=info.safe_name,
        kind=info.kind,
        content_type=info.content_type,
        size=info.size,
        sha256=info.sha256,
        # By id: core knows the user only as Django's abstract user, not the project's model.
        uploaded_by_id=user.pk if user is not None and user.is_authenticated else None,
    )
    if owner is not None:
        stored.owner_type = ContentType.objects.get_for_model(owner)
        stored.owner_id = str(owner.pk)
    stored.file.save(info.safe_name, ContentFile(data), save=False)
    stored.save()
    return stored
