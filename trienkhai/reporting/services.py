"""Every change of a report request: save, submit, return, accept, reopen, extend.

Each runs under a row lock on the request and checks the version the editor read: a second
editor whose page is stale gets `StaleRequest` (the page shows them the other person's
report and keeps their own text), never a silent overwrite. A step the state does not allow
is a `StepRefused` with a Vietnamese message saying why. Every step is one `ReportEvent`
(the timeline) and one audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, has_cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.reporting.models import ReportEvent, ReportRequest, RequestState

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


class StepRefused(DomainError):
    """A step the request's state does not allow (the API answers 422)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "transition_not_allowed")


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


def _written(
    actor: Actor,
    request: ReportRequest,
    version: int | None,
    fields: Mapping[str, Any] | None,
    narrative: str | None,
    action: str,
) -> tuple[ReportRequest, bool, list[str]]:
    """The locked request with what the writer sent put in; whether the office writes for the
    unit; the columns changed."""
    on_behalf = _require_writer(actor, request)
    request = _locked(request, version, repeat=(actor, action))
    _require_editable(request)
    changed = []
    if fields is not None:
        request.fields = dict(fields)
        changed.append("fields")
    if narrative is not None:
        request.narrative = narrative.strip()
        changed.append("narrative")
    return request, on_behalf, changed


@transaction.atomic
def request_save(
    *,
    actor: Actor,
    request: ReportRequest,
    version: int | None,
    fields: Mapping[str, Any] | None = None,
    narrative: str | None = None,
) -> ReportRequest:
    """Keep a draft: the unit (or the office for it) may come back to it."""
    try:
        request, on_behalf, changed = _written(actor, request, version, fields, narrative, "saved")
    except _Repeated as repeated:
        return _saved_again(actor, repeated.current, fields, narrative)
    return _step(actor, request, "saved", S.DRAFT, on_behalf=on_behalf, fields=changed)


@transaction.atomic
def request_submit(
    *,
    actor: Actor,
    request: ReportRequest,
    version: int | None,
    fields: Mapping[str, Any] | None = None,
    narrative: str | None = None,
) -> ReportRequest:
    try:
        request, on_behalf, changed = _written(
            actor, request, version, fields, narrative, "submitted"
        )
    except _Repeated as repeated:
        return repeated.current  # sent already, by the same tap
    if not request.narrative.strip() and not request.fields:
        raise DomainError(
            _("Báo cáo chưa có nội dung: hãy nhập nội dung trước khi gửi."), field="narrative"
        )
    now = timezone.now()
    request.submitted_at = now
    request.first_submitted_at = request.first_submitted_at or now
    changed += ["submitted_at", "first_submitted_at"]
    return _step(actor, request, "submitted", S.SUBMITTED, on_behalf=on_behalf, fields=changed)


def _saved_again(
    actor: Actor,
    current: ReportRequest,
    fields: Mapping[str, Any] | None,
    narrative: str | None,
) -> ReportRequest:
    """A draft saved twice in a row by the same person: the newer text is kept, as a second
    save of one's own draft would (nobody else's text is in between)."""
    changed = []
    if narrative is not None and current.narrative != narrative.strip():
        current.narrative = narrative.strip()
        changed.append("narrative")
    if fields is not None and current.fields != dict(fields):
        current.fields = dict(fields)
        changed.append("fields")
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
