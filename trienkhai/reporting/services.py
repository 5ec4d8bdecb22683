"""Every change of a report request: save, submit, return, accept, reopen, extend.

Each runs under a row lock on the request and checks the version the editor read: a second
editor whose page is stale gets `StaleRequest` (the page shows them the other person's
report and keeps their own text), never a silent overwrite. A step the state does not allow
is a `StepRefused` with a Vietnamese message saying why. Every step is one `ReportEvent`
(the timeline) and one audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, has_cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.steps import StepRefused  # a step the state does not allow: 422 in the API
from trienkhai.documents.figures import value_to_json
from trienkhai.reporting.content import (
    checked_values,
    figures_in,
    fresh_prefill,
    previous_values,
)
from trienkhai.reporting.models import (
    NARRATIVE_SECTIONS,
    ReportAttachment,
    ReportEvent,
    ReportRequest,
    RequestState,
)

S = RequestState
EDITABLE = (S.NOT_STARTED, S.DRAFT, S.RETURNED)


class StaleRequest(DomainError):
    """The request changed since the editor read it; `current` is how it is now."""

    def __init__(self, current: ReportRequest) -> None:
        super().__init__(
            _(
                "Báo cáo này vừa được %(who)s thay đổi (%(state)s) trong lúc đồng chí đang sửa. "
                "Nội dung của đồng chí vẫn còn bên dưới: xem bản hiện tại rồi lưu lại."
            )
            % {"who": _last_actor(current), "state": current.get_state_display().lower()},
            "stale",
        )
        self.current = current


def _last_actor(request: ReportRequest) -> str:
    event = request.events.select_related("actor").order_by("-at", "-pk").first()
    if event is None or event.actor is None:
        return _("người khác")
    return event.actor.get_full_name() or event.actor.username


class _Repeated(Exception):
    """The stale change is this very step, sent again (a double tap on a slow phone)."""

    def __init__(self, current: ReportRequest) -> None:
        super().__init__()
        self.current = current


def _locked(
    request: ReportRequest, version: int | None, *, repeat: tuple[Actor, str] | None = None
) -> ReportRequest:
    """The request under a row lock, as the editor read it (`version`), else `StaleRequest`;
    with `repeat` = (actor, action), a change that is that actor's same step just before is
    `_Repeated`: the step is done once, not refused."""
    current = (
        ReportRequest.objects.select_for_update().select_related("schedule").get(pk=request.pk)
    )
    if version is not None and version != current.version:
        if repeat is not None and version + 1 == current.version:
            last = current.events.order_by("-at", "-pk").first()
            actor, action = repeat
            if last is not None and last.action == action and last.actor == person_of(actor):
                raise _Repeated(current)
        raise StaleRequest(current)
    return current


def _step(
    actor: Actor,
    request: ReportRequest,
    action: str,
    to_state: str,
    *,
    reason: str = "",
    on_behalf: bool = False,
    fields: list[str] | None = None,
) -> ReportRequest:
    from_state = request.state
    request.state = to_state
    request.version += 1
    request.save(update_fields=["state", "version", "updated_at", *(fields or [])])
    ReportEvent.objects.create(
        request=request,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        on_behalf=on_behalf,
        at=timezone.now(),
        actor=person_of(actor),
    )
    words = dict(ReportEvent.Action.choices)[action]
    summary = f"{words}: {request.schedule.title}, kỳ {request.period}"
    if reason:
        summary += f" ({reason})"
    if on_behalf:
        summary += _(" — Văn phòng nhập thay")
    audit_action(actor=actor, action=f"reporting.request.{action}", obj=request, summary=summary)
    return request


def _on_behalf(actor: Actor, request: ReportRequest) -> bool:
    """Whether the office writes the unit's report for it ("nhập thay"): whoever reviews the
    schedule's reports writes as the office, even where it may also submit."""
    return has_cap(actor, Cap.REPORTING_REVIEW, request.schedule.org_unit)


