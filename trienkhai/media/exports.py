"""XLSX exports: the items list, and the overview (compliance per unit, counts per week)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.media.compliance import HeatMap, RuleCompliance
from trienkhai.media.imports import ITEM_COLUMNS, SHEET_ITEMS, SHEET_TALLIES, TALLY_COLUMNS
from trienkhai.media.rules import EXEMPT, MET, MISSED
from trienkhai.media.weeks import week_label
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

MAX_ROWS = 20000
STATUS_WORDS = {MET: "Đạt", MISSED: "Chưa đạt", EXEMPT: "Không tính", "current": "Đang diễn ra"}


def items_workbook(*, unit: OrgUnit, items: Any) -> bytes:
    columns = [
        Column("Ngày", "date"),
        Column("Tuần", width=10),
        Column("Đơn vị"),
        Column("Kênh"),
        Column("Loại kênh"),
        Column("Thể loại"),
        Column("Tiêu đề", width=60),
        Column("Đường dẫn"),
    ]
    rows = (
        (
            i.date,
            f"{i.iso_year}-W{i.iso_week:02d}",
            i.org_unit.name,
            i.channel.name,
            i.channel.get_kind_display(),
            i.get_kind_display(),
            i.title,
            i.link,
        )
        for i in items[:MAX_ROWS]
    )
    return build_workbook(
        [Sheet("Tin bài", columns, rows, heading=f"Tin, bài tuyên truyền — {unit.name}")]
    )


def overview_workbook(
    *, unit: OrgUnit, plan: Plan | None, rules: list[RuleCompliance], heat: HeatMap
) -> bytes:
    sheets = []
    result_rows = []
    for rule in rules:
        for row in rule.rows:
            ev = row.evaluation
            gap = f"{ev.gap[0].label} – {ev.gap[1].label}" if ev.gap else ""
            result_rows.append(
                (
                    rule.rule.config.text,
                    row.unit.name,
                    "Áp dụng" if row.binding else "Tham khảo",
                    ev.met,
                    ev.missed,
                    ev.exempt,
                    ev.streak,
                    ev.longest_gap,
                    gap,
                )
            )
    if plan is not None:
        sheets.append(
            Sheet(
                "Kết quả",
                [
                    Column("Quy định", width=50),
                    Column("Đơn vị", width=40),
                    Column("Áp dụng"),
                    Column("Số kỳ đạt", "int"),
                    Column("Số kỳ chưa đạt", "int"),
                    Column("Số kỳ không tính", "int"),
                    Column("Chuỗi đạt hiện tại", "int"),
                    Column("Khoảng hụt dài nhất", "int"),
                    Column("Khoảng hụt từ – đến", width=50),
                ],
                result_rows,
                heading=f"Thực hiện quy định tuyên truyền — {unit.name} — {plan}",
            )
        )
        period_rows = [
            (
                rule.rule.config.text,
                row.unit.name,
                p.span.label,
                p.total,
                p.required,
                STATUS_WORDS[p.status],
            )
            for rule in rules
            for row in rule.rows
            if row.binding or row.is_root
            for p in row.evaluation.periods
        ]
        sheets.append(
            Sheet(
                "Từng kỳ",
                [
                    Column("Quy định", width=50),
                    Column("Đơn vị", width=40),
                    Column("Kỳ", width=30),
                    Column("Số tin, bài", "int"),
                    Column("Tối thiểu", "int"),
                    Column("Kết quả"),
                ],
                period_rows,
            )
        )
    sheets.append(
        Sheet(
            "Theo tuần",
            [Column("Đơn vị", width=40), *(Column(week_label(w), "int") for w in heat.weeks)],
            [(row.unit.name, *(c.count for c in row.cells)) for row in heat.rows],
            heading=f"Số tin, bài theo tuần — {unit.name}",
        )
    )
    return build_workbook(sheets)


def import_template() -> bytes:
    """An empty workbook with both sheets and one example row each."""
    today = timezone.localdate()
    iso = today.isocalendar()
    return build_workbook(
        [
            Sheet(
                SHEET_ITEMS,
                [Column(c, kind="date" if c == "Ngày" else "text") for c in ITEM_COLUMNS],
                [
                    (
                        today,
                        "chibo01",
                        "Đài truyền thanh xã",
                        "Tin",
                        "Chi bộ thôn tổ chức học tập Chương trình 20-CTr/TU",
                        "",
                        "21",
                        "II.2.2",
                    )
                ],
                notes=[
                    "Ngày ghi dd/mm/yyyy; Mã đơn vị và Kênh như trong hệ thống; Thể loại: Tin, "
                    "Bài, Phóng sự hoặc Chuyên mục; Chỉ tiêu và Nhóm giải pháp ghi số thứ tự, "
                    "cách nhau bằng dấu phẩy (có thể để trống)."
                ],
            ),
            Sheet(
                SHEET_TALLIES,
                [Column(c, kind="int" if c == "Số tin, bài" else "text") for c in TALLY_COLUMNS],
                [
                    (
                        f"{iso.year}-W{iso.week:02d}",
                        "chibo01",
                        "Nhóm Zalo chi bộ",
                        5,
                    )
                ],
                notes=["Tuần ghi dạng 2026-W23 hoặc một ngày bất kỳ trong tuần."],
            ),
        ]
    )
