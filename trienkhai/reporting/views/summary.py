"""The office's summary report (báo cáo tổng hợp): the list with the form that drafts one, its
page (the report as the office edits it, the figures, the steps by state and role, the
timeline), the posts of each step and its files. Thin views: the services decide who may do
what; a view only chooses which forms to show.

As on a unit's report page, a refused step shows the page again with what was typed kept,
under the field it is about; a stale one (someone changed the summary meanwhile) also shows
the summary as it is now, and carries the new version so that saving again goes through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, require_cap
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import MIME_TYPES
from trienkhai.core.numbers import format_number
from trienkhai.core.periods import Period, PeriodKind, parse_period, report_period_choices
from trienkhai.core.submit import submit as run_form
from trienkhai.core.xlsx import xlsx_response
from trienkhai.documents import selectors as document_selectors
from trienkhai.documents import services as documents
from trienkhai.documents.data import Block, BulletList, Heading, Table
from trienkhai.documents.pdf import render_pdf
from trienkhai.documents.render import render_docx
from trienkhai.documents.summary import FILL_LINE
from trienkhai.reporting import selectors, summary_services
from trienkhai.reporting.content import FiguresRefused
from trienkhai.reporting.exports import summary_workbook
from trienkhai.reporting.models import SummaryEvent, SummaryReport, SummaryState
from trienkhai.reporting.summary_forms import (
    HEADINGS,
    PERIOD_LIST,
    ApproveForm,
    CreateForm,
    EditForm,
    ReturnForm,
    VersionForm,
    figure_value,
)
from trienkhai.reporting.summary_services import StaleSummary, sections_from_json
from trienkhai.reporting.summary_text import blocks_to_text, marker, tables_of

St = SummaryState


def _create_form(request: AuthenticatedRequest) -> CreateForm | None:
    """The blank form, set on the widest unit the user drafts for, its own latest plan and
    the current quarter; None for a user who drafts none."""
    units = selectors.summary_units(user=request.user)
    first = units.first()
    if first is None:
        return None
    plans = selectors.summary_plan_choices(user=request.user)
    today = timezone.localdate()
    return CreateForm(
        units=units,
        plans=plans,
        base_depth=first.depth,
        initial={
            "unit": first,
            "plan": next((p for p in plans if p.org_unit_id == first.pk), None),
            "period": Period.containing(PeriodKind.QUARTER, today).short_label,
        },
    )


def _list(request: AuthenticatedRequest, form: CreateForm | None) -> HttpResponse:
    year = timezone.localdate().year
    return render(
        request,
        "reporting/summary_list.html",
        {
            "title": _("Báo cáo tổng hợp"),
            "summaries": list(selectors.summaries_for(user=request.user)),
            "form": form,
            "period_list": PERIOD_LIST,
            "periods": [label for _code, label in report_period_choices([year - 1, year])],
        },
    )


@login_required
@require_GET
def summary_list(request: AuthenticatedRequest) -> HttpResponse:
    return _list(request, _create_form(request))


@login_required
@require_POST
def summary_create(request: AuthenticatedRequest) -> HttpResponse:
    units = selectors.summary_units(user=request.user)
    first = units.first()
    if first is None:
        raise PermissionDenied
    plans = selectors.summary_plan_choices(user=request.user)
    form = CreateForm(request.POST, units=units, plans=plans, base_depth=first.depth)
    done = run_form(
        request,
        form,
        lambda data: summary_services.summary_create(
            actor=request.user, unit=data["unit"], plan=data["plan"], period=data["period"]
        ),
    )
    if done is None:
        return _list(request, form)
    summary, created = done.result
    if created:
        messages.success(request, _("Đã lập dự thảo báo cáo tổng hợp từ số liệu hôm nay."))
    else:
        messages.info(
            request,
            _(
                "Báo cáo tổng hợp %(period)s của %(unit)s theo kế hoạch này đã được lập "
                "ngày %(day)s: đây là bản đã có, không lập bản thứ hai."
            )
            % {
                "period": parse_period(summary.period).short_label,
                "unit": summary.org_unit.name,
                "day": format_date_short(timezone.localtime(summary.created_at).date()),
            },
        )
    return redirect("reporting:summary", pk=summary.pk)


# --- the page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableView:
    """A table block as HTML needs it: header cells with their span, rows with which cells
    are figures (right-aligned)."""

    label: str  # "[Bảng 1]": the marker that stands for it in the section's text
    header: list[list[tuple[str, int]]]
    rows: list[list[tuple[str, bool]]]

    @classmethod
    def of(cls, table: Table, number: int) -> TableView:
        header = []
        for row in table.header_rows:
            cells: list[tuple[str, int]] = []
            for cell in row:
                if cell is None and cells:
                    cells[-1] = (cells[-1][0], cells[-1][1] + 1)
                else:
                    cells.append((cell or "", 1))
            header.append(cells)
        numeric = set(table.numeric_columns)
        rows = [[(c, i in numeric) for i, c in enumerate(r)] for r in table.rows]
        return cls(marker(number), header, rows)


@dataclass(frozen=True)
class BlockView:
    kind: str  # "p", "h", "ul", "table", "fill"
    text: str = ""
    items: tuple[str, ...] = ()
    table: TableView | None = None
    bold: bool = False
    italic: bool = False
    level: int = 1


def _block_views(blocks: tuple[Block, ...]) -> list[BlockView]:
    out: list[BlockView] = []
    tables = 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            out.append(BlockView("table", table=TableView.of(block, tables)))
        elif isinstance(block, BulletList):
            out.append(BlockView("ul", items=block.items))
        elif isinstance(block, Heading):
            out.append(BlockView("h", text=block.text, level=block.level))
        elif block.text == FILL_LINE:
            out.append(BlockView("fill"))
        else:
            out.append(BlockView("p", text=block.text, bold=block.bold, italic=block.italic))
    return out


@dataclass(frozen=True)
class SectionView:
    key: str
    heading: str
    level: int
    blocks: list[BlockView]
    tables: list[TableView]
    field: forms.BoundField | None
    # When stale: what the section holds now, if it differs from what the user typed.
    current: str | None = None


@dataclass(frozen=True)
class FigureView:
    key: str
    label: str
    unit: str
    # On the first row of each section and of each group in it: their headings.
    section: str
    group: str
    system: str
    reported: str
    adjust: str
    value: str
    note: str
    value_field: forms.BoundField | None
    note_field: forms.BoundField | None


def _number(raw: Any, integer: bool, *, signed: bool = False) -> str:
    value = figure_value(raw, integer)
    if value is None:
        return "—"
    if signed and value > 0:
        return "+" + format_number(value)
    return format_number(value)


def _figure_views(summary: SummaryReport, form: EditForm | None) -> list[FigureView]:
    """The figures in the report's order of sections (the modules register them in theirs),
    each section and group named once, above its first figure."""
    order = {key: n for n, key in enumerate(HEADINGS)}
    rows = sorted(summary.figures, key=lambda r: order.get(r.get("section", ""), len(order)))
    out = []
    last = ("", "")
    for row in rows:
        integer = row.get("integer", True)
        where = (row.get("section", ""), row.get("group", ""))
        key = row["key"]
        out.append(
            FigureView(
                key=key,
                label=row["label"],
                unit=row.get("unit", ""),
                section=HEADINGS.get(where[0], "") if where[0] != last[0] else "",
                group=where[1] if where != last else "",
                system=_number(row.get("system"), integer),
                reported=_number(row.get("reported"), integer),
                adjust=_number(row.get("adjust"), integer, signed=True),
                value=_number(row.get("value"), integer),
                note=row.get("note", ""),
                value_field=form[f"value_{key}"] if form else None,
                note_field=form[f"note_{key}"] if form else None,
            )
        )
        last = where
    return out


def _section_views(
    summary: SummaryReport, form: EditForm | None, stale: SummaryReport | None
) -> list[SectionView]:
    now = (
        {s.key: blocks_to_text(s.blocks) for s in sections_from_json(stale.sections)}
        if stale
        else {}
    )
    out = []
    for section in sections_from_json(summary.sections):
        field = form[f"text_{section.key}"] if form else None
        current = now.get(section.key)
        if field is not None and current == (field.value() or "").replace("\r\n", "\n"):
            current = None
        out.append(
            SectionView(
                key=section.key,
                heading=section.heading,
                level=section.level,
                blocks=_block_views(section.blocks),
                tables=[TableView.of(t, n) for n, t in enumerate(tables_of(section.blocks), 1)],
                field=field,
                current=current,
            )
        )
    return out


def _page(
    request: AuthenticatedRequest,
    summary: SummaryReport,
    *,
    refused: tuple[str, forms.Form] | None = None,
    stale: SummaryReport | None = None,
) -> HttpResponse:
    user, unit = request.user, summary.org_unit
    may_edit = has_cap(user, Cap.REPORTING_REVIEW, unit)
    may_approve = has_cap(user, Cap.REPORTING_APPROVE, unit)
    pending = summary.state == St.PENDING
    # A refused form is shown whatever the state, so that what was typed is never lost.
    show = {
        "edit_form": may_edit and summary.editable,
        "refresh_form": may_edit and summary.editable,
        "return_form": may_approve and pending,
        "approve_form": may_approve and pending,
        "issue_form": has_cap(user, Cap.DOCUMENTS_REGISTER, unit) and summary.state == St.APPROVED,
    }
    slot = refused[0] if refused else ""
    if slot:
        show[slot] = True
    version = {"version": summary.version}
    context: dict[str, Any] = {
        "edit_form": EditForm(summary=summary),
        "refresh_form": VersionForm(initial=version, auto_id="cap-nhat-%s"),
        "return_form": ReturnForm(initial=version),
        "approve_form": ApproveForm(initial=version),
        "issue_form": VersionForm(initial=version, auto_id="ban-hanh-%s"),
    }
    if refused:
        context[slot] = refused[1]
    edit = context["edit_form"] if show["edit_form"] else None
    events = list(selectors.summary_events(summary))
    returned = [e for e in events if e.action == SummaryEvent.Action.RETURNED]
    approved = [e for e in events if e.action == SummaryEvent.Action.APPROVED]
    context.update(
        {
            "title": _("Báo cáo tổng hợp %(period)s · %(unit)s")
            % {"period": parse_period(summary.period).short_label, "unit": unit.name},
            "summary": summary,
            "events": events,
            "last_return": returned[-1] if returned and summary.state == St.RETURNED else None,
            "approval": approved[-1] if approved else None,
            "show": show,
            "stale": stale,
            "sections": _section_views(summary, edit, stale),
            "figures": _figure_views(summary, edit),
        }
    )
    return render(request, "reporting/summary.html", context)


@login_required
@require_GET
def summary_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.summary_get(user=request.user, pk=pk))


# --- the steps -------------------------------------------------------------------------------

FormFactory = Callable[[Any, SummaryReport], forms.Form]
Perform = Callable[[AuthenticatedRequest, SummaryReport, forms.Form, dict[str, Any]], Any]


def _act(
    request: AuthenticatedRequest,
    pk: int,
    slot: str,
    cap: Cap,
    make: FormFactory,
    perform: Perform,
    done: str | Callable[[Any], str],
) -> HttpResponse:
    """Check the form, call the service and go back to the summary; a refused step shows
    the page again with the form as typed (and, when stale, the summary as it is now)."""
    summary = selectors.summary_get(user=request.user, pk=pk)
    # The service checks it too; here a form nobody may use is not even read (403, not a
    # form error shown to whoever cannot act).
    require_cap(request.user, cap, summary.org_unit)
    form = make(request.POST, summary)
    conflict: list[StaleSummary] = []

    def action(data: dict[str, Any]) -> Any:
        try:
            return perform(request, summary, form, data)
        except StaleSummary as exc:
            conflict.append(exc)
            raise
        except FiguresRefused as exc:
            for key, message in exc.errors.items():
                if f"value_{key}" in form.fields:
                    form.add_error(f"value_{key}", message)
            raise

    if run_form(request, form, action, success=done) is not None:
        return redirect("reporting:summary", pk=pk)
    current = selectors.summary_get(user=request.user, pk=pk)
    if conflict:
        # The same typed form, with the version now current: saving it again goes through.
        data = request.POST.copy()
        data["version"] = str(conflict[0].current.version)
        form = make(data, current)
        form.full_clean()
        form.add_error(None, conflict[0].message)
    return _page(
        request, current, refused=(slot, form), stale=conflict[0].current if conflict else None
    )


def _edit_form(data: Any, summary: SummaryReport) -> forms.Form:
    return EditForm(data, summary=summary)


def _save(
    request: AuthenticatedRequest, summary: SummaryReport, form: forms.Form, data: dict[str, Any]
) -> SummaryReport | None:
    """Save what was changed; None when nothing was (no empty step in the timeline)."""
    assert isinstance(form, EditForm)
    edits = form.edits()
    if not edits:
        return None
    return summary_services.summary_save(
        actor=request.user, summary=summary, version=data["version"], **edits
    )


def _saved(summary: SummaryReport | None) -> str:
    return _("Đã lưu dự thảo.") if summary else _("Không có thay đổi nào cần lưu.")


@login_required
@require_POST
def summary_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "edit_form", Cap.REPORTING_REVIEW, _edit_form, _save, _saved)


def _submit(
    request: AuthenticatedRequest, summary: SummaryReport, form: forms.Form, data: dict[str, Any]
) -> SummaryReport:
    # What was typed goes with it: "Trình ký" is pressed on the same form as "Lưu".
    with transaction.atomic():
        saved = _save(request, summary, form, data)
        return summary_services.summary_submit(
            actor=request.user,
            summary=saved or summary,
            version=saved.version if saved else data["version"],
        )


@login_required
@require_POST
def summary_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "edit_form",
        Cap.REPORTING_REVIEW,
        _edit_form,
        _submit,
        _("Đã trình ký báo cáo tổng hợp."),
    )


def _version_form(data: Any, summary: SummaryReport) -> forms.Form:
    return VersionForm(data)


@login_required
@require_POST
def summary_refresh(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def perform(request: AuthenticatedRequest, summary: SummaryReport, form: Any, data: Any) -> Any:
        return summary_services.summary_refresh(
            actor=request.user, summary=summary, version=data["version"]
        )

    done = _("Đã lập lại số liệu và nội dung từ dữ liệu hôm nay.")
    return _act(request, pk, "refresh_form", Cap.REPORTING_REVIEW, _version_form, perform, done)


@login_required
@require_POST
def summary_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def perform(request: AuthenticatedRequest, summary: SummaryReport, form: Any, data: Any) -> Any:
        return summary_services.summary_return(
            actor=request.user, summary=summary, version=data["version"], comment=data["comment"]
        )

    done = _("Đã trả lại báo cáo cho Văn phòng kèm ý kiến.")
    return _act(
        request, pk, "return_form", Cap.REPORTING_APPROVE, lambda d, s: ReturnForm(d), perform, done
    )


@login_required
@require_POST
def summary_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def perform(request: AuthenticatedRequest, summary: SummaryReport, form: Any, data: Any) -> Any:
        return summary_services.summary_approve(
            actor=request.user, summary=summary, version=data["version"], comment=data["comment"]
        )

    done = _("Đã duyệt báo cáo tổng hợp; Văn phòng ban hành.")
    return _act(
        request,
        pk,
        "approve_form",
        Cap.REPORTING_APPROVE,
        lambda d, s: ApproveForm(d),
        perform,
        done,
    )


@login_required
@require_POST
def summary_issue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def perform(request: AuthenticatedRequest, summary: SummaryReport, form: Any, data: Any) -> Any:
        return summary_services.summary_issue(
            actor=request.user, summary=summary, version=data["version"]
        )

    def done(summary: SummaryReport) -> str:
        assert summary.document is not None
        return _("Đã ban hành báo cáo %(reference)s.") % {"reference": summary.document.reference}

    return _act(request, pk, "issue_form", Cap.DOCUMENTS_REGISTER, _version_form, perform, done)


# --- the files -------------------------------------------------------------------------------


@login_required
@require_GET
def summary_file(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    """The DOCX or PDF: the issued document's frozen files, else the draft rendered now; the
    XLSX of its figures."""
    summary = selectors.summary_get(user=request.user, pk=pk)
    if kind == "xlsx":
        # The figures as stored: frozen once issued, like the document.
        return xlsx_response(summary_workbook(summary), f"so-lieu-tong-hop-{summary.period}.xlsx")
    if kind not in ("docx", "pdf"):
        raise Http404
    document = summary.document
    try:
        if document is not None and document.docx is not None:
            if kind == "pdf":
                if document.pdf is None:
                    document = documents.document_store_pdf(actor=request.user, document=document)
                assert document.pdf is not None
                with document.pdf.file.open("rb") as handle:
                    data = handle.read()
            else:
                data = document_selectors.document_docx_bytes(document)
            stem = f"{document.doc_type}-{document.number:02d}-{summary.period}"
        else:
            data = render_docx(summary_services.document_data(summary))
            if kind == "pdf":
                data = render_pdf(data)
            stem = f"du-thao-bao-cao-tong-hop-{summary.period}"
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:summary", pk=summary.pk)
    response = HttpResponse(data, content_type=MIME_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response
