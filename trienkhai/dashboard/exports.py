"""The leaders' dashboard as a workbook: every tile's figures, the named rows, and the
figures each small chart draws (the same as the page's table alternatives)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_long
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.dashboard.leaders import Dashboard


def dashboard_workbook(board: Dashboard) -> bytes:
    heading = _("Tổng quan — %(unit)s, số liệu đến %(day)s") % {
        "unit": board.unit.name,
        "day": format_date_long(board.today),
    }
    figures = [
        (tile.title, figure.label, figure.count, figure.text)
        for tile in board.tiles
        for figure in tile.figures
    ]
    lines = [(tile.title, line.text, line.note) for tile in board.tiles for line in tile.lines]
    points = [
        (card.target.ref, card.target.label, card.status_label, what, shown)
        for card in board.targets
        for what, shown in card.rows
    ]
    return build_workbook(
        [
            Sheet(
                _("Số liệu"),
                [
                    Column(_("Mặt công tác"), width=24),
                    Column(_("Nội dung"), width=48),
                    Column(_("Số"), "int"),
                    Column(_("Ghi rõ"), width=40),
                ],
                figures,
                heading=heading,
                notes=[tile.summary for tile in board.tiles if tile.summary],
            ),
            Sheet(
                _("Chi tiết"),
                [
                    Column(_("Mặt công tác"), width=24),
                    Column(_("Đơn vị, nội dung"), width=48),
                    Column(_("Ghi chú"), width=60),
                ],
                lines,
                heading=heading,
            ),
            Sheet(
                _("Chỉ tiêu"),
                [
                    Column(_("Số"), width=8),
                    Column(_("Chỉ tiêu"), width=48),
                    Column(_("Đánh giá"), width=20),
                    Column(_("Kỳ, mức"), width=28),
                    Column(_("Số liệu"), width=28),
                ],
                points,
                heading=heading,
            ),
        ]
    )
