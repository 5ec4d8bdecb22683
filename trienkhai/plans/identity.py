"""When an uploaded plan is one the system already holds, and what differs from it.

A plan is the same plan when its issuing unit, document type, symbol and number agree (the
number restarts each term, so the year of issue is part of it); while it has no number (the
seed's "Số -KH/ĐU") it is the same when its issuer and subject agree, compared by their
search keys. Uploading it again must never make a second plan: every task, observation,
session and document hangs on the first one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number
from trienkhai.core.text import search_key
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.parser import ParsedPlan

HEADER_FIELDS = {
    "superior": _("cơ quan cấp trên"),
    "issuer": _("cơ quan ban hành"),
    "place": _("địa danh"),
    "date": _("ngày ban hành"),
    "title": _("trích yếu"),
}
TARGET_FIELDS = ("comparator", "value", "low", "high", "stretch", "target_year")


def existing_plan(unit: OrgUnit, parsed: ParsedPlan) -> Plan | None:
    """The unit's plan this parsed plan is, if the system already holds it."""
    # A withdrawn plan was entered by mistake: entering it properly is not a copy of it.
    plans = Plan.objects.filter(org_unit=unit, doc_type=parsed.doc_type or "KH").exclude(
        state=Plan.State.WITHDRAWN
    )
    if parsed.number is not None:
        numbered = plans.filter(symbol=parsed.symbol or "KH/ĐU", number=parsed.number)
        if parsed.date is not None:
            numbered = numbered.filter(date__year=parsed.date.year)
        if (found := numbered.order_by("pk").first()) is not None:
            return found
        # The issued copy of a plan first entered from its unnumbered draft.
        plans = plans.filter(number__isnull=True)
    # An unnumbered text is the plan of the same issuer and subject, even when the office
    # has since given that plan its number and date.
    wanted = (search_key(parsed.issuer or ""), search_key(parsed.title or ""))
    for plan in plans.order_by("pk"):
        if (search_key(plan.issuer), search_key(plan.title)) == wanted:
            return plan
    return None


# The words that say what kind of body a unit is, before its place: "Đảng bộ xã Tân Kỳ".
_BODY_WORDS = re.compile(
    r"^(?:dang bo|dang uy|ban thuong vu dang uy|ban thuong vu|chi bo|uy ban nhan dan"
    r"|ubnd|uy ban mat tran to quoc viet nam|hoi dong nhan dan)\s+"
)


def issuer_mismatch(unit: OrgUnit, parsed: ParsedPlan) -> str | None:
    """A warning when the file's issuer is plainly another unit (the plan of the ward next
    door uploaded for the commune): its place is not the chosen unit's."""
    if not parsed.issuer:
        return None
    place = _BODY_WORDS.sub("", search_key(unit.name))
    if not place or place in search_key(parsed.issuer):
        return None
    return _(
        "Cơ quan ban hành trong tệp (%(issuer)s) không khớp với đơn vị đã chọn (%(unit)s): "
        "kiểm tra lại đơn vị trước khi lưu."
    ) % {"issuer": parsed.issuer, "unit": unit.name}


@dataclass(frozen=True)
class Difference:
    part: str  # what the line is about: the header, a target, a duty
    what: str
    before: str
    after: str


def _show(value: Any) -> str:
    if value is None or value == "":
        return _("(trống)")
    if isinstance(value, Decimal | int | float):
        return format_number(value)
    if hasattr(value, "year"):
        return format_date_short(value)
    return str(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return (a is None and b is None) or (
            a is not None and b is not None and Decimal(a) == Decimal(b)
        )
    return (a or "") == (b or "")


def differences(plan: Plan, parsed: ParsedPlan) -> list[Difference]:
    """What the upload would change in the plan; empty when it is the same text."""
    found: list[Difference] = []
    header = _("Thông tin chung")
    for name, label in HEADER_FIELDS.items():
        new = getattr(parsed, name)
        # A text that lacks a field (the draft's missing date) never erases what is known.
        if new not in (None, "") and not _same(getattr(plan, name), new):
            found.append(Difference(header, str(label), _show(getattr(plan, name)), _show(new)))
    own = {t.ref: t for t in plan.targets.all()}
    for row in parsed.targets:
        if row.scope == Target.Scope.REFERENCE:
            continue
        target = own.pop(row.ref, None)
        what = _("Chỉ tiêu (%(ref)s)") % {"ref": row.ref}
        if target is None:
            found.append(Difference(what, _("thêm mới"), "", row.text or row.label or ""))
            continue
        new_values = {"target_year": row.year, **{f: getattr(row, f) for f in TARGET_FIELDS[:5]}}
        for name in TARGET_FIELDS:
            if not _same(getattr(target, name), new_values[name]):
                label = str(getattr(Target._meta.get_field(name), "verbose_name", name))
                found.append(
                    Difference(what, label, _show(getattr(target, name)), _show(new_values[name]))
                )
    for ref, target in own.items():
        found.append(
            Difference(
                _("Chỉ tiêu (%(ref)s)") % {"ref": ref},
                _("không còn trong tệp (được giữ lại)"),
                target.label,
                "",
            )
        )
    duties = list(plan.duties.order_by("order", "pk"))
    for order, task in enumerate(parsed.tasks):
        what = _("Nhiệm vụ %(n)s (mục %(s)s)") % {"n": order + 1, "s": task.section or "?"}
        if order >= len(duties):
            found.append(Difference(what, _("thêm mới"), "", task.text[:120]))
            continue
        duty = duties[order]
        if search_key(duty.text) != search_key(task.text):
            found.append(Difference(what, _("nội dung"), duty.text[:120], task.text[:120]))
        if duty.due != task.due:
            found.append(Difference(what, _("thời hạn"), _show(duty.due), _show(task.due)))
    return found
