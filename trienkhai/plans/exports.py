from __future__ import annotations

from collections.abc import Iterable

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.plans.models import Plan, Target


def targets_workbook(plan: Plan, targets: Iterable[Target]) -> bytes:
    columns = [
        Column("Số TT"),
        Column("Chỉ tiêu", width=50),
        Column("So sánh"),
        Column("Giá trị", kind="decimal", places=2),
        Column("Từ", kind="decimal", places=2),
        Column("Đến", kind="decimal", places=2),
        Column("Phấn đấu", kind="decimal", places=2),
        Column("Đơn vị tính"),
        Column("Năm đạt", kind="text"),
        Column("Loại"),
        Column("Phạm vi"),
        Column("Đơn vị chủ trì"),
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
    heading = f"Chỉ tiêu của Kế hoạch {plan.reference} — {plan.issuer}"
    return build_workbook([Sheet("Chỉ tiêu", columns, rows, heading=heading)])
