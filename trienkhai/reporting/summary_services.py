"""The office's summary report (báo cáo tổng hợp) of a unit for one period of a plan:
built → edited → trình ký → returned or approved by a leader → issued with a number.

Building reads the system's figures for the unit's subtree as of the window's end, the units'
accepted reports (their corrections and narratives) and writes the sections into the draft;
from then on the draft is text the office edits, not a live view, so what the leader approved
is what is issued. Issuing renders that text in the Party format, takes the number from the
register (documents.services, in the same transaction), freezes the figures, and answers the
level above's request for this period with them.

Every step runs under a row lock with the version the editor read (`StaleSummary`), is one
`SummaryEvent` and one audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.periods import Period, parse_period
from trienkhai.core.text import clean_text
from trienkhai.documents import services as documents
from trienkhai.documents.data import (
    DocumentData,
    block_from_dict,
    block_to_dict,
    document_from_dict,
)
from trienkhai.documents.figures import (
    FigureValue,
    figure_to_dict,
    parse_value,
    report_figures,
    value_to_json,
)
from trienkhai.documents.models import DocType
from trienkhai.documents.summary import (
    SectionContent,
    SummaryScope,
    summary_document,
    summary_sections,
    summary_title,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.reporting import services
from trienkhai.reporting.content import FiguresRefused, figures_in, prefill_of
from trienkhai.reporting.models import (
    ReportRequest,
    RequestState,
    SummaryEvent,
    SummaryReport,
    SummaryState,
)
from trienkhai.reporting.summary import asked
from trienkhai.reporting.summary_text import blocks_to_text, tables_of, text_to_blocks

St = SummaryState


class StaleSummary(DomainError):
    def __init__(self, current: SummaryReport) -> None:
        super().__init__(
            _(
                "Báo cáo tổng hợp vừa được thay đổi (%(state)s) trong lúc đồng chí đang sửa. "
                "Nội dung của đồng chí vẫn còn bên dưới: xem bản hiện tại rồi lưu lại."
            )
            % {"state": current.get_state_display().lower()},
            "stale",
        )
        self.current = current


class SummaryStepRefused(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "transition_not_allowed")


# --- building --------------------------------------------------------------------------------


def scope_of(summary: SummaryReport) -> SummaryScope:
    """The summary's scope, counted up to its reference date (`SummaryReport.as_of`)."""
    return SummaryScope(
        unit=summary.org_unit,
        period=parse_period(summary.period),
        start=summary.window_start,
        end=summary.as_of,
        plan=summary.plan,
    )


def window_for(unit: OrgUnit, plan: Plan, period: Period) -> tuple[date, date]:
    """The data window the unit's requests of the period used, else the default (15th)."""
    first = (
        ReportRequest.objects.filter(
            schedule__org_unit=unit, schedule__plan=plan, period=period.code
        )
        .values_list("window_start", "window_end")
        .first()
    )
    return first or period.data_window()


def sections_to_json(sections: list[SectionContent]) -> list[dict[str, Any]]:
    return [
        {
            "key": s.key,
            "heading": s.heading,
            "level": s.level,
            "blocks": [block_to_dict(b) for b in s.blocks],
        }
        for s in sections
    ]


def sections_from_json(raw: list[dict[str, Any]]) -> list[SectionContent]:
    return [
        SectionContent(
            key=s["key"],
            heading=s["heading"],
            level=int(s.get("level", 1)),
            blocks=tuple(block_from_dict(b) for b in s.get("blocks", [])),
        )
        for s in raw
    ]


def _add(a: FigureValue, b: FigureValue) -> FigureValue:
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return Decimal(a) + Decimal(b)


