"""XLSX export of a unit's tallies: the count by status, then every target with its status."""

from __future__ import annotations

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.monitoring.assessment import STATUS_ORDER
from trienkhai.monitoring.progress import UnitProgress


def tally_workbook(result: UnitProgress) -> bytes:
    heading = _("Tiến độ thực hiện chỉ tiêu — %(unit)s — năm %(year)s") % {
        "unit": result.unit.name,
        "year": result.year,
    }
    summary_rows = []
    notes = []
    for doc in result.documents:
        for status in STATUS_ORDER:
            items = doc.tally.by_status[status]
            summary_rows.append(
                [doc.title, status.label, len(items), doc.tally.total, ", ".join(items)]
            )
        notes.append(f"{doc.title}: {doc.tally.sentence}")
        if doc.qualitative:
            notes.append(
                _("%(doc)s: %(n)s chỉ tiêu định tính không tính vào kết quả (%(refs)s).")
                % {
                    "doc": doc.title,
                    "n": len(doc.qualitative),
                    "refs": ", ".join(t.ref for t in doc.qualitative),
                }
            )
    notes.append(
        _("Ngày đánh giá: %(d)s. Chỉ tiêu có nhiều dòng chỉ đạt khi tất cả các dòng đạt.")
        % {"d": result.as_of.strftime("%d/%m/%Y")}
    )
    summary = Sheet(
        title=_("Tổng hợp"),
        heading=heading,
        columns=[
            Column(_("Văn bản"), width=40),
            Column(_("Kết quả"), width=24),
            Column(_("Số chỉ tiêu"), kind="int"),
            Column(_("Tổng số chỉ tiêu"), kind="int"),
            Column(_("Chỉ tiêu số"), width=40),
        ],
        rows=summary_rows,
        notes=notes,
    )
    detail_rows = []
    for doc in result.documents:
        for item in doc.items:
            for row in item.rows:
                a = row.assessment
                detail_rows.append(
                    [
                        doc.title,
                        row.target.ref,
                        item.item,
                        row.target.label,
                        row.figure,
                        a.year,
                        a.value,
                        a.status.label,
                        item.status.label,
                        a.ratio,
                        a.required_text,
                        a.sentence,
                    ]
                )
    detail = Sheet(
        title=_("Chi tiết"),
        heading=heading,
        columns=[
            Column(_("Văn bản"), width=30),
            Column(_("Số thứ tự"), width=10),
            Column(_("Chỉ tiêu số"), width=10),
            Column(_("Tên chỉ tiêu"), width=40),
            Column(_("Mục tiêu"), width=24),
            Column(_("Năm số liệu"), kind="text", width=10),
            Column(_("Giá trị"), kind="decimal", places=2),
            Column(_("Tình trạng"), width=20),
            Column(_("Tình trạng của chỉ tiêu số"), width=20),
            Column(_("R"), kind="decimal", places=2),
            Column(_("Các năm còn lại cần"), width=40),
            Column(_("Nhận định"), width=60),
        ],
        rows=detail_rows,
    )
    return build_workbook([summary, detail])
