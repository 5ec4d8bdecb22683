"""What every write of the app checks: a real day, a plan that applies to the unit, and the
blank form's entry token."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TypeVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Solution, Target

EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
Upload = tuple[str, bytes]  # (file name, content)
M = TypeVar("M", bound=models.Model)


# --- shared checks ---------------------------------------------------------------------------


def check_day(day: date, field: str, label: str) -> None:
    if day > timezone.localdate():
        raise DomainError(
            _("%(label)s (%(day)s) không được sau hôm nay.")
            % {"label": label, "day": format_date_short(day)},
            field=field,
        )


def check_plan_links(
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


def entered(
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
