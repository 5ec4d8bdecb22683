"""The round as a workbook: one row per scored unit, the criteria as counted, the points and
the bands — the score is handed to the annual rating as one of its criteria."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.emulation.forms import CRITERION_LABELS
from trienkhai.emulation.models import Band, ScoreRound
from trienkhai.emulation.rules import CRITERIA
from trienkhai.emulation.selectors import Group

__all__ = ["round_workbook"]


def _share(pair: list[int]) -> Decimal | None:
    good, counted = pair
    if not counted:
        return None
    f = Fraction(good, counted)
    return Decimal(f.numerator) / Decimal(f.denominator)


def _band(value: str | None) -> str:
    return str(Band(value).label) if value else ""


def round_workbook(round_: ScoreRound, groups: Sequence[Group]) -> bytes:
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Đơn vị"), width=34),
        Column(_("Loại đơn vị"), width=20),
        *(Column(str(CRITERION_LABELS[k]), kind="percent") for k in CRITERIA),
        Column(_("Điểm tiêu chí"), kind="decimal", places=2),
        Column(_("Điểm cộng"), kind="decimal", places=2),
        Column(_("Điểm trừ"), kind="decimal", places=2),
        Column(_("Điểm thực hiện Kế hoạch"), kind="decimal", places=2),
        Column(_("Thứ hạng trong nhóm"), kind="int"),
        Column(_("Mức gợi ý (tham khảo)"), width=28),
        Column(_("Mức đề xuất"), width=28),
        Column(_("Lý do điều chỉnh"), width=40),
    ]
    rows = []
    number = 0
    for group in groups:
        for card in group.cards:
            number += 1
            rows.append(
                [
                    number,
                    card.org_unit.name,
                    group.label,
                    *(_share(card.criteria.get(k, [0, 0])) for k in CRITERIA),
                    card.base,
                    card.bonus,
                    card.penalty,
                    card.score,
                    card.rank_in_group,
                    _band(card.band_suggested),
                    _band(card.band_final),
                    card.override_reason,
                ]
            )
    state = _("đã ký duyệt") if round_.signed else _("dự thảo, chưa ký duyệt")
    heading = _("Điểm thực hiện Kế hoạch năm %(year)s — %(unit)s (%(state)s)") % {
        "year": round_.year,
        "unit": round_.org_unit.name,
        "state": state,
    }
    notes = [
        _(
            "Mức xếp loại theo Quy định 366-QĐ/TW chỉ để tham khảo, chỉ cho tổ chức đảng; "
            "tỉ lệ xuất sắc tối đa %(cap)s%% số hoàn thành tốt trở lên trong mỗi nhóm."
        )
        % {"cap": round_.cap_percent}
    ]
    return build_workbook([Sheet(_("Điểm"), columns, rows, heading=heading, notes=notes)])
