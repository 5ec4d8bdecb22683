"""`trienkhai export_summary --unit CODE --period PERIOD --out FILE.docx|.pdf [--issue]`.

Renders the summary report (báo cáo tổng hợp) of the unit for the period: the one the office
drafted when there is one (an issued one as issued, frozen), else a fresh draft built from the
system, stored nowhere. Without ``--issue`` nothing is numbered, so it can be run as often as
wanted. ``--issue`` issues the summary a leader approved, taking the next number of the
register; any other state exits 2 with the reason. The period may be typed as a code
("2026-Q2") or as offices write it ("Quý II/2026").
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
from trienkhai.core.periods import Period, PeriodFormatError, parse_period_text
from trienkhai.documents import services as documents
from trienkhai.documents.issuers import lower_first
from trienkhai.documents.pdf import libreoffice_path
from trienkhai.documents.render import render_docx, render_pdf
from trienkhai.documents.summary import build_summary
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.reporting import summary_services
from trienkhai.reporting.models import SummaryReport, SummaryState

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


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE)


class Command(BaseCommand):
    help = (
        "Xuất báo cáo tổng hợp của một đơn vị cho một kỳ ra tệp .docx hoặc .pdf "
        "(dự thảo, trừ khi có --issue: ban hành báo cáo lãnh đạo đã duyệt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ tan-ky")
        parser.add_argument(
            "--period",
            required=True,
            help="kỳ: 2026-Q2 hoặc “Quý II/2026”, 2026-H1 hoặc “6 tháng đầu năm 2026”, 2026…",
        )
        parser.add_argument("--out", required=True, help="tệp ra, đuôi .docx hoặc .pdf")
        parser.add_argument(
            "--plan", type=int, help="mã số (id) kế hoạch, khi đơn vị có nhiều báo cáo cùng kỳ"
        )
        parser.add_argument(
            "--issue",
            action="store_true",
            help="ban hành báo cáo lãnh đạo đã duyệt: ghi vào sổ văn bản và lấy số tiếp theo",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        suffix = out.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            raise _usage(_("Tệp ra “%(out)s” phải có đuôi .docx hoặc .pdf.") % {"out": out})
        if not out.parent.is_dir():
            raise _usage(_("Thư mục “%(dir)s” không tồn tại.") % {"dir": out.parent})
        if suffix == ".pdf" and libreoffice_path() is None:
            # Checked before anything is issued, so a missing converter never uses a number.
            raise _usage(
                _("Máy chủ chưa cài LibreOffice nên không tạo được PDF; hãy xuất ra .docx.")
            )
        try:
            period: Period = parse_period_text(options["period"])
        except PeriodFormatError as exc:
            raise _usage(str(exc)) from exc
        unit = OrgUnit.objects.filter(code=options["unit"].strip()).first()
        if unit is None:
            raise _usage(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": options["unit"]})
        summary = self._summary(unit, period, options["plan"])
        try:
            if options["issue"]:
                data = self._issue(unit, period, summary)
                assert summary is not None and summary.document is not None
                message = _("Đã ban hành %(reference)s, ghi ra %(out)s") % {
                    "reference": summary.document.reference,
                    "out": out,
                }
            elif summary is not None and summary.state == SummaryState.ISSUED:
                data = self._issued_docx(summary)
                message = _("Đã ghi bản đã ban hành %(reference)s ra %(out)s") % {
                    "reference": summary.document.reference if summary.document else "",
                    "out": out,
                }
            else:
                if summary is not None:
                    data = render_docx(summary_services.document_data(summary))
                else:
                    data = render_docx(build_summary(unit, period, plan=self._plan(unit)))
                message = _("Đã ghi dự thảo (chưa lấy số) ra %(out)s") % {"out": out}
            if suffix == ".pdf":
                data = self._pdf(summary, data)
            _write(out, data)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(message)

    def _summary(self, unit: OrgUnit, period: Period, plan_id: int | None) -> SummaryReport | None:
        found = SummaryReport.objects.filter(org_unit=unit, period=period.code).select_related(
            "document", "org_unit", "plan"
        )
        if plan_id is not None:
            found = found.filter(plan_id=plan_id)
        summaries = list(found)
        if len(summaries) > 1:
            raise _usage(
                _("Đơn vị có %(n)d báo cáo tổng hợp %(period)s; chọn bằng --plan: %(plans)s.")
                % {
                    "n": len(summaries),
                    "period": lower_first(period.label),
                    "plans": "; ".join(f"{s.plan_id} = {s.plan.reference}" for s in summaries),
                }
            )
        return summaries[0] if summaries else None

    def _plan(self, unit: OrgUnit) -> Plan | None:
        """The unit's plan in force, the latest, for a report nobody has drafted yet."""
        return (
            Plan.objects.filter(org_unit=unit, state=Plan.State.IN_FORCE)
            .order_by("-date", "-pk")
            .first()
        )

    def _issue(self, unit: OrgUnit, period: Period, summary: SummaryReport | None) -> bytes:
        if summary is None:
            raise _usage(
                _(
                    "Chưa có báo cáo tổng hợp %(period)s của %(unit)s: Văn phòng lập dự thảo, "
                    "trình ký, lãnh đạo duyệt rồi mới ban hành được."
                )
                % {"period": lower_first(period.label), "unit": unit.name}
            )
        if summary.state != SummaryState.APPROVED:
            reason = (
                _("đã ban hành (%(reference)s)")
                % {"reference": summary.document.reference if summary.document else ""}
                if summary.state == SummaryState.ISSUED
                else _("chưa được lãnh đạo duyệt (%(state)s)")
                % {"state": summary.get_state_display().lower()}
            )
            raise _usage(
                _("Không ban hành được báo cáo “%(title)s”: báo cáo %(reason)s.")
                % {"title": summary.title, "reason": reason}
            )
        summary_services.summary_issue(actor=OPERATOR, summary=summary, version=summary.version)
        summary.refresh_from_db()
        return self._issued_docx(summary)

    def _issued_docx(self, summary: SummaryReport) -> bytes:
        assert summary.document is not None and summary.document.docx is not None
        with summary.document.docx.file.open("rb") as handle:
            return handle.read()

    def _pdf(self, summary: SummaryReport | None, docx: bytes) -> bytes:
        """An issued report's PDF is kept with it; a draft's is made on the fly."""
        if summary is not None and summary.document is not None:
            document = summary.document
            if document.pdf is None:
                document = documents.document_store_pdf(actor=OPERATOR, document=document)
            assert document.pdf is not None
            with document.pdf.file.open("rb") as handle:
                return handle.read()
        return render_pdf(docx)