def _require_writer(actor: Actor, request: ReportRequest) -> bool:
    """The unit itself, or the office above it writing on its behalf; returns `on_behalf`."""
    on_behalf = _on_behalf(actor, request)
    if not on_behalf:
        require_cap(actor, Cap.REPORTING_SUBMIT, request.org_unit)
    return on_behalf


def _require_editable(request: ReportRequest) -> None:
    if request.state == S.ACCEPTED:
        raise StepRefused(
            _("Báo cáo đã được duyệt nên đã khóa; chỉ Văn phòng mở lại được (ghi rõ lý do).")
        )
    if request.state == S.SUBMITTED:
        raise StepRefused(
            _("Báo cáo đã gửi, đang chờ xem xét: không sửa được nữa trừ khi bị trả lại.")
        )


@dataclass(frozen=True)
class Content:
    """What a writer sends: figures ({key: value}) with their notes, kết quả (`narrative`) and
    the other narrative parts ({"han_che": …}); None leaves that part as it is."""

    fields: Mapping[str, Any] | None = None
    narrative: str | None = None
    notes: Mapping[str, str] | None = None
    sections: Mapping[str, str] | None = None


def _put_content(request: ReportRequest, content: Content, *, final: bool) -> list[str]:
    """Put `content` in the (locked) request, checking its figures; the columns changed.
    The system's figures are fixed the first time the unit writes (as of the window's end)."""
    changed = []
    if not request.prefill.get("figures"):
        request.prefill = fresh_prefill(request)
        changed.append("prefill")
    if content.fields is not None:
        request.fields, request.notes = checked_values(
            figures_in(request.prefill),
            content.fields,
            content.notes if content.notes is not None else request.notes,
            previous_values(request),
            soft=final,
        )
        changed += ["fields", "notes"]
    elif not request.fields:
        # A unit that leaves its figures alone reports them as the system counted them.
        request.fields = {f.key: value_to_json(f.value) for f in figures_in(request.prefill)}
        changed.append("fields")
        if content.notes is not None:
            request.notes = {k: v.strip()[:500] for k, v in content.notes.items() if v.strip()}
            changed.append("notes")
    elif content.notes is not None:
        request.notes = {k: v.strip()[:500] for k, v in content.notes.items() if v.strip()}
        changed.append("notes")
    if content.narrative is not None:
        request.narrative = content.narrative.strip()
        changed.append("narrative")
    if content.sections is not None:
        keys = dict(NARRATIVE_SECTIONS)
        request.sections = {
            k: v.strip() for k, v in content.sections.items() if k in keys and v.strip()
        }
        changed.append("sections")
    return changed


def _written(
    actor: Actor,
    request: ReportRequest,
    version: int | None,
    content: Content,
    action: str,
) -> tuple[ReportRequest, bool, list[str]]:
    """The locked request with what the writer sent put in; whether the office writes for the
    unit; the columns changed."""
    on_behalf = _require_writer(actor, request)
    request = _locked(request, version, repeat=(actor, action))
    _require_editable(request)
    return request, on_behalf, _put_content(request, content, final=action == "submitted")


@transaction.atomic
def request_save(
    *,
    actor: Actor,
    request: ReportRequest,
    version: int | None,
    fields: Mapping[str, Any] | None = None,
    narrative: str | None = None,
    notes: Mapping[str, str] | None = None,
    sections: Mapping[str, str] | None = None,
) -> ReportRequest:
    """Keep a draft: the unit (or the office for it) may come back to it."""
    content = Content(fields, narrative, notes, sections)
    try:
        request, on_behalf, changed = _written(actor, request, version, content, "saved")
    except _Repeated as repeated:
        return _saved_again(repeated.current, content)
    return _step(actor, request, "saved", S.DRAFT, on_behalf=on_behalf, fields=changed)


