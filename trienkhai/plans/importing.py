"""Saving a plan from the command line, through the same services as the review screen."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.accounts.permissions import Cap, has_cap
from trienkhai.core.audit import acting_as
from trienkhai.core.errors import DomainError
from trienkhai.core.text import search_key
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans import services
from trienkhai.plans.identity import Difference, existing_plan
from trienkhai.plans.models import Plan
from trienkhai.plans.parser import ParsedPlan


def _unit_for(issuer: str | None, unit_code: str | None) -> OrgUnit:
    if unit_code:
        unit = OrgUnit.objects.filter(code=unit_code).first()
        if unit is None:
            raise DomainError(_("Không có đơn vị mã “%(code)s”.") % {"code": unit_code})
        return unit
    wanted = search_key(issuer or "")
    # "ĐẢNG ỦY XÃ TÂN KỲ" is the committee of the unit "Đảng bộ xã Tân Kỳ".
    candidates = [
        u
        for u in OrgUnit.objects.valid_on().exclude(kind__in=OrgUnit.PARTY_ORG_KINDS)
        if wanted and wanted in {search_key(u.name), search_key(u.short_name)}
    ]
    if len(candidates) != 1:
        raise DomainError(
            _("Không xác định được đơn vị ban hành “%(issuer)s”: hãy ghi --unit MÃ_ĐƠN_VỊ.")
            % {"issuer": issuer or ""}
        )
    return candidates[0]


def _actor_for(unit: OrgUnit, username: str | None) -> User:
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise DomainError(_("Không có người dùng “%(name)s”.") % {"name": username})
        return user
    membership = (
        Membership.objects.active()
        .filter(org_unit=unit, role__in=[Role.OFFICE, Role.ADMIN])
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise DomainError(
            _("%(unit)s chưa có cán bộ văn phòng: hãy ghi --user TÊN_ĐĂNG_NHẬP.")
            % {"unit": unit.name}
        )
    return membership.user


def import_plan_file(
    *,
    path: str,
    parsed: ParsedPlan,
    unit_code: str | None,
    username: str | None,
    update: bool = False,
) -> tuple[Plan, list[Difference] | None]:
    """The plan saved, with None; or, with `update`, the existing plan and what changed in it.

    A plan the unit already holds is refused (`DomainError` naming it) unless `update`."""
    unit = _unit_for(parsed.issuer, unit_code)
    actor = _actor_for(unit, username)
    if not has_cap(actor, Cap.PLANS_EDIT, unit):
        raise DomainError(
            _("“%(name)s” không có quyền lưu kế hoạch của %(unit)s.")
            % {"name": actor.username, "unit": unit.name}
        )
    file = Path(path)
    existing = existing_plan(unit, parsed)
    if existing is not None and update:
        with acting_as(actor):
            changes = services.plan_apply_differences(actor=actor, plan=existing, parsed=parsed)
        return existing, changes
    if existing is not None:
        raise DomainError(
            _(
                "Kế hoạch này đã có: %(plan)s (mã %(pk)s) của %(unit)s. Không lưu bản thứ hai; "
                "dùng --update để áp dụng các thay đổi vào kế hoạch đó."
            )
            % {"plan": existing.label, "pk": existing.pk, "unit": unit.name}
        )
    with acting_as(actor):
        draft = services.plan_draft_create(
            actor=actor, unit=unit, data=file.read_bytes(), name=file.name
        )
        plan = services.plan_save_from_draft(
            actor=actor, draft=draft, parsed=ParsedPlan.from_dict(draft.data)
        )
    return plan, None
