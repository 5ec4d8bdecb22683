"""The rebuttals of false and hostile posts: one post once per unit, by its link."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.steps import bump, locked
from trienkhai.core.text import clean_text, link_key
from trienkhai.opinion.models import (
    Rebuttal,
)
from trienkhai.opinion.services.common import (
    check_day,
    check_plan_links,
    entered,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

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
    check_day(data.noted_on, "noted_on", _("Ngày thực hiện"))
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
    check_plan_links(unit, data.plan, None, None)
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
    earlier, token = entered(Rebuttal, token, actor, data.post_summary.strip(), "post_summary")
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