@transaction.atomic
def request_submit(
    *,
    actor: Actor,
    request: ReportRequest,
    version: int | None,
    fields: Mapping[str, Any] | None = None,
    narrative: str | None = None,
    notes: Mapping[str, str] | None = None,
    sections: Mapping[str, str] | None = None,
) -> ReportRequest:
    """Send the report up. A report may be only its signed file (figures optional): the
    figures then stay as the system counted them, unchecked."""
    content = Content(fields, narrative, notes, sections)
    try:
        request, on_behalf, changed = _written(actor, request, version, content, "submitted")
    except _Repeated as repeated:
        return repeated.current  # sent already, by the same tap
    signed = request.attachments.filter(signed=True).exists()
    if content.fields is None and request.fields and not signed:
        # Figures kept in a draft pass the same checks as figures sent now.
        checked_values(
            figures_in(request.prefill), request.fields, request.notes, previous_values(request)
        )
    if not (request.narrative.strip() or request.sections or signed):
        raise DomainError(
            _(
                "Báo cáo chưa có nội dung: hãy nhập kết quả thực hiện, hoặc đính kèm bản báo "
                "cáo đã ký (Word hoặc PDF) trước khi gửi."
            ),
            field="narrative",
        )
    now = timezone.now()
    request.submitted_at = now
    request.first_submitted_at = request.first_submitted_at or now
    changed += ["submitted_at", "first_submitted_at"]
    return _step(actor, request, "submitted", S.SUBMITTED, on_behalf=on_behalf, fields=changed)


def _saved_again(current: ReportRequest, content: Content) -> ReportRequest:
    """A draft saved twice in a row by the same person: the newer text is kept, as a second
    save of one's own draft would (nobody else's text is in between)."""
    _require_editable(current)
    changed = _put_content(current, content, final=False)
    if changed:
        current.save(update_fields=[*changed, "updated_at"])
    return current


def _require_reviewer(actor: Actor, request: ReportRequest) -> None:
    require_cap(actor, Cap.REPORTING_REVIEW, request.schedule.org_unit)


@transaction.atomic
def request_return(
    *, actor: Actor, request: ReportRequest, version: int | None, reason: str
) -> ReportRequest:
    _require_reviewer(actor, request)
    try:
        request = _locked(request, version, repeat=(actor, "returned"))
    except _Repeated as repeated:
        return repeated.current
    if request.state != S.SUBMITTED:
        raise StepRefused(
            _("Chỉ trả lại được báo cáo đã gửi (báo cáo này: %(state)s).")
            % {"state": request.get_state_display().lower()}
        )
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do trả lại để đơn vị biết phải sửa gì."), field="reason")
    request.returns += 1
    return _step(actor, request, "returned", S.RETURNED, reason=reason.strip(), fields=["returns"])


@transaction.atomic
def request_accept(*, actor: Actor, request: ReportRequest, version: int | None) -> ReportRequest:
    _require_reviewer(actor, request)
    try:
        request = _locked(request, version, repeat=(actor, "accepted"))
    except _Repeated as repeated:
        return repeated.current
    if request.state != S.SUBMITTED:
        raise StepRefused(
            _("Chỉ duyệt được báo cáo đã gửi (báo cáo này: %(state)s).")
            % {"state": request.get_state_display().lower()}
        )
    request.accepted_at = timezone.now()
    return _step(actor, request, "accepted", S.ACCEPTED, fields=["accepted_at"])


@transaction.atomic
def request_reopen(
    *, actor: Actor, request: ReportRequest, version: int | None, reason: str
) -> ReportRequest:
    """Unlock an accepted report (the office only, with a reason): it goes back to the unit."""
    _require_reviewer(actor, request)
    request = _locked(request, version)
    if request.state != S.ACCEPTED:
        raise StepRefused(_("Chỉ mở lại được báo cáo đã duyệt."))
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do mở lại báo cáo đã duyệt."), field="reason")
    request.accepted_at = None
    return _step(
        actor, request, "reopened", S.RETURNED, reason=reason.strip(), fields=["accepted_at"]
    )


