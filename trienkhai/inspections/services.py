"""Every change of an inspection and its corrective actions.

The way of an inspection: planned (its decision a draft, the header editable) → the decision
issued with a number from the body's register (in progress: the team records findings and
the corrections each unit must make) → the conclusion issued (concluded: the units carry out
the corrections) → closed once the body has verified the last one. A corrective action: open
→ reported done by the unit with its evidence → verified by the body, or sent back open with
the reason. Each step runs under a row lock and checks the version the editor read (a stale
page is refused, never silently overwritten), guards the state, and writes the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.steps import StaleEdit, StepRefused, bump, locked  # noqa: F401 (StaleEdit: callers catch services.StaleEdit)
from trienkhai.core.text import clean_text
from trienkhai.documents.models import DocType
from trienkhai.documents.services import document_draft_create, document_issue
from trienkhai.inspections import documents
from trienkhai.inspections.models import (
    BODY_KINDS,
    ActionEvent,
    ActionState,
    CorrectiveAction,
    Finding,
    Inspection,
    InspectionState,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
Upload = tuple[str, bytes]  # (file name, content)
S = InspectionState


@dataclass(frozen=True)
class Header:
    """What the office writes about an inspection before its decision is issued."""

    kind: str
    title: str
    units: Sequence[OrgUnit]
    start: date
    end: date
    plan: Plan | None = None
    team: str = ""
    content: str = ""


# --- the inspection ------------------------------------------------------------------------


def _locked(inspection: Inspection, version: int | None) -> Inspection:
    return locked(Inspection.objects.all(), inspection.pk, version, _("Cuộc kiểm tra này"))


def _locked_action(action: CorrectiveAction, version: int | None) -> CorrectiveAction:
    qs = CorrectiveAction.objects.select_related("finding__inspection__org_unit", "org_unit")
    return locked(qs, action.pk, version, _("Yêu cầu khắc phục này"))


def _committee_of(body: OrgUnit) -> OrgUnit:
    parent = OrgUnit.objects.get_parent(body)
    if parent is None:
        raise DomainError(_("Cơ quan kiểm tra phải trực thuộc một đảng bộ."))
    return parent


def _check_header(body: OrgUnit, header: Header) -> None:
    if body.kind not in BODY_KINDS:
        raise DomainError(
            _("Chỉ Ủy ban Kiểm tra hoặc Ban Thường vụ tiến hành kiểm tra, giám sát."), field="body"
        )
    if not clean_text(header.title):
        raise DomainError(_("Hãy ghi nội dung kiểm tra, giám sát."), field="title")
    if header.end < header.start:
        raise DomainError(
            _("Ngày kết thúc (%(end)s) không được trước ngày bắt đầu (%(start)s).")
            % {"end": format_date_short(header.end), "start": format_date_short(header.start)},
            field="end",
        )
    if not header.units:
        raise DomainError(_("Hãy chọn ít nhất một đơn vị được kiểm tra."), field="units")
    committee = _committee_of(body)
    for unit in header.units:
        if not unit.path.startswith(committee.path) or unit.pk in (committee.pk, body.pk):
            raise DomainError(
                _("“%(unit)s” không thuộc %(committee)s nên %(body)s không kiểm tra được.")
                % {"unit": unit.name, "committee": committee.name, "body": body.name},
                field="units",
            )


@transaction.atomic
def inspection_create(*, actor: Actor, body: OrgUnit, header: Header) -> Inspection:
    require_cap(actor, Cap.INSPECTIONS_MANAGE, body)
    _check_header(body, header)
    inspection = Inspection.objects.create(
        org_unit=body,
        kind=header.kind,
        plan=header.plan,
        title=clean_text(header.title)[:400],
        start=header.start,
        end=header.end,
        team=header.team.strip(),
        content=header.content.strip(),
        created_by=person_of(actor),
    )
    inspection.units.set(header.units)
    audit_action(
        actor=actor,
        action="inspections.inspection.created",
        obj=inspection,
        summary=_("Lập cuộc %(kind)s: %(title)s (%(n)s đơn vị)")
        % {"kind": inspection.kind_word, "title": inspection.title, "n": len(header.units)},
        created=True,
        data={"units": [u.code for u in header.units]},
    )
    return inspection


@transaction.atomic
def inspection_update(
    *, actor: Actor, inspection: Inspection, version: int, header: Header
) -> Inspection:
    require_cap(actor, Cap.INSPECTIONS_MANAGE, inspection.org_unit)
    inspection = _locked(inspection, version)
    if not inspection.editable:
        raise StepRefused(
            _("Quyết định đã ban hành: nội dung, đơn vị và thành phần đoàn không sửa được nữa.")
        )
    _check_header(inspection.org_unit, header)
    inspection.kind = header.kind
    inspection.plan = header.plan
    inspection.title = clean_text(header.title)[:400]
    inspection.start, inspection.end = header.start, header.end
    inspection.team, inspection.content = header.team.strip(), header.content.strip()
    bump(inspection, "kind", "plan", "title", "start", "end", "team", "content")
    before = set(inspection.units.values_list("pk", flat=True))
    inspection.units.set(header.units)
    after = {u.pk for u in header.units}
    if before != after:
        audit_action(
            actor=actor,
            action="inspections.inspection.units_changed",
            obj=inspection,
            summary=_("Đổi đơn vị được kiểm tra: %(units)s")
            % {"units": ", ".join(u.name for u in header.units)},
        )
    return inspection


def _issue(actor: Actor, inspection: Inspection, doc_type: str, data: Any, day: date) -> Any:
    draft = document_draft_create(
        actor=actor, issuer=inspection.org_unit, doc_type=doc_type, data=data
    )
    return document_issue(actor=actor, document=draft, day=day)


@transaction.atomic
def inspection_decide(
    *, actor: Actor, inspection: Inspection, version: int, day: date | None = None
) -> Inspection:
    """Issue the decision (quyết định kiểm tra/giám sát) with the body's next number: from
    now on the inspected units read the inspection and the team records findings."""
    require_cap(actor, Cap.INSPECTIONS_MANAGE, inspection.org_unit)
    inspection = _locked(inspection, version)
    if inspection.state != S.PLANNED:
        raise StepRefused(_("Quyết định của cuộc kiểm tra này đã được ban hành."))
    day = day or timezone.localdate()
    decision = _issue(
        actor, inspection, DocType.QUYET_DINH, documents.decision_data(inspection, day=day), day
    )
    inspection.decision = decision
    inspection.state = S.IN_PROGRESS
    bump(inspection, "decision", "state")
    audit_action(
        actor=actor,
        action="inspections.inspection.decided",
        obj=inspection,
        summary=_("Ban hành quyết định %(kind)s %(reference)s")
        % {"kind": inspection.kind_word, "reference": decision.reference},
    )
    return inspection


@transaction.atomic
def inspection_conclude(
    *,
    actor: Actor,
    inspection: Inspection,
    version: int,
    conclusion: str,
    day: date | None = None,
) -> Inspection:
    """Issue the conclusion (thông báo kết luận) with its findings and corrections."""
    require_cap(actor, Cap.INSPECTIONS_MANAGE, inspection.org_unit)
    inspection = _locked(inspection, version)
    if inspection.state != S.IN_PROGRESS:
        raise StepRefused(
            _("Chỉ ban hành kết luận khi cuộc kiểm tra đang tiến hành (hiện: %(state)s).")
            % {"state": inspection.get_state_display().lower()}
        )
    if not conclusion.strip():
        raise DomainError(_("Hãy ghi nội dung kết luận."), field="conclusion")
    day = day or timezone.localdate()
    if (
        inspection.decision is not None
        and inspection.decision.date
        and day < inspection.decision.date
    ):
        raise DomainError(_("Ngày kết luận không được trước ngày quyết định."), field="day")
    inspection.conclusion = conclusion.strip()
    inspection.save(update_fields=["conclusion"])
    notice = _issue(
        actor, inspection, DocType.THONG_BAO, documents.conclusion_data(inspection, day=day), day
    )
    inspection.conclusion_doc = notice
    open_actions = CorrectiveAction.objects.filter(finding__inspection=inspection).not_verified()
    inspection.state = S.CONCLUDED if open_actions.exists() else S.CLOSED
    bump(inspection, "conclusion_doc", "state", "conclusion")
    audit_action(
        actor=actor,
        action="inspections.inspection.concluded",
        obj=inspection,
        summary=_("Ban hành thông báo kết luận %(reference)s: %(title)s")
        % {"reference": notice.reference, "title": inspection.title},
    )
    return inspection


# --- findings and their corrective actions -----------------------------------------------------


def _require_recording(inspection: Inspection) -> None:
    if not inspection.recording:
        raise StepRefused(
            _("Chỉ ghi nội dung phát hiện khi cuộc kiểm tra đang tiến hành (hiện: %(state)s).")
            % {"state": inspection.get_state_display().lower()}
        )


def _event(action: CorrectiveAction, kind: str, actor: Actor, note: str = "") -> None:
    ActionEvent.objects.create(
        action=action, kind=kind, note=note.strip(), at=timezone.now(), actor=person_of(actor)
    )


def _check_due(inspection: Inspection, due: date) -> None:
    if due < inspection.start:
        raise DomainError(
            _("Hạn khắc phục (%(due)s) không được trước ngày bắt đầu kiểm tra (%(start)s).")
            % {"due": format_date_short(due), "start": format_date_short(inspection.start)},
            field="due",
        )


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    inspection: Inspection,
    unit: OrgUnit,
    text: str,
    severity: str = Finding.Severity.SHORTCOMING,
    action_text: str = "",
    due: date | None = None,
) -> Finding:
    """A finding at one inspected unit, with the correction it calls for when given."""
    require_cap(actor, Cap.INSPECTIONS_MANAGE, inspection.org_unit)
    inspection = _locked(inspection, None)
    _require_recording(inspection)
    if not inspection.units.filter(pk=unit.pk).exists():
        raise DomainError(
            _("“%(unit)s” không có trong danh sách đơn vị được kiểm tra.") % {"unit": unit.name},
            field="unit",
        )
    if not text.strip():
        raise DomainError(_("Hãy ghi nội dung phát hiện."), field="text")
    if action_text.strip() and due is None:
        raise DomainError(_("Hãy ghi hạn khắc phục."), field="due")
    finding = Finding.objects.create(
        inspection=inspection,
        org_unit=unit,
        severity=severity,
        text=text.strip(),
        created_by=person_of(actor),
    )
    audit_action(
        actor=actor,
        action="inspections.finding.added",
        obj=finding,
        summary=_("Ghi phát hiện tại %(unit)s: %(text)s")
        % {"unit": unit.name, "text": finding.text[:120]},
        created=True,
    )
    if action_text.strip() and due is not None:
        action_add(actor=actor, finding=finding, text=action_text, due=due)
    bump(inspection)
    return finding


@transaction.atomic
def action_add(*, actor: Actor, finding: Finding, text: str, due: date) -> CorrectiveAction:
    inspection = finding.inspection
    require_cap(actor, Cap.INSPECTIONS_MANAGE, inspection.org_unit)
    _require_recording(inspection)
    if not text.strip():
        raise DomainError(_("Hãy ghi yêu cầu khắc phục."), field="action_text")
    _check_due(inspection, due)
    action = CorrectiveAction.objects.create(
        finding=finding,
        org_unit=finding.org_unit,
        text=text.strip(),
        due=due,
        created_by=person_of(actor),
    )
    _event(action, ActionEvent.Kind.SET, actor)
    audit_action(
        actor=actor,
        action="inspections.action.set",
        obj=action,
        summary=_("Yêu cầu %(unit)s khắc phục trước ngày %(due)s: %(text)s")
        % {"unit": finding.org_unit.name, "due": format_date_short(due), "text": action.text[:120]},
        created=True,
    )
    return action


@transaction.atomic
def finding_remove(*, actor: Actor, finding: Finding) -> None:
    """Take back a finding recorded by mistake, while the team is still at work."""
    inspection = finding.inspection
    require_cap(actor, Cap.INSPECTIONS_MANAGE, inspection.org_unit)
    inspection = _locked(inspection, None)
    _require_recording(inspection)
    if finding.actions.exclude(state=ActionState.OPEN).exists():
        raise StepRefused(_("Đơn vị đã báo cáo khắc phục nội dung này nên không xóa được."))
    audit_action(
        actor=actor,
        action="inspections.finding.removed",
        obj=inspection,
        summary=_("Xóa phát hiện tại %(unit)s: %(text)s")
        % {"unit": finding.org_unit.name, "text": finding.text[:120]},
    )
    finding.delete()
    bump(inspection)


@transaction.atomic
def action_report(
    *,
    actor: Actor,
    action: CorrectiveAction,
    version: int,
    done_on: date,
    report: str,
    files: Sequence[Upload] = (),
) -> CorrectiveAction:
    """The unit says the correction is made, on its own date, with what shows it."""
    require_cap(actor, Cap.TASKS_UPDATE, action.org_unit)
    action = _locked_action(action, version)
    if action.state != ActionState.OPEN:
        raise StepRefused(
            _("Yêu cầu này đang ở tình trạng “%(state)s”, không báo cáo lại được.")
            % {"state": action.get_state_display()}
        )
    today = timezone.localdate()
    if done_on > today:
        raise DomainError(_("Ngày hoàn thành không được sau hôm nay."), field="done_on")
    if done_on < action.finding.inspection.start:
        raise DomainError(
            _("Ngày hoàn thành không được trước ngày bắt đầu kiểm tra."), field="done_on"
        )
    if not report.strip():
        raise DomainError(_("Hãy ghi đã khắc phục thế nào."), field="report")
    for name, data in files:
        stored_file_create(
            data=data, name=name, user=person_of(actor), owner=action, allowed=EVIDENCE_KINDS
        )
    action.state = ActionState.REPORTED
    action.done_on = done_on
    action.report = report.strip()
    action.reported_by = person_of(actor)
    action.reported_at = timezone.now()
    bump(action, "state", "done_on", "report", "reported_by", "reported_at")
    _event(action, ActionEvent.Kind.REPORTED, actor, action.report)
    audit_action(
        actor=actor,
        action="inspections.action.reported",
        obj=action,
        summary=_("%(unit)s báo cáo đã khắc phục ngày %(day)s: %(text)s")
        % {
            "unit": action.org_unit.name,
            "day": format_date_short(done_on),
            "text": action.text[:80],
        },
        data={"files": len(files)},
    )
    return action


@transaction.atomic
def action_return(
    *, actor: Actor, action: CorrectiveAction, version: int, note: str
) -> CorrectiveAction:
    """Not yet put right: back to the unit, with the reason."""
    require_cap(actor, Cap.INSPECTIONS_MANAGE, action.finding.inspection.org_unit)
    action = _locked_action(action, version)
    if action.state != ActionState.REPORTED:
        raise StepRefused(_("Chỉ trả lại một báo cáo khắc phục đang chờ xác nhận."))
    if not note.strip():
        raise DomainError(_("Hãy ghi lý do trả lại để đơn vị biết cần làm gì thêm."), field="note")
    action.state = ActionState.OPEN
    action.done_on = None
    action.review_note = note.strip()
    action.returns += 1
    bump(action, "state", "done_on", "review_note", "returns")
    _event(action, ActionEvent.Kind.RETURNED, actor, note)
    audit_action(
        actor=actor,
        action="inspections.action.returned",
        obj=action,
        summary=_("Trả lại báo cáo khắc phục của %(unit)s: %(note)s")
        % {"unit": action.org_unit.name, "note": note.strip()[:120]},
    )
    return action


@transaction.atomic
def action_verify(
    *, actor: Actor, action: CorrectiveAction, version: int, note: str = ""
) -> CorrectiveAction:
    """The body confirms the correction: done on the unit's date; the last one verified
    after the conclusion closes the inspection."""
    inspection = action.finding.inspection
    require_cap(actor, Cap.INSPECTIONS_MANAGE, inspection.org_unit)
    action = _locked_action(action, version)
    if action.state != ActionState.REPORTED:
        raise StepRefused(_("Chỉ xác nhận một báo cáo khắc phục đang chờ xác nhận."))
    action.state = ActionState.VERIFIED
    action.verified_by = person_of(actor)
    action.verified_at = timezone.now()
    action.review_note = note.strip()
    bump(action, "state", "verified_by", "verified_at", "review_note")
    _event(action, ActionEvent.Kind.VERIFIED, actor, note)
    audit_action(
        actor=actor,
        action="inspections.action.verified",
        obj=action,
        summary=_("Xác nhận %(unit)s đã khắc phục: %(text)s")
        % {"unit": action.org_unit.name, "text": action.text[:120]},
    )
    inspection = _locked(inspection, None)
    remaining = CorrectiveAction.objects.filter(finding__inspection=inspection).not_verified()
    if inspection.state == S.CONCLUDED and not remaining.exists():
        inspection.state = S.CLOSED
        bump(inspection, "state")
        audit_action(
            actor=actor,
            action="inspections.inspection.closed",
            obj=inspection,
            summary=_("Kết thúc cuộc %(kind)s: mọi yêu cầu khắc phục đã được xác nhận")
            % {"kind": inspection.kind_word},
        )
    return action
