"""PDF output: DOCX through LibreOffice headless, HTML print views through WeasyPrint.

LibreOffice keeps a user profile; two conversions sharing one silently produce nothing, so
each call gets a fresh profile directory, and a lock makes the calls of one process run one at
a time (soffice is heavy: parallel conversions only compete for memory).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from trienkhai.core.errors import DomainError

__all__ = ["libreoffice_path", "render_html_pdf", "render_pdf"]

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()
CONVERT_TIMEOUT_S = 180


def libreoffice_path() -> str | None:
    """The soffice binary, from TRIENKHAI_SOFFICE or the PATH; None when not installed."""
    configured = os.environ.get("TRIENKHAI_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(docx_bytes: bytes) -> bytes:
    """Convert a DOCX to PDF with LibreOffice headless; DomainError if it is missing or fails."""
    binary = libreoffice_path()
    if binary is None:
        raise DomainError(
            _(
                "Máy chủ chưa cài LibreOffice nên không tạo được tệp PDF; "
                "hãy tải bản Word (.docx) hoặc nhờ quản trị cài gói libreoffice-writer-nogui."
            )
        )
    with _LOCK, tempfile.TemporaryDirectory(prefix="trienkhai-pdf-") as work:
        folder = Path(work)
        source = folder / "van-ban.docx"
        source.write_bytes(docx_bytes)
        profile = Path(tempfile.gettempdir()) / f"lo-{uuid.uuid4().hex}"
        command = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
                command,
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
                check=False,
                env={**os.environ, "HOME": str(folder)},
            )
        except subprocess.TimeoutExpired as exc:
            raise DomainError(_("LibreOffice chuyển sang PDF quá lâu; hãy thử lại sau.")) from exc
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        target = folder / "van-ban.pdf"
        if result.returncode != 0 or not target.exists():
            logger.error(
                "soffice failed (%s): %s", result.returncode, result.stderr.decode()[-2000:]
            )
            raise DomainError(_("LibreOffice không chuyển được văn bản sang PDF."))
        return target.read_bytes()


def _local_files(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """WeasyPrint's fetcher for a print view: its stylesheets and images from the app's own
    static files, `data:` images as they are, and nothing from the network — a print view
    never makes the server call itself or another host."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.staticfiles import finders

    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        result: dict[str, Any] = default_url_fetcher(url)
        return result
    path = urlsplit(url).path
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        if isinstance(found, str):
            import mimetypes

            kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return {"string": Path(found).read_bytes(), "mime_type": kind, "filename": found}
    raise ValueError(f"not a static file of the app: {url}")


def render_html_pdf(html: str, base_url: str | None = None, **options: Any) -> bytes:
    """A print view (HTML + CSS) as PDF through WeasyPrint, imported only when used."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz missing
        raise DomainError(
            _("Máy chủ thiếu thư viện WeasyPrint (Pango, HarfBuzz) nên không in được PDF.")
        ) from exc
    document = HTML(string=html, base_url=base_url or "http://localhost/", url_fetcher=_local_files)
    pdf: bytes = document.write_pdf(**options)
    return pdf
