"""Checks on uploaded files and the service that stores them.

A file's type is decided by its content, never by its name: a program renamed
`.pdf` is refused. Office files are zip archives, so they are also checked for
decompression bombs before anything opens them.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
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
    """The kind of file the bytes really are, or UploadRejected."""
    guess = filetype.guess(data[:8192])
    mime = guess.mime if guess else ""
    if mime == "application/pdf":
        return "pdf"
    if mime == "image/jpeg":
        return "jpg"
    if mime == "image/png":
        return "png"
    if data[:4] == b"PK\x03\x04":
        names = set(check_archive(data, name=name).namelist())
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    raise UploadRejected(
        f"Tệp “{name}” không phải PDF, Word (.docx), Excel (.xlsx), ảnh JPG hay PNG."
    )


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
