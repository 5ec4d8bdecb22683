"""The Excel file of a plan's targets, as the plan page lists them."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.plans.models import Plan, Target


def targets_workbook(plan: Plan, targets: Iterable[Target]) -> bytes:
    columns = [
        Column(_("Số TT")),
        Column(_("Chỉ tiêu"), width=50),
        Column(_("So sánh")),
        Column(_("Giá trị"), kind="decimal", places=2),
        Column(_("Từ"), kind="decimal", places=2),
        Column(_("Đến"), kind="decimal", places=2),
        Column(_("Phấn đấu"), kind="decimal", places=2),
        Column(_("Đơn vị tính")),
        Column(_("Năm đạt"), kind="text"),
        Column(_("Loại")),
        Column(_("Phạm vi")),
        Column(_("Đơn vị chủ trì")),
    ]
    rows = [
        [
            t.ref,
            t.label,
            t.get_comparator_display() if t.comparator else "",
            t.value,
            t.low,
            t.high,
            t.stretch,
            t.measure_unit,
            str(t.target_year or ""),
            t.get_kind_display(),
            t.get_scope_display(),
            t.org_unit.name,
        ]
        for t in targets
    ]
    heading = _("Chỉ tiêu của Kế hoạch %(reference)s — %(issuer)s") % {
        "reference": plan.reference,
        "issuer": plan.issuer,
    }
    return build_workbook([Sheet(_("Chỉ tiêu"), columns, rows, heading=heading)])
