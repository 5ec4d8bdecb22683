"""Demo scoring of Tân Kỳ: the 2026 round, opened and computed by the Văn phòng Đảng ủy from
what the other demos recorded (tasks, reports, study sessions, news items, inspections, good
practices), with one chi bộ rated otherwise than suggested, and a written reason. It is left
unsigned: the office signs the year off at its end.

Only 2026: the demo records nothing in 2025, so a 2025 round would score every unit 0.
A second run finds the round computed and does nothing.
"""

from __future__ import annotations

from trienkhai.core.demo import DemoContext
from trienkhai.emulation import services
from trienkhai.emulation.models import Band, Scorecard, ScoreRound
from trienkhai.orgs.models import OrgUnit

YEAR = 2026

# Held back to "không hoàn thành" by one task late, against high marks otherwise.
LATE_REASON = (
    "Nhiệm vụ chậm tiến độ do nguyên nhân khách quan (ảnh hưởng của bão số 3), chi bộ đã "
    "khắc phục và hoàn thành ngay sau đó; các tiêu chí khác đạt cao. Văn phòng đề xuất xếp "
    "mức hoàn thành nhiệm vụ."
)
# When no chi bộ is held back so: the lowest one, lowered for what the figures do not show.
LOWER_REASON = (
    "Chi bộ chưa duy trì sinh hoạt định kỳ đúng quy định trong quý IV (theo báo cáo của Ban "
    "Xây dựng Đảng), chưa thể hiện trong số liệu. Văn phòng đề xuất hạ một mức."
)


def _override(ctx: DemoContext, round_: ScoreRound) -> None:
    cells = list(
        round_.cards.filter(kind=OrgUnit.Kind.PARTY_CELL)
        .select_related("org_unit", "round__org_unit")
        .order_by("rank_in_group")
    )
    if not cells:
        return
    held_back = [c for c in cells if c.band_suggested == Band.UNFULFILLED]
    band: str
    if held_back:
        chosen: Scorecard = held_back[0]  # the best score of them
        band, reason = Band.FULFILLED, LATE_REASON
    else:
        chosen = cells[-1]
        bands = list(Band.values)
        band = bands[min(bands.index(chosen.band_final or Band.UNFULFILLED) + 1, len(bands) - 1)]
        reason = LOWER_REASON
    services.card_override(
        actor=ctx.users["vanphong"], card=chosen, version=chosen.version, band=band, reason=reason
    )


def load(ctx: DemoContext) -> None:
    office = ctx.users["vanphong"]
    round_ = ScoreRound.objects.filter(org_unit=ctx.commune, year=YEAR).first()
    if round_ is not None and round_.computed_at is not None:
        return
    round_ = round_ or services.round_open(actor=office, committee=ctx.commune, year=YEAR)
    round_ = services.round_compute(actor=office, round_=round_)
    _override(ctx, round_)
