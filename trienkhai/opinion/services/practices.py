"""A good practice's way: proposed with its evidence, recognised or sent back, its public
version published on the public page or taken down."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, has_cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.steps import StepRefused, bump, locked
from trienkhai.core.text import clean_text
from trienkhai.opinion.models import (
    GoodPractice,
    PracticeState,
)
from trienkhai.opinion.services.common import (
    EVIDENCE_KINDS,
    Upload,
    check_day,
    check_plan_links,
    entered,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Solution, Target

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
        check_day(data.started_on, "started_on", _("Ngày bắt đầu thực hiện"))
    if data.commendation and not clean_text(data.commendation_reason):
        raise DomainError(_("Hãy ghi lý do đề nghị khen thưởng."), field="commendation_reason")
    check_plan_links(unit, data.plan, data.solution, data.target)


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
    earlier, token = entered(GoodPractice, token, actor, data.description.strip(), "description")
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
