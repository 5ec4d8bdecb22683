"""An opinion report's way: recorded by its unit, taken up by the office, answered (who gave
the answer, when), reopened when the answer did not settle it; each step with its trail."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, has_cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.steps import StepRefused, bump, locked
from trienkhai.core.text import clean_text, search_key
from trienkhai.opinion.models import (
    OpinionEvent,
    OpinionReport,
    OpinionState,
)
from trienkhai.opinion.services.common import (
    check_day,
    check_plan_links,
    entered,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Solution, Target

# --- public opinion ----------------------------------------------------------------------


@dataclass(frozen=True)
class OpinionInput:
    """What a unit writes about one opinion it heard."""

    noted_on: date
    kind: str
    topic: str
    content: str
    source: str = OpinionReport.Source.CONTACT
    source_detail: str = ""
    people: int | None = None
    sensitivity: str = "normal"
    plan: Plan | None = None
    solution: Solution | None = None
    target: Target | None = None


def _check_opinion(unit: OrgUnit, data: OpinionInput) -> None:
    check_day(data.noted_on, "noted_on", _("Ngày ghi nhận"))
    if not clean_text(data.topic):
        raise DomainError(_("Hãy ghi chủ đề của ý kiến, phản ánh."), field="topic")
    if not clean_text(data.content):
        raise DomainError(_("Hãy ghi nội dung ý kiến, phản ánh."), field="content")
    check_plan_links(unit, data.plan, data.solution, data.target)


def _apply_opinion(report: OpinionReport, data: OpinionInput) -> None:
    report.noted_on = data.noted_on
    report.kind = data.kind
    report.topic = clean_text(data.topic)
    report.content = data.content.strip()
    report.source = data.source
    report.source_detail = clean_text(data.source_detail)
    report.people = data.people
    report.sensitivity = data.sensitivity
    report.plan = data.plan
    report.solution = data.solution
    report.target = data.target
    report.search_text = search_key(f"{report.topic} {report.content}")[:600]


def _opinion_event(report: OpinionReport, kind: str, actor: Actor, note: str = "") -> None:
    OpinionEvent.objects.create(
        report=report, kind=kind, note=note, at=timezone.now(), actor=person_of(actor)
    )


def _locked_report(report: OpinionReport, version: int | None) -> OpinionReport:
    qs = OpinionReport.objects.select_related("org_unit")
    return locked(qs, report.pk, version, _("Phản ánh này"))


@transaction.atomic
def opinion_record(
    *, actor: Actor, unit: OrgUnit, data: OpinionInput, token: uuid.UUID | None = None
) -> OpinionReport:
    """A unit writes down an opinion it heard (ghi nhận dư luận)."""
    require_cap(actor, Cap.DATA_ENTER, unit)
    earlier, token = entered(OpinionReport, token, actor, data.content.strip(), "content")
    if earlier is not None:
        return earlier
    _check_opinion(unit, data)
    report = OpinionReport(org_unit=unit, created_by=person_of(actor), entry_token=token)
    _apply_opinion(report, data)
    report.save()
    _opinion_event(report, OpinionEvent.Kind.RECORDED, actor)
    audit_action(
        actor=actor,
        action="opinion.report.recorded",
        obj=report,
        summary=_("%(unit)s ghi nhận %(kind)s: %(topic)s")
        % {"unit": unit.name, "kind": report.get_kind_display().lower(), "topic": report.topic},
        data={"sensitivity": report.sensitivity},
        created=True,
    )
    return report


def can_correct(user: object, report: OpinionReport) -> bool:
    """The unit corrects its report until the office takes it up; the office at any time
    before it is answered."""
    if report.state == OpinionState.ANSWERED:
        return False
    if has_cap(user, Cap.OPINION_MANAGE, report.org_unit):
        return True
    return report.state == OpinionState.NEW and has_cap(user, Cap.DATA_ENTER, report.org_unit)


@transaction.atomic
def opinion_update(
    *, actor: Actor, report: OpinionReport, version: int, data: OpinionInput
) -> OpinionReport:
    require_cap(actor, Cap.DATA_ENTER, report.org_unit)
    report = _locked_report(report, version)
    if not can_correct(actor, report):
        raise StepRefused(
            _("Phản ánh đang ở tình trạng “%(state)s” nên đơn vị không sửa được nữa.")
            % {"state": report.get_state_display()}
        )
    _check_opinion(report.org_unit, data)
    _apply_opinion(report, data)
    bump(report, *_OPINION_FIELDS)
    _opinion_event(report, OpinionEvent.Kind.CORRECTED, actor)
    return report


_OPINION_FIELDS = (
    "noted_on",
    "kind",
    "topic",
    "content",
    "source",
    "source_detail",
    "people",
    "sensitivity",
    "plan",
    "solution",
    "target",
    "search_text",
)


@transaction.atomic
def opinion_take_up(
    *, actor: Actor, report: OpinionReport, version: int, note: str
) -> OpinionReport:
    """The office takes the report up: who looks into it, what is being done (đang xử lý)."""
    require_cap(actor, Cap.OPINION_MANAGE, report.org_unit)
    report = _locked_report(report, version)
    if report.state != OpinionState.NEW:
        raise StepRefused(_("Phản ánh này đã được tiếp nhận."))
    if not clean_text(note):
        raise DomainError(_("Hãy ghi hướng xử lý: chuyển cơ quan nào, làm gì."), field="note")
    report.state = OpinionState.HANDLING
    report.handling_note = note.strip()
    bump(report, "state", "handling_note")
    _opinion_event(report, OpinionEvent.Kind.HANDLING, actor, report.handling_note)
    audit_action(
        actor=actor,
        action="opinion.report.handling",
        obj=report,
        summary=_("Tiếp nhận xử lý phản ánh “%(topic)s”: %(note)s")
        % {"topic": report.topic, "note": report.handling_note[:160]},
    )
    return report


@transaction.atomic
def opinion_answer(
    *,
    actor: Actor,
    report: OpinionReport,
    version: int,
    response: str,
    responder: str,
    answered_on: date,
) -> OpinionReport:
    """The answer given to the people who raised it, who gave it and on what day."""
    require_cap(actor, Cap.OPINION_MANAGE, report.org_unit)
    report = _locked_report(report, version)
    if report.state == OpinionState.ANSWERED:
        raise StepRefused(_("Phản ánh này đã được trả lời; mở lại nếu cần trả lời thêm."))
    if not clean_text(response):
        raise DomainError(_("Hãy ghi nội dung trả lời."), field="response")
    if not clean_text(responder):
        raise DomainError(_("Hãy ghi cơ quan hoặc người đã trả lời."), field="responder")
    check_day(answered_on, "answered_on", _("Ngày trả lời"))
    if answered_on < report.noted_on:
        raise DomainError(
            _("Ngày trả lời không được trước ngày ghi nhận (%(day)s).")
            % {"day": format_date_short(report.noted_on)},
            field="answered_on",
        )
    report.state = OpinionState.ANSWERED
    report.response = response.strip()
    report.responder = clean_text(responder)
    report.answered_on = answered_on
    report.answered_by = person_of(actor)
    report.answered_at = timezone.now()
    bump(report, "state", "response", "responder", "answered_on", "answered_by", "answered_at")
    _opinion_event(
        report, OpinionEvent.Kind.ANSWERED, actor, f"{report.responder}: {report.response}"
    )
    audit_action(
        actor=actor,
        action="opinion.report.answered",
        obj=report,
        summary=_("%(who)s trả lời phản ánh “%(topic)s” ngày %(day)s: %(text)s")
        % {
            "who": report.responder,
            "topic": report.topic,
            "day": format_date_short(answered_on),
            "text": report.response[:160],
        },
    )
    return report


@transaction.atomic
def opinion_reopen(
    *, actor: Actor, report: OpinionReport, version: int, reason: str
) -> OpinionReport:
    """The answer did not settle it (people raise it again): back to being handled. The
    answer given stays in the trail."""
    require_cap(actor, Cap.OPINION_MANAGE, report.org_unit)
    report = _locked_report(report, version)
    if report.state != OpinionState.ANSWERED:
        raise StepRefused(_("Chỉ mở lại một phản ánh đã trả lời."))
    if not clean_text(reason):
        raise DomainError(_("Hãy ghi lý do mở lại."), field="reason")
    report.state = OpinionState.HANDLING
    report.handling_note = reason.strip()
    report.answered_on = None
    report.answered_at = None
    bump(report, "state", "handling_note", "answered_on", "answered_at")
    _opinion_event(report, OpinionEvent.Kind.REOPENED, actor, report.handling_note)
    audit_action(
        actor=actor,
        action="opinion.report.reopened",
        obj=report,
        summary=_("Mở lại phản ánh “%(topic)s”: %(reason)s")
        % {"topic": report.topic, "reason": report.handling_note[:160]},
    )
    return report