@transaction.atomic
def request_extend(
    *, actor: Actor, request: ReportRequest, until: date, reason: str
) -> ReportRequest:
    """A later due date for one unit, with its reason (the state does not change)."""
    _require_reviewer(actor, request)
    request = _locked(request, None)
    if request.state == S.ACCEPTED:
        raise StepRefused(_("Báo cáo đã duyệt, không cần gia hạn."))
    if until <= request.due:
        raise DomainError(
            _("Ngày gia hạn phải sau hạn nộp (%(due)s).") % {"due": format_date_short(request.due)},
            field="until",
        )
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do gia hạn."), field="reason")
    request.extended_due = until
    request.extension_reason = reason.strip()[:300]
    note = _("đến %(day)s: %(reason)s") % {
        "day": format_date_short(until),
        "reason": reason.strip(),
    }
    return _step(
        actor,
        request,
        "extended",
        request.state,
        reason=note,
        fields=["extended_due", "extension_reason"],
    )


SIGNED_KINDS = ("docx", "pdf")
ANNEX_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")


@transaction.atomic
def request_attach(
    *, actor: Actor, request: ReportRequest, data: bytes, name: str, signed: bool
) -> ReportAttachment:
    """Add the signed report (Word or PDF; it replaces an earlier one) or an annex."""
    on_behalf = _require_writer(actor, request)
    request = _locked(request, None)
    _require_editable(request)
    stored = stored_file_create(
        data=data,
        name=name,
        user=person_of(actor),
        owner=request,
        allowed=SIGNED_KINDS if signed else ANNEX_KINDS,
    )
    if signed:
        request.attachments.filter(signed=True).update(signed=False)
    attachment = ReportAttachment.objects.create(
        request=request, file=stored, signed=signed, added_by=person_of(actor)
    )
    what = _("bản báo cáo đã ký") if signed else _("tệp kèm theo")
    summary = _("Đính kèm %(what)s: %(name)s (%(report)s, kỳ %(period)s)") % {
        "what": what,
        "name": stored.original_name,
        "report": request.schedule.title,
        "period": request.period,
    }
    if on_behalf:
        summary += _(" — Văn phòng nhập thay")
    audit_action(actor=actor, action="reporting.request.attached", obj=request, summary=summary)
    return attachment


@transaction.atomic
def request_detach(*, actor: Actor, attachment: ReportAttachment) -> None:
    request = attachment.request
    _require_writer(actor, request)
    request = _locked(request, None)
    _require_editable(request)
    name = attachment.file.original_name
    attachment.delete()
    audit_action(
        actor=actor,
        action="reporting.request.detached",
        obj=request,
        summary=_("Bỏ tệp %(name)s khỏi báo cáo") % {"name": name},
    )


@transaction.atomic
def request_refresh_figures(
    *, actor: Actor, request: ReportRequest, version: int | None
) -> ReportRequest:
    """Count the system's figures again (data entered late): the figures the unit kept as
    counted follow the new count; those it corrected, with their notes, stay."""
    on_behalf = _require_writer(actor, request)
    request = _locked(request, version)
    _require_editable(request)
    old = {f.key: f.value for f in figures_in(request.prefill)}
    request.prefill = fresh_prefill(request)
    kept = {}
    for figure in figures_in(request.prefill):
        stored = request.fields.get(figure.key)
        corrected = figure.key in request.notes and stored != value_to_json(old.get(figure.key))
        if corrected:
            kept[figure.key] = stored
    request.fields = kept
    request.notes = {k: v for k, v in request.notes.items() if k in kept}
    return _step(
        actor,
        request,
        "saved",
        S.DRAFT,
        reason=_("Cập nhật số liệu từ hệ thống"),
        on_behalf=on_behalf,
        fields=["prefill", "fields", "notes"],
    )
