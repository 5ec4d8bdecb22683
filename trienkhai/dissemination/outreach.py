"""Writes: how a unit reached the plan's audiences that have no headcount (bí thư chi bộ,
trưởng thôn, người có uy tín; hộ sản xuất kinh doanh, hợp tác xã, doanh nghiệp; toàn thể
Nhân dân). Reads and totals: selectors.

The same rights as recording a study session (`data.enter` on the unit); the same hard
rules as every count: no negative number, no date outside the plan's period or after today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number
from trienkhai.dissemination.coverage import plan_period
from trienkhai.dissemination.models import Outreach, in_sentence
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan


@dataclass(frozen=True)
class OutreachData:
    """What the form or a loader says about one outreach, parsed."""

    audience: str
    method: str
    date: date
    reached: int
    reach_unit: str = Outreach.ReachUnit.PEOPLE
    note: str = ""


def reach_text(reached: int, reach_unit: str) -> str:
    """ "1.250 người", "320 hộ"."""
    return f"{format_number(reached)} {Outreach.ReachUnit(reach_unit).label}"


def _check(*, plan: Plan, unit: OrgUnit, data: OutreachData) -> None:
    """The first wrong field, as a DomainError under that field."""
    if not unit.path.startswith(plan.org_unit.path):
        raise DomainError(
            _("%(unit)s không thuộc phạm vi của %(plan)s.") % {"unit": unit.name, "plan": plan},
            field="unit",
        )
    if data.audience not in Outreach.Audience.values:
        raise DomainError(_("Đối tượng không hợp lệ."), field="audience")
    if data.method not in Outreach.Method.values:
        raise DomainError(_("Hình thức không hợp lệ."), field="method")
    if data.reach_unit not in Outreach.ReachUnit.values:
        raise DomainError(_("Chọn tính theo người hoặc theo hộ."), field="reach_unit")
    if data.reached < 0:
        raise DomainError(_("Số được tuyên truyền không được là số âm."), field="reached")
    if data.reached == 0:
        raise DomainError(_("Cần ít nhất 1 người hoặc 1 hộ được tuyên truyền."), field="reached")
    start, end = plan_period(plan)
    if (start and data.date < start) or (end and data.date > end):
        raise DomainError(
            _(
                "Ngày %(day)s nằm ngoài thời gian thực hiện kế hoạch "
                "(từ ngày %(start)s đến ngày %(end)s)."
            )
            % {
                "day": format_date_short(data.date),
                "start": format_date_short(start) if start else "…",
                "end": format_date_short(end) if end else "…",
            },
            field="date",
        )
    if data.date > timezone.localdate():
        raise DomainError(
            _("Ngày tuyên truyền không được sau ngày hôm nay: chỉ ghi việc đã làm."), field="date"
        )


@transaction.atomic
def outreach_create(*, actor: User, plan: Plan, unit: OrgUnit, data: OutreachData) -> Outreach:
    require_cap(actor, Cap.DATA_ENTER, unit)
    _check(plan=plan, unit=unit, data=data)
    outreach = Outreach.objects.create(
        plan=plan,
        org_unit=unit,
        audience=data.audience,
        method=data.method,
        date=data.date,
        reached=data.reached,
        reach_unit=data.reach_unit,
        note=data.note.strip()[:300],
        created_by=actor,
    )
    audit_action(
        actor=actor,
        action="dissemination.outreach.created",
        obj=outreach,
        summary=_("%(unit)s tuyên truyền đến %(audience)s ngày %(day)s (%(method)s): %(reach)s")
        % {
            "unit": unit.name,
            "audience": in_sentence(outreach.get_audience_display()),
            "day": format_date_short(data.date),
            "method": in_sentence(outreach.get_method_display()),
            "reach": reach_text(data.reached, data.reach_unit),
        },
        created=True,
    )
    return outreach


@transaction.atomic
def outreach_delete(*, actor: User, outreach: Outreach) -> None:
    require_cap(actor, Cap.DATA_ENTER, outreach.org_unit)
    audit_action(
        actor=actor,
        action="dissemination.outreach.deleted",
        obj=outreach,
        summary=_("Xóa tuyên truyền đến %(audience)s ngày %(day)s của %(unit)s")
        % {
            "audience": in_sentence(outreach.get_audience_display()),
            "day": format_date_short(outreach.date),
            "unit": outreach.org_unit.name,
        },
    )
    outreach.delete()
