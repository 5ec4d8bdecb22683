"""`trienkhai export_summary --unit CODE --period PERIOD --out FILE.docx|.pdf [--issue]`.

Without ``--issue`` the file is a draft ("Số    -BC/ĐU") and no number is used, so it can be
run as often as wanted. With ``--issue`` the report is recorded in the register and takes the
next number of the unit's term.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import OPERATOR
from trienkhai.core.errors import DomainError
from trienkhai.core.periods import Period, PeriodFormatError, parse_period
from trienkhai.documents import services
from trienkhai.documents.pdf import libreoffice_path
from trienkhai.documents.render import render_docx, render_pdf
from trienkhai.documents.summary import build_summary
from trienkhai.orgs.models import OrgUnit

USAGE = 2


def _write(path: Path, data: bytes) -> None:
    """Write beside the target then rename, so a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = (
        "Xuất báo cáo tổng hợp của một đơn vị cho một kỳ ra tệp .docx hoặc .pdf "
        "(dự thảo, trừ khi có --issue)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ tan-ky")
        parser.add_argument(
            "--period", required=True, help="kỳ: 2026, 2026-H1, 2026-9M, 2026-Q2, 2026-06…"
        )
        parser.add_argument("--out", required=True, help="tệp ra, đuôi .docx hoặc .pdf")
        parser.add_argument(
            "--issue",
            action="store_true",
            help="ban hành: ghi vào sổ văn bản và lấy số tiếp theo",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        suffix = out.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            raise CommandError(
                _("Tệp ra “%(out)s” phải có đuôi .docx hoặc .pdf.") % {"out": out},
                returncode=USAGE,
            )
        if not out.parent.is_dir():
            raise CommandError(
                _("Thư mục “%(dir)s” không tồn tại.") % {"dir": out.parent}, returncode=USAGE
            )
        if suffix == ".pdf" and libreoffice_path() is None:
            # Checked before anything is issued, so a missing converter never uses a number.
            raise CommandError(
                _("Máy chủ chưa cài LibreOffice nên không tạo được PDF; hãy xuất ra .docx."),
                returncode=USAGE,
            )
        try:
            period: Period = parse_period(options["period"])
        except PeriodFormatError as exc:
            raise CommandError(str(exc), returncode=USAGE) from exc
        unit = OrgUnit.objects.filter(code=options["unit"].strip()).first()
        if unit is None:
            raise CommandError(
                _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": options["unit"]},
                returncode=USAGE,
            )
        try:
            if options["issue"]:
                document = services.document_summary_create(
                    actor=OPERATOR, unit=unit, period=period
                )
                document = services.document_issue(actor=OPERATOR, document=document)
                assert document.docx is not None
                with document.docx.file.open("rb") as handle:
                    docx = handle.read()
                if suffix == ".pdf":
                    document = services.document_store_pdf(actor=OPERATOR, document=document)
                    assert document.pdf is not None
                    with document.pdf.file.open("rb") as handle:
                        _write(out, handle.read())
                else:
                    _write(out, docx)
                self.stdout.write(
                    _("Đã ban hành %(reference)s, ghi ra %(out)s")
                    % {"reference": document.reference, "out": out}
                )
            else:
                docx = render_docx(build_summary(unit, period))
                _write(out, render_pdf(docx) if suffix == ".pdf" else docx)
                self.stdout.write(_("Đã ghi dự thảo (chưa lấy số) ra %(out)s") % {"out": out})
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
