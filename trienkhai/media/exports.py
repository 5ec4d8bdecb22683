"""XLSX exports: the items list, and the overview (compliance per unit, counts per week)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.media.compliance import HeatMap, RuleCompliance
from trienkhai.media.imports import ITEM_COLUMNS, SHEET_ITEMS, SHEET_TALLIES, TALLY_COLUMNS
from trienkhai.media.rules import EXEMPT, MET, MISSED
from trienkhai.media.weeks import week_label
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

MAX_ROWS = 20000
STATUS_WORDS = {
    MET: gettext_lazy("Đạt"),
    MISSED: gettext_lazy("Chưa đạt"),
    EXEMPT: gettext_lazy("Không tính"),
    "current": gettext_lazy("Đang diễn ra"),
}


def items_workbook(*, unit: OrgUnit, items: Any) -> bytes:
    # The list is only written, never read back (the import wants unit codes, not names):
    # its sheet and column names are translated.
    columns = [
        Column(_("Ngày"), "date"),
        Column(_("Tuần"), width=10),
        Column(_("Đơn vị")),
        Column(_("Kênh")),
        Column(_("Loại kênh")),
        Column(_("Thể loại")),
        Column(_("Tiêu đề"), width=60),
        Column(_("Đường dẫn")),
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
        [
            Sheet(
                _("Tin bài"),
                columns,
                rows,
                heading=_("Tin, bài tuyên truyền — %(unit)s") % {"unit": unit.name},
            )
        ]
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
                    _("Áp dụng") if row.binding else _("Tham khảo"),
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
                _("Kết quả"),
                [
                    Column(_("Quy định"), width=50),
                    Column(_("Đơn vị"), width=40),
                    Column(_("Áp dụng")),
                    Column(_("Số kỳ đạt"), "int"),
                    Column(_("Số kỳ chưa đạt"), "int"),
                    Column(_("Số kỳ không tính"), "int"),
                    Column(_("Chuỗi đạt hiện tại"), "int"),
                    Column(_("Khoảng hụt dài nhất"), "int"),
                    Column(_("Khoảng hụt từ – đến"), width=50),
                ],
                result_rows,
                heading=_("Thực hiện quy định tuyên truyền — %(unit)s — %(plan)s")
                % {"unit": unit.name, "plan": plan},
            )
        )
        period_rows = [
            (
                rule.rule.config.text,
                row.unit.name,
                p.span.label,
                p.total,
                p.required,
                str(STATUS_WORDS[p.status]),
            )
            for rule in rules
            for row in rule.rows
            if row.binding or row.is_root
            for p in row.evaluation.periods
        ]
        sheets.append(
            Sheet(
                _("Từng kỳ"),
                [
                    Column(_("Quy định"), width=50),
                    Column(_("Đơn vị"), width=40),
                    Column(_("Kỳ"), width=30),
                    Column(_("Số tin, bài"), "int"),
                    Column(_("Tối thiểu"), "int"),
                    Column(_("Kết quả")),
                ],
                period_rows,
            )
        )
    sheets.append(
        Sheet(
            _("Theo tuần"),
            [Column(_("Đơn vị"), width=40), *(Column(week_label(w), "int") for w in heat.weeks)],
            [(row.unit.name, *(c.count for c in row.cells)) for row in heat.rows],
            heading=_("Số tin, bài theo tuần — %(unit)s") % {"unit": unit.name},
        )
    )
    return build_workbook(sheets)


def import_template() -> bytes:
    """An empty workbook with both sheets and one example row each."""
    today = timezone.localdate()
    iso = today.isocalendar()
    # The sheet titles, column heads and example values are read back by the import (and
    # "Tin" is a kind word it knows): not translated. Only the notes are for people.
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
                    _(
                        "Ngày ghi dd/mm/yyyy; Mã đơn vị và Kênh như trong hệ thống; Thể loại: "
                        "Tin, Bài, Phóng sự hoặc Chuyên mục; Chỉ tiêu và Nhóm giải pháp ghi số "
                        "thứ tự, cách nhau bằng dấu phẩy (có thể để trống)."
                    )
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
                notes=[_("Tuần ghi dạng 2026-W23 hoặc một ngày bất kỳ trong tuần.")],
            ),
        ]
    )
