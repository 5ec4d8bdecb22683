"""Every change of the opinion log, the rebuttals and the good practices.

An opinion report: recorded by its unit (new) → taken up by the office with how it is being
handled (handling) → answered, with who gave the answer and when (answered); an answer found
wanting is reopened with the reason. A good practice: proposed by its unit → recognised or
not by the office → its public version published on the public page, or taken down. Each
step runs under a row lock and checks the version the editor read, guards the state, keeps a
trail, and writes the audit log. A form's entry token makes a second press of "Lưu" find the
first save instead of making a copy.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, has_cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.steps import StepRefused, bump, locked
from trienkhai.core.text import clean_text, link_key, search_key
from trienkhai.opinion.models import (
    GoodPractice,
    OpinionEvent,
    OpinionReport,
    OpinionState,
    PracticeState,
    Rebuttal,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Solution, Target

EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
Upload = tuple[str, bytes]  # (file name, content)
M = TypeVar("M", bound=models.Model)


# --- shared checks ---------------------------------------------------------------------------


def _check_day(day: date, field: str, label: str) -> None:
    if day > timezone.localdate():
        raise DomainError(
            _("%(label)s (%(day)s) không được sau hôm nay.")
            % {"label": label, "day": format_date_short(day)},
            field=field,
        )


def _check_plan_links(
    unit: OrgUnit, plan: Plan | None, solution: Solution | None, target: Target | None
) -> None:
    """The plan must be the unit's or one above it; the solution and the target, the plan's."""
    if plan is None:
        if solution is not None or target is not None:
            raise DomainError(_("Hãy chọn kế hoạch của nhóm giải pháp, chỉ tiêu."), field="plan")
        return
    if not unit.path.startswith(plan.org_unit.path):
        raise DomainError(
            _("Kế hoạch “%(plan)s” không áp dụng cho %(unit)s.")
            % {"plan": plan.title, "unit": unit.name},
            field="plan",
        )
    if solution is not None and solution.plan_id != plan.pk:
        raise DomainError(_("Nhóm giải pháp không thuộc kế hoạch đã chọn."), field="solution")
    if target is not None and target.plan_id != plan.pk:
        raise DomainError(_("Chỉ tiêu không thuộc kế hoạch đã chọn."), field="target")


def _entered(
    model: type[M], token: uuid.UUID | None, actor: Actor, text: str, field: str
) -> tuple[M | None, uuid.UUID | None]:
    """The row this blank form already saved, when the same words come again (a second press
    of "Lưu", a resent form), and the token to save a new row with. Other words under the
    same token (the back button, then a new entry typed over the old one) are a new row."""
    if token is None:
        return None, None
    found = model._default_manager.filter(entry_token=token).first()
    if found is None:
        return None, token
    if getattr(found, "created_by_id", None) != getattr(actor, "pk", None):
        raise DomainError(_("Biểu mẫu này đã được dùng. Hãy mở lại trang để nhập mới."))
    if getattr(found, field) == text:
        return found, token
    return None, None


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
    _check_day(data.noted_on, "noted_on", _("Ngày ghi nhận"))
    if not clean_text(data.topic):
        raise DomainError(_("Hãy ghi chủ đề của ý kiến, phản ánh."), field="topic")
    if not clean_text(data.content):
        raise DomainError(_("Hãy ghi nội dung ý kiến, phản ánh."), field="content")
    _check_plan_links(unit, data.plan, data.solution, data.target)


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
    earlier, token = _entered(OpinionReport, token, actor, data.content.strip(), "content")
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
    _check_day(answered_on, "answered_on", _("Ngày trả lời"))
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


# --- rebuttals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RebuttalInput:
    noted_on: date
    platform: str
    post_summary: str
    post_link: str = ""
    media_item: Any = None  # a media.MediaItem of the unit's subtree
    rebuttal_link: str = ""
    comments: int = 0
    reported: bool = False
    plan: Plan | None = None
    note: str = ""


def _check_rebuttal(unit: OrgUnit, data: RebuttalInput, *, exclude: int = 0) -> str:
    _check_day(data.noted_on, "noted_on", _("Ngày thực hiện"))
    if not clean_text(data.post_summary):
        raise DomainError(
            _("Hãy ghi tóm tắt nội dung sai trái được phản bác."), field="post_summary"
        )
    if data.media_item is not None and not data.media_item.org_unit.path.startswith(unit.path):
        raise DomainError(
            _("Tin, bài phản bác phải do %(unit)s hoặc đơn vị trực thuộc đăng.")
            % {"unit": unit.name},
            field="media_item",
        )
    if data.media_item is None and not data.rebuttal_link.strip() and not data.comments:
        raise DomainError(
            _(
                "Hãy cho biết đã phản bác thế nào: chọn tin, bài phản bác, ghi đường dẫn "
                "hoặc số bình luận, chia sẻ."
            ),
            field="rebuttal_link",
        )
    _check_plan_links(unit, data.plan, None, None)
    key = link_key(data.post_link)
    if key:
        same = Rebuttal.objects.filter(org_unit=unit, post_key=key).exclude(pk=exclude).first()
        if same is not None:
            raise DomainError(
                _(
                    "Bài viết này đã được %(unit)s ghi phản bác ngày %(day)s: hãy sửa bản "
                    "ghi đó (thêm số bình luận, chia sẻ) thay vì ghi lần nữa."
                )
                % {"unit": unit.name, "day": format_date_short(same.noted_on)},
                field="post_link",
            )
    return key


def _apply_rebuttal(rebuttal: Rebuttal, data: RebuttalInput, key: str) -> None:
    rebuttal.noted_on = data.noted_on
    rebuttal.platform = data.platform
    rebuttal.post_link = data.post_link.strip()
    rebuttal.post_key = key
    rebuttal.post_summary = data.post_summary.strip()
    rebuttal.media_item = data.media_item
    rebuttal.rebuttal_link = data.rebuttal_link.strip()
    rebuttal.comments = data.comments
    rebuttal.reported = data.reported
    rebuttal.plan = data.plan
    rebuttal.note = data.note.strip()


@transaction.atomic
def rebuttal_record(
    *, actor: Actor, unit: OrgUnit, data: RebuttalInput, token: uuid.UUID | None = None
) -> Rebuttal:
    require_cap(actor, Cap.DATA_ENTER, unit)
    earlier, token = _entered(Rebuttal, token, actor, data.post_summary.strip(), "post_summary")
    if earlier is not None:
        return earlier
    key = _check_rebuttal(unit, data)
    rebuttal = Rebuttal(org_unit=unit, created_by=person_of(actor), entry_token=token)
    _apply_rebuttal(rebuttal, data, key)
    rebuttal.save()
    audit_action(
        actor=actor,
        action="opinion.rebuttal.recorded",
        obj=rebuttal,
        summary=_("%(unit)s phản bác bài viết trên %(platform)s: %(text)s")
        % {
            "unit": unit.name,
            "platform": rebuttal.get_platform_display(),
            "text": rebuttal.post_summary[:120],
        },
        created=True,
    )
    return rebuttal


@transaction.atomic
def rebuttal_update(
    *, actor: Actor, rebuttal: Rebuttal, version: int, data: RebuttalInput
) -> Rebuttal:
    require_cap(actor, Cap.DATA_ENTER, rebuttal.org_unit)
    rebuttal = locked(
        Rebuttal.objects.select_related("org_unit"), rebuttal.pk, version, _("Bản ghi này")
    )
    key = _check_rebuttal(rebuttal.org_unit, data, exclude=rebuttal.pk)
    _apply_rebuttal(rebuttal, data, key)
    bump(
        rebuttal,
        "noted_on",
        "platform",
        "post_link",
        "post_key",
        "post_summary",
        "media_item",
        "rebuttal_link",
        "comments",
        "reported",
        "plan",
        "note",
    )
    audit_action(
        actor=actor,
        action="opinion.rebuttal.corrected",
        obj=rebuttal,
        summary=_("Sửa bản ghi phản bác ngày %(day)s: %(text)s")
        % {"day": format_date_short(rebuttal.noted_on), "text": rebuttal.post_summary[:120]},
    )
    return rebuttal


@transaction.atomic
def rebuttal_remove(*, actor: Actor, rebuttal: Rebuttal, version: int) -> None:
    """A record entered by mistake is taken out, and the log says so."""
    require_cap(actor, Cap.DATA_ENTER, rebuttal.org_unit)
    rebuttal = locked(
        Rebuttal.objects.select_related("org_unit"), rebuttal.pk, version, _("Bản ghi này")
    )
    audit_action(
        actor=actor,
        action="opinion.rebuttal.removed",
        obj=rebuttal,
        summary=_("Xóa bản ghi phản bác ngày %(day)s: %(text)s")
        % {"day": format_date_short(rebuttal.noted_on), "text": rebuttal.post_summary[:120]},
    )
    rebuttal.delete()


# --- good practices --------------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeInput:
    title: str
    field: str
    description: str
    results: str
    started_on: date | None = None
    plan: Plan | None = None
    solution: Solution | None = None
    target: Target | None = None
    commendation: bool = False
    commendation_reason: str = ""


def _check_practice(unit: OrgUnit, data: PracticeInput) -> None:
    if not clean_text(data.title):
        raise DomainError(_("Hãy ghi tên mô hình, cách làm."), field="title")
    if not clean_text(data.description):
        raise DomainError(_("Hãy mô tả cách làm."), field="description")
    if not clean_text(data.results):
        raise DomainError(
            _("Hãy ghi kết quả đạt được, có số liệu (ví dụ: 45 hộ tham gia)."), field="results"
        )
    if data.started_on is not None:
        _check_day(data.started_on, "started_on", _("Ngày bắt đầu thực hiện"))
    if data.commendation and not clean_text(data.commendation_reason):
        raise DomainError(_("Hãy ghi lý do đề nghị khen thưởng."), field="commendation_reason")
    _check_plan_links(unit, data.plan, data.solution, data.target)


def _apply_practice(practice: GoodPractice, data: PracticeInput) -> None:
    practice.title = clean_text(data.title)
    practice.field = data.field
    practice.description = data.description.strip()
    practice.results = data.results.strip()
    practice.started_on = data.started_on
    practice.plan = data.plan
    practice.solution = data.solution
    practice.target = data.target
    practice.commendation = data.commendation
    practice.commendation_reason = data.commendation_reason.strip() if data.commendation else ""


_PRACTICE_FIELDS = (
    "title",
    "field",
    "description",
    "results",
    "started_on",
    "plan",
    "solution",
    "target",
    "commendation",
    "commendation_reason",
)


def _store_evidence(practice: GoodPractice, actor: Actor, files: Sequence[Upload]) -> None:
    for name, content in files:
        stored_file_create(
            data=content, name=name, user=person_of(actor), owner=practice, allowed=EVIDENCE_KINDS
        )


@transaction.atomic
def practice_propose(
    *,
    actor: Actor,
    unit: OrgUnit,
    data: PracticeInput,
    files: Sequence[Upload] = (),
    token: uuid.UUID | None = None,
) -> GoodPractice:
    require_cap(actor, Cap.DATA_ENTER, unit)
    earlier, token = _entered(GoodPractice, token, actor, data.description.strip(), "description")
    if earlier is not None:
        return earlier
    _check_practice(unit, data)
    practice = GoodPractice(org_unit=unit, created_by=person_of(actor), entry_token=token)
    _apply_practice(practice, data)
    practice.save()
    _store_evidence(practice, actor, files)
    audit_action(
        actor=actor,
        action="opinion.practice.proposed",
        obj=practice,
        summary=_("%(unit)s đề xuất mô hình “%(title)s”")
        % {"unit": unit.name, "title": practice.title},
        data={"files": len(files)},
        created=True,
    )
    return practice


def can_edit_practice(user: object, practice: GoodPractice) -> bool:
    """The unit edits its proposal until it is recognised; the office at any time."""
    if has_cap(user, Cap.OPINION_MANAGE, practice.org_unit):
        return True
    return practice.state != PracticeState.RECOGNISED and has_cap(
        user, Cap.DATA_ENTER, practice.org_unit
    )


@transaction.atomic
def practice_update(
    *,
    actor: Actor,
    practice: GoodPractice,
    version: int,
    data: PracticeInput,
    files: Sequence[Upload] = (),
) -> GoodPractice:
    require_cap(actor, Cap.DATA_ENTER, practice.org_unit)
    practice = locked(
        GoodPractice.objects.select_related("org_unit"), practice.pk, version, _("Mô hình này")
    )
    if not can_edit_practice(actor, practice):
        raise StepRefused(_("Mô hình đã được công nhận; chỉ văn phòng sửa được."))
    _check_practice(practice.org_unit, data)
    _apply_practice(practice, data)
    fields = list(_PRACTICE_FIELDS)
    if practice.state == PracticeState.DECLINED:
        # Completed after the office's remarks, it goes back to the office.
        practice.state = PracticeState.PROPOSED
        fields.append("state")
    bump(practice, *fields)
    _store_evidence(practice, actor, files)
    return practice


@transaction.atomic
def practice_review(
    *, actor: Actor, practice: GoodPractice, version: int, recognised: bool, note: str
) -> GoodPractice:
    """The office recognises the model (công nhận) or sends it back with what it lacks."""
    require_cap(actor, Cap.OPINION_MANAGE, practice.org_unit)
    practice = locked(
        GoodPractice.objects.select_related("org_unit"), practice.pk, version, _("Mô hình này")
    )
    if not recognised and not clean_text(note):
        raise DomainError(_("Hãy ghi lý do chưa công nhận để đơn vị bổ sung."), field="note")
    practice.state = PracticeState.RECOGNISED if recognised else PracticeState.DECLINED
    practice.review_note = note.strip()
    practice.reviewed_by = person_of(actor)
    practice.reviewed_at = timezone.now()
    fields = ["state", "review_note", "reviewed_by", "reviewed_at"]
    if not recognised and practice.published:
        practice.published = False
        fields.append("published")
    bump(practice, *fields)
    audit_action(
        actor=actor,
        action="opinion.practice.recognised" if recognised else "opinion.practice.declined",
        obj=practice,
        summary=(
            _("Công nhận mô hình “%(title)s”") if recognised else _("Chưa công nhận “%(title)s”")
        )
        % {"title": practice.title}
        + (f": {practice.review_note[:160]}" if practice.review_note else ""),
    )
    return practice


@transaction.atomic
def practice_publish(
    *,
    actor: Actor,
    practice: GoodPractice,
    version: int,
    public_title: str,
    public_summary: str,
) -> GoodPractice:
    """The version citizens read on the public page, in plain words."""
    require_cap(actor, Cap.OPINION_MANAGE, practice.org_unit)
    practice = locked(
        GoodPractice.objects.select_related("org_unit"), practice.pk, version, _("Mô hình này")
    )
    if practice.state != PracticeState.RECOGNISED:
        raise StepRefused(_("Chỉ công khai mô hình đã được công nhận."))
    if not clean_text(public_title):
        raise DomainError(_("Hãy ghi tên công khai của mô hình."), field="public_title")
    if not clean_text(public_summary):
        raise DomainError(
            _("Hãy ghi nội dung công khai: cách làm và kết quả, bằng lời dễ hiểu."),
            field="public_summary",
        )
    practice.public_title = clean_text(public_title)
    practice.public_summary = public_summary.strip()
    practice.published = True
    practice.published_at = timezone.now()
    bump(practice, "public_title", "public_summary", "published", "published_at")
    audit_action(
        actor=actor,
        action="opinion.practice.published",
        obj=practice,
        summary=_("Công khai mô hình “%(title)s” trên trang công khai")
        % {"title": practice.public_title},
    )
    return practice


@transaction.atomic
def practice_unpublish(*, actor: Actor, practice: GoodPractice, version: int) -> GoodPractice:
    require_cap(actor, Cap.OPINION_MANAGE, practice.org_unit)
    practice = locked(
        GoodPractice.objects.select_related("org_unit"), practice.pk, version, _("Mô hình này")
    )
    if not practice.published:
        raise StepRefused(_("Mô hình này chưa được công khai."))
    practice.published = False
    bump(practice, "published")
    audit_action(
        actor=actor,
        action="opinion.practice.unpublished",
        obj=practice,
        summary=_("Thôi công khai mô hình “%(title)s”") % {"title": practice.title},
    )
    return practice
