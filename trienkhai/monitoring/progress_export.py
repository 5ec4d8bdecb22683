"""XLSX export of a unit's tallies: the count by status, then every target with its status."""

from __future__ import annotations

from django.utils.translation import gettext as _

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.monitoring.assessment import STATUS_ORDER
from trienkhai.monitoring.progress import UnitProgress


def tally_workbook(result: UnitProgress) -> bytes:
    heading = _("Tiến độ thực hiện chỉ tiêu — %(unit)s — năm %(year)s") % {
        "unit": result.unit.name,
        "year": result.year,
    }
    return build_workbook([_summary(result, heading), _detail(result, heading)])


def _summary(result: UnitProgress, heading: str) -> Sheet:
    """The count by status of each document, and the sentences offices copy into a report."""
    rows = []
    notes = []
    for doc in result.documents:
        for status in STATUS_ORDER:
            items = doc.tally.by_status[status]
            rows.append([doc.title, status.label, len(items), doc.tally.total, ", ".join(items)])
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
    columns = [
        Column(_("Văn bản"), width=40),
        Column(_("Kết quả"), width=24),
        Column(_("Số chỉ tiêu"), kind="int"),
        Column(_("Tổng số chỉ tiêu"), kind="int"),
        Column(_("Chỉ tiêu số"), width=40),
    ]
    return Sheet(_("Tổng hợp"), columns, rows, heading=heading, notes=notes)


def _detail(result: UnitProgress, heading: str) -> Sheet:
    """Every target row with its status, the figures used and the sentence."""
    rows = []
    for doc in result.documents:
        for item in doc.items:
            for row in item.rows:
                a = row.assessment
                rows.append(
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
    columns = [
        Column(_("Văn bản"), width=30),
        Column(_("Số thứ tự"), width=10),
        Column(_("Chỉ tiêu số"), width=10),
        Column(_("Tên chỉ tiêu"), width=40),
        Column(_("Mục tiêu"), width=24),
        Column(_("Năm số liệu"), kind="text", width=10),
        Column(_("Giá trị"), kind="decimal", places=2),
        Column(_("Tình trạng"), width=20),
        Column(_("Tình trạng của chỉ tiêu số"), width=20),
        Column("R", kind="decimal", places=2),
        Column(_("Các năm còn lại cần"), width=40),
        Column(_("Nhận định"), width=60),
    ]
    return Sheet(_("Chi tiết"), columns, rows, heading=heading)
