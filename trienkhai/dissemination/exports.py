"""XLSX files: the coverage board (rollup per group, then one row per unit) and the import
template."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.dissemination.imports import (
    HEADCOUNT_COLUMNS,
    SESSION_COLUMNS,
    SHEET_HEADCOUNTS,
    SHEET_SESSIONS,
)
from trienkhai.dissemination.models import GROUP_NOUNS, groups_owned_by
from trienkhai.dissemination.rules import Threshold
from trienkhai.dissemination.selectors import GROUP_LABELS, GroupTotal, Row
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan


def _fraction(value: Decimal | None) -> Decimal | None:
    """Excel shows percentages from fractions: 95,57% is 0.9557 (rounded half up first)."""
    return None if value is None else value / 100


def board_workbook(
    *,
    plan: Plan,
    root: OrgUnit,
    day: date,
    thresholds: list[Threshold],
    totals: list[GroupTotal],
    rows: Iterable[Row],
) -> bytes:
    heading = _(
        "Kết quả học tập, quán triệt Kế hoạch %(plan)s — %(unit)s (tính đến ngày %(day)s)"
    ) % {"plan": plan.reference, "unit": root.name, "day": format_date_short(day)}
    # The board is only written, never read back: its sheet and column names are translated.
    summary = Sheet(
        title=_("Tổng hợp"),
        heading=heading,
        columns=[
            Column(_("Nhóm đối tượng"), width=28),
            Column(_("Chỉ tiêu")),
            Column(_("Đã học tập (được tính)"), "int"),
            Column(_("Sĩ số"), "int"),
            Column(_("Tỷ lệ"), "percent"),
            Column(_("Đánh giá")),
        ],
        rows=[
            [
                total.label,
                total.threshold.phrase,
                total.coverage.numerator,
                total.coverage.denominator,
                _fraction(total.coverage.percent),
                {True: _("Đạt"), False: _("Chưa đạt"), None: _("Chưa có sĩ số")}[total.met],
            ]
            for total in totals
        ],
        notes=[
            _(
                "Số được tính của mỗi đơn vị = buổi chính + học bù (chỉ người vắng buổi chính), "
                "không vượt sĩ số; buổi khác không tính."
            ),
            _("Đánh giá theo phân số chính xác: “trên 95%” cần tỷ lệ lớn hơn hẳn 95%."),
        ],
    )
    columns = [Column(_("Mã đơn vị")), Column(_("Đơn vị"), width=34)]
    for t in thresholds:
        group = {"group": GROUP_LABELS.get(t.group, t.group)}
        columns += [
            Column(_("%(group)s: sĩ số") % group, "int"),
            Column(_("%(group)s: buổi chính") % group, "int"),
            Column(_("%(group)s: học bù") % group, "int"),
            Column(_("%(group)s: được tính") % group, "int"),
            Column(_("%(group)s: tỷ lệ") % group, "percent"),
            Column(_("%(group)s: đánh giá") % group),
        ]
    columns += [
        Column(_("Ngày buổi chính"), "date"),
        Column(_("Số buổi học bù"), "int"),
        Column(_("Số buổi khác"), "int"),
    ]

    def unit_rows() -> Iterable[list[Any]]:
        for row in rows:
            values: list[Any] = [row.unit.code, row.unit.name]
            for cell in row.cells:
                if not cell.owned:
                    values += [None] * 6
                    continue
                values += [
                    cell.headcount,
                    cell.main,
                    cell.makeup,
                    cell.coverage.numerator,
                    _fraction(cell.coverage.percent),
                    cell.status.label,
                ]
            values += [row.main_date, row.makeup_sessions, row.other_sessions]
            yield values

    units = Sheet(title=_("Theo đơn vị"), heading=heading, columns=columns, rows=unit_rows())
    return build_workbook([summary, units])


# How each column of the import template shows (kind, width), in the order of its headers.
Layout = tuple[tuple[str, float | None], ...]
HEADCOUNT_LAYOUT: Layout = (
    ("text", None),
    ("text", 34),
    ("text", None),
    ("date", None),
    ("int", None),
    ("text", 30),
)
SESSION_LAYOUT: Layout = (
    ("text", None),
    ("text", 34),
    ("text", None),
    ("date", None),
    ("text", None),
    ("text", 28),
    ("int", None),
    ("int", None),
    ("text", 24),
)


def _columns(headers: tuple[str, ...], layout: Layout) -> list[Column]:
    pairs = zip(headers, layout, strict=True)
    return [Column(header, kind, width=width) for header, (kind, width) in pairs]


def template_workbook(*, plan: Plan, units: list[OrgUnit], day: date) -> bytes:
    """The import file to fill: one headcount row per unit and group, example sessions."""
    groups = {t.group for t in plan.coverage_thresholds.all()}
    headcount_rows = [
        [unit.code, unit.name, GROUP_NOUNS[g], day, None, ""]
        for unit in units
        for g in groups_owned_by(unit.kind)
        if g in groups
    ]
    session_example = []
    if units:
        unit = units[0]
        owned = [g for g in groups_owned_by(unit.kind) if g in groups]
        noun = GROUP_NOUNS[owned[0]] if owned else ""
        session_example = [
            [
                unit.code,
                unit.name,
                noun,
                day,
                # Words the import reads back (KIND_WORDS, FORM_WORDS): not translated.
                "chính",
                "sinh hoạt chi bộ thường kỳ",
                None,
                None,
                "",
            ]
        ]
    # The two data sheets' titles and headers are read back by the import: not translated.
    sheets = [
        Sheet(
            title=SHEET_HEADCOUNTS,
            columns=_columns(HEADCOUNT_COLUMNS, HEADCOUNT_LAYOUT),
            rows=headcount_rows,
        ),
        Sheet(
            title=SHEET_SESSIONS,
            columns=_columns(SESSION_COLUMNS, SESSION_LAYOUT),
            rows=session_example,
        ),
        # The guide is only read by people; the first column names the data columns as they
        # stand in the file, so it keeps the untranslated headers.
        Sheet(
            title=_("Hướng dẫn"),
            columns=[Column(_("Cột"), width=24), Column(_("Cách ghi"), width=90)],
            rows=[
                [
                    "Mã đơn vị",
                    _("Mã như trong hệ thống (ví dụ chibo01); tên đơn vị chỉ để đọc."),
                ],
                [
                    "Nhóm",
                    _(
                        "cán bộ chủ chốt, đảng viên, đoàn viên, hội viên; "
                        "để trống nếu đơn vị chỉ có một nhóm."
                    ),
                ],
                [
                    "Tính từ ngày",
                    _("Ngày chốt sĩ số, dạng 30/06/2026. Sĩ số cũ được giữ làm lịch sử."),
                ],
                [
                    "Ghi chú",
                    _(
                        "Sĩ số chênh nhiều so với sĩ số đã có (trên 20% và trên 5 người): "
                        "ghi lý do để xác nhận."
                    ),
                ],
                [
                    "Loại buổi",
                    _(
                        "chính (mỗi đơn vị một buổi), học bù (chỉ người vắng buổi chính), "
                        "khác (không tính)."
                    ),
                ],
                ["Hình thức", _("hội nghị, sinh hoạt chi bộ thường kỳ, chuyên đề, trực tuyến.")],
                [
                    "Số người dự",
                    _(
                        "Số nguyên, không âm, không vượt sĩ số (học bù: không vượt số người "
                        "còn vắng buổi chính)."
                    ),
                ],
                [
                    "",
                    _("Kế hoạch: %(plan)s. Một dòng sai thì cả tệp chưa được lưu.")
                    % {"plan": plan.reference},
                ],
            ],
        ),
    ]
    return build_workbook(sheets)