def covering(rows: Iterable[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    """Rows (unit path first, in path order) without those of a unit under another row's:
    a đảng bộ bộ phận's report already counts its chi bộ, which are not added twice."""
    kept: list[tuple[str, Any, Any]] = []
    for row in rows:
        if not any(row[0].startswith(top[0]) for top in kept):
            kept.append(row)
    return kept


def build_figures(scope: SummaryScope) -> list[dict[str, Any]]:
    """Each figure with the system's count for the unit's subtree (`system`), the sum of the
    accepted reports' figures (`reported`), the corrections those reports made to what the
    system counted for them (`adjust`), and the figure the summary states (`value`): the
    system's plus the corrections; or the reports' sum where the system does not count them:
    a figure it has no count of, and every additive figure when the reports were counted on
    other plans (the city's communes report on their own plans)."""
    reports = covering(
        asked(scope)
        .filter(state=RequestState.ACCEPTED)
        .order_by("org_unit__path")
        .values_list("org_unit__path", "fields", "prefill")
    )
    accepted = [
        (fields or {}, {f.key: f for f in figures_in(prefill or {})})
        for _p, fields, prefill in reports
    ]
    # Reports counted on other plans than this summary's (the communes' own plans, at the
    # city): the system's count for this plan does not hold their figures, their sum does.
    own = scope.plan.pk if scope.plan else None
    foreign = any((prefill or {}).get("plan", own) != own for _p, _f, prefill in reports)
    figures = {f.key: f for f in report_figures(scope)}
    system_keys = set(figures)
    for _fields, theirs in accepted:
        for key, figure in theirs.items():
            figures.setdefault(key, replace(figure, value=None))
    rows = []
    for key, figure in figures.items():
        reported: FigureValue = None
        adjust: FigureValue = None
        for fields, theirs in accepted if figure.additive else ():
            if key not in fields or key not in theirs:
                continue
            try:
                value = parse_value(fields[key], integer=figure.integer)
            except ValueError:
                continue
            reported = _add(reported, value)
            counted = theirs[key].value
            if value is not None and counted is not None and value != counted:
                adjust = _add(adjust, _add(value, -counted))
        if key in system_keys and not (foreign and figure.additive):
            stated = _add(figure.value, adjust)
        else:
            stated = reported
        rows.append(
            {
                **figure_to_dict(figure),
                "system": value_to_json(figure.value) if key in system_keys else None,
                "reported": value_to_json(reported),
                "adjust": value_to_json(adjust),
                "value": value_to_json(stated),
                "note": "",
            }
        )
    return rows


def _upper_request(unit: OrgUnit, period: Period) -> ReportRequest | None:
    """The level above's request to this unit for the period, while it can still be sent."""
    return (
        ReportRequest.objects.filter(org_unit=unit, period=period.code)
        .exclude(schedule__org_unit=unit)
        .filter(state__in=(RequestState.NOT_STARTED, RequestState.DRAFT, RequestState.RETURNED))
        .select_related("schedule")
        .order_by("due", "pk")
        .first()
    )


def _fill(summary: SummaryReport) -> None:
    summary.built_at = timezone.now()
    scope = scope_of(summary)
    summary.sections = sections_to_json(summary_sections(scope))
    summary.figures = build_figures(scope)


# --- steps -----------------------------------------------------------------------------------


def _locked(summary: SummaryReport, version: int | None) -> SummaryReport:
    current = (
        SummaryReport.objects.select_for_update(of=("self",))
        .select_related("org_unit", "plan")
        .get(pk=summary.pk)
    )
    if version is not None and version != current.version:
        raise StaleSummary(current)
    return current


def _step(
    actor: Actor,
    summary: SummaryReport,
    action: str,
    to_state: str,
    *,
    comment: str = "",
    fields: list[str] | None = None,
) -> SummaryReport:
    from_state = summary.state
    summary.state = to_state
    summary.version += 1
    summary.save(update_fields=["state", "version", "updated_at", *(fields or [])])
    SummaryEvent.objects.create(
        summary=summary,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        at=timezone.now(),
        actor=person_of(actor),
    )
    words = dict(SummaryEvent.Action.choices)[action]
    text = f"{words}: {summary.title}"
    if comment:
        text += f" ({comment})"
    audit_action(actor=actor, action=f"reporting.summary.{action}", obj=summary, summary=text)
    return summary


def _require_editable(summary: SummaryReport) -> None:
    if not summary.editable:
        raise SummaryStepRefused(
            _("Báo cáo tổng hợp %(state)s nên không sửa được.")
            % {"state": summary.get_state_display().lower()}
        )


@transaction.atomic
def summary_create(
    *, actor: Actor, unit: OrgUnit, plan: Plan, period: Period
) -> tuple[SummaryReport, bool]:
    """The draft of the unit's summary for the period, built now; a second "create" of the
    same summary opens the first (False) instead of making a twin."""
    require_cap(actor, Cap.REPORTING_REVIEW, unit)
    if not unit.path.startswith(plan.org_unit.path):
        raise DomainError(
            _("Kế hoạch %(plan)s không áp dụng cho %(unit)s.")
            % {"plan": plan.reference, "unit": unit.name},
            field="plan",
        )
    existing = SummaryReport.objects.filter(org_unit=unit, plan=plan, period=period.code).first()
    if existing is not None:
        return existing, False
    start, end = window_for(unit, plan, period)
    scope = SummaryScope(
        unit=unit, period=period, start=start, end=min(end, timezone.localdate()), plan=plan
    )
    summary = SummaryReport(
        org_unit=unit,
        plan=plan,
        period=period.code,
        window_start=start,
        window_end=end,
        title=summary_title(scope)[:500],
        answers=_upper_request(unit, period),
        created_by=person_of(actor),
    )
    _fill(summary)
    summary.save()
    SummaryEvent.objects.create(
        summary=summary,
        action=SummaryEvent.Action.CREATED,
        from_state=St.DRAFT,
        to_state=St.DRAFT,
        at=timezone.now(),
        actor=person_of(actor),
    )
    audit_action(
        actor=actor,
        action="reporting.summary.created",
        obj=summary,
        summary=_("Lập dự thảo báo cáo tổng hợp: %(title)s") % {"title": summary.title},
        created=True,
    )
    return summary, True


@transaction.atomic
def summary_refresh(*, actor: Actor, summary: SummaryReport, version: int | None) -> SummaryReport:
    """Build the sections and figures again from today's data (the office's edits go)."""
    require_cap(actor, Cap.REPORTING_REVIEW, summary.org_unit)
    summary = _locked(summary, version)
    _require_editable(summary)
    _fill(summary)
    if summary.answers_id is None:
        summary.answers = _upper_request(summary.org_unit, parse_period(summary.period))
    return _step(
        actor,
        summary,
        "refreshed",
        St.DRAFT,
        fields=["sections", "figures", "built_at", "answers"],
    )


@transaction.atomic
def summary_save(
    *,
    actor: Actor,
    summary: SummaryReport,
    version: int | None,
    title: str | None = None,
    texts: Mapping[str, str] | None = None,
    values: Mapping[str, Any] | None = None,
    notes: Mapping[str, str] | None = None,
) -> SummaryReport:
    """The office's edits: the trích yếu, the text of each section (`texts` by section key),
    a stated figure changed with its note."""
    require_cap(actor, Cap.REPORTING_REVIEW, summary.org_unit)
    summary = _locked(summary, version)
    _require_editable(summary)
    if title is not None:
        title = clean_text(title)
        if not title:
            raise DomainError(_("Cần có trích yếu của báo cáo."), field="title")
        summary.title = title[:500]
    if texts is not None:
        sections = sections_from_json(summary.sections)
        summary.sections = sections_to_json(
            [
                replace(s, blocks=text_to_blocks(texts[s.key], tables_of(s.blocks)))
                if s.key in texts
                else s
                for s in sections
            ]
        )
    if values is not None or notes is not None:
        summary.figures = _edited_figures(summary.figures, values or {}, notes or {})
    return _step(actor, summary, "saved", summary.state, fields=["title", "sections", "figures"])


def _edited_figures(
    figures: list[dict[str, Any]], values: Mapping[str, Any], notes: Mapping[str, str]
) -> list[dict[str, Any]]:
    errors: dict[str, str] = {}
    out = []
    for row in figures:
        row = dict(row)
        key = row["key"]
        if key in values:
            try:
                value = parse_value(values[key], integer=bool(row.get("integer", True)))
            except ValueError:
                errors[key] = _("“%(raw)s” không phải số.") % {"raw": values[key]}
                continue
            if value is not None and value < 0:
                errors[key] = _("Số liệu không được âm.")
                continue
            row["value"] = value_to_json(value)
        if key in notes:
            row["note"] = clean_text(notes[key])[:500]
        out.append(row)
    by_key = {r["key"]: r for r in out}
    for row in out:
        whole = by_key.get(row.get("at_most") or "")
        if (
            whole
            and row["value"] is not None
            and whole["value"] is not None
            and Decimal(str(row["value"])) > Decimal(str(whole["value"]))
        ):
            errors[row["key"]] = _("%(label)s không được lớn hơn %(whole)s.") % {
                "label": row["label"],
                "whole": str(whole["label"]).lower(),
            }
    if errors:
        raise FiguresRefused(errors)
    return out


@transaction.atomic
def summary_submit(*, actor: Actor, summary: SummaryReport, version: int | None) -> SummaryReport:
    """Trình ký: the draft goes to the leaders."""
    require_cap(actor, Cap.REPORTING_REVIEW, summary.org_unit)
    summary = _locked(summary, version)
    _require_editable(summary)
    summary.submitted_at = timezone.now()
    return _step(actor, summary, "submitted", St.PENDING, fields=["submitted_at"])


def _require_pending(summary: SummaryReport) -> None:
    if summary.state != St.PENDING:
        raise SummaryStepRefused(
            _("Chỉ duyệt hoặc trả lại được báo cáo đang trình ký (báo cáo này: %(state)s).")
            % {"state": summary.get_state_display().lower()}
        )


@transaction.atomic
def summary_return(
    *, actor: Actor, summary: SummaryReport, version: int | None, comment: str
) -> SummaryReport:
    require_cap(actor, Cap.REPORTING_APPROVE, summary.org_unit)
    summary = _locked(summary, version)
    _require_pending(summary)
    comment = comment.strip()
    if not comment:
        raise DomainError(
            _("Cần ghi ý kiến khi trả lại để Văn phòng biết phải sửa gì."), field="comment"
        )
    return _step(actor, summary, "returned", St.RETURNED, comment=comment)


@transaction.atomic
def summary_approve(
    *, actor: Actor, summary: SummaryReport, version: int | None, comment: str = ""
) -> SummaryReport:
    require_cap(actor, Cap.REPORTING_APPROVE, summary.org_unit)
    summary = _locked(summary, version)
    _require_pending(summary)
    summary.approved_at = timezone.now()
    summary.approved_by = person_of(actor)
    return _step(
        actor,
        summary,
        "approved",
        St.APPROVED,
        comment=comment.strip(),
        fields=["approved_at", "approved_by"],
    )


def document_data(summary: SummaryReport) -> DocumentData:
    """The report as it prints, from the summary's own text (a draft: no number)."""
    if summary.document_id is not None and summary.document and summary.document.content:
        return document_from_dict(summary.document.content)
    return summary_document(
        scope_of(summary), sections_from_json(summary.sections), title=summary.title
    )


@transaction.atomic
def summary_issue(
    *, actor: Actor, summary: SummaryReport, version: int | None, day: date | None = None
) -> SummaryReport:
    """Number, date and render the approved report; it answers the level above's request."""
    require_cap(actor, Cap.DOCUMENTS_REGISTER, summary.org_unit)
    summary = _locked(summary, version)
    if summary.state != St.APPROVED:
        raise SummaryStepRefused(
            _("Chỉ ban hành được báo cáo tổng hợp lãnh đạo đã duyệt (báo cáo này: %(state)s).")
            % {"state": summary.get_state_display().lower()}
        )
    draft = documents.document_draft_create(
        actor=actor,
        issuer=summary.org_unit,
        doc_type=DocType.BAO_CAO,
        data=document_data(summary),
        period=summary.period,
    )
    issued = documents.document_issue(actor=actor, document=draft, day=day)
    summary.document = issued
    summary.issued_at = timezone.now()
    summary = _step(
        actor,
        summary,
        "issued",
        St.ISSUED,
        comment=issued.reference,
        fields=["document", "issued_at"],
    )
    _answer_upper(actor, summary)
    return summary


def _answer_upper(actor: Actor, summary: SummaryReport) -> None:
    """Send the issued figures and text as this unit's report to the level above."""
    request = summary.answers or _upper_request(summary.org_unit, parse_period(summary.period))
    if request is None or request.state not in services.EDITABLE:
        return
    assert summary.document is not None
    stated = {row["key"]: row.get("value") for row in summary.figures}
    note = _("Theo %(reference)s") % {"reference": summary.document.reference}
    fields: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for figure in figures_in(prefill_of(request)):
        if figure.key in stated:
            fields[figure.key] = stated[figure.key]
            notes[figure.key] = note
    sections = {s.key: s for s in sections_from_json(summary.sections)}

    def text(*keys: str) -> str:
        return "\n".join(blocks_to_text(sections[k].blocks) for k in keys if k in sections).strip()

    if summary.document.docx is not None:
        with summary.document.docx.file.open("rb") as handle:
            services.request_attach(
                actor=actor,
                request=request,
                data=handle.read(),
                name=f"{summary.document.doc_type}-{summary.document.number:02d}.docx",
                signed=False,
            )
    request.refresh_from_db()
    services.request_submit(
        actor=actor,
        request=request,
        version=request.version,
        fields=fields,
        notes=notes,
        narrative=_("%(reference)s: %(title)s")
        % {"reference": summary.document.reference, "title": summary.title},
        sections={"han_che": text("limitations"), "de_xuat": text("proposals")},
    )
    if summary.answers_id != request.pk:
        summary.answers = request
        summary.save(update_fields=["answers", "updated_at"])
