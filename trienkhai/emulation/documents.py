"""The committee's tờ trình of commendations, as `DocumentData`: what the year's scoring gave,
then the collectives and the people proposed, each with its achievement and the form of
commendation. Data only: the service drafts it in the committee's register, which numbers it
at issue ("Số 03-TTr/ĐU")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number
from trienkhai.documents.data import Block, DocumentData, Paragraph, Table
from trienkhai.documents.issuers import issuer_of, party_document
from trienkhai.documents.models import DocType
from trienkhai.emulation.models import Band, Commendation, ScoreRound

__all__ = ["proposal_data"]


def _results(round_: ScoreRound) -> Paragraph:
    cards = list(round_.cards.all())
    finals = Counter(c.band_final for c in cards if c.band_final)
    parts = [
        _("%(n)s %(band)s") % {"n": format_number(finals[band]), "band": str(label).lower()}
        for band, label in Band.choices
        if finals.get(band)
    ]
    text = _(
        "Kết quả chấm điểm thực hiện Kế hoạch năm %(year)s (thang điểm 100, là một tiêu chí "
        "đánh giá, xếp loại chất lượng hằng năm) của %(n)s đơn vị đã được %(body)s ký duyệt"
    ) % {"year": round_.year, "n": format_number(len(cards)), "body": _("Ban Thường vụ")}
    if parts:
        text += _("; các tổ chức đảng: %(parts)s") % {"parts": ", ".join(parts)}
    return Paragraph(text + ".")


def _table(items: Sequence[Commendation], *, people: bool) -> Table:
    header = (
        (_("TT"), _("Họ và tên, chức vụ, đơn vị"), _("Thành tích"), _("Hình thức"))
        if people
        else (_("TT"), _("Tập thể"), _("Thành tích"), _("Hình thức"))
    )
    rows = []
    for i, item in enumerate(items, start=1):
        who = f"{item.person}, {item.unit.name}" if people else item.unit.name
        reason = item.reason
        if item.scorecard is not None:
            reason += " " + _("(điểm thực hiện Kế hoạch: %(score)s)") % {
                "score": format_number(item.scorecard.score, 2)
            }
        rows.append((str(i), who, reason, str(item.get_level_display())))
    return Table(header_rows=(header,), rows=tuple(rows), widths_mm=(10, 50, 75, 30))


def proposal_data(
    round_: ScoreRound, items: Sequence[Commendation], day: date, number: int | None = None
) -> DocumentData:
    info = issuer_of(round_.org_unit, day)
    collectives = [i for i in items if i.kind == Commendation.Kind.COLLECTIVE]
    people = [i for i in items if i.kind == Commendation.Kind.INDIVIDUAL]
    body: list[Block] = [
        Paragraph(
            _(
                "Căn cứ Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị về kiểm điểm và "
                "đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị; "
                "căn cứ kết quả thực hiện Kế hoạch năm %(year)s của các tập thể, cá nhân,"
            )
            % {"year": round_.year}
        ),
        _results(round_),
        Paragraph(
            _(
                "%(body)s kính trình Ban Chấp hành Đảng bộ xem xét, khen thưởng %(n)s tập thể "
                "và %(m)s cá nhân có thành tích xuất sắc trong thực hiện Kế hoạch năm %(year)s, "
                "cụ thể như sau:"
            )
            % {
                "body": info.acting_body,
                "n": format_number(len(collectives)),
                "m": format_number(len(people)),
                "year": round_.year,
            }
        ),
    ]
    if collectives:
        body += [Paragraph(_("1. Tập thể"), bold=True), _table(collectives, people=False)]
    if people:
        body += [
            Paragraph(_("%(n)s. Cá nhân") % {"n": 2 if collectives else 1}, bold=True),
            _table(people, people=True),
        ]
    body.append(Paragraph(_("Kính trình Ban Chấp hành xem xét, quyết định.")))
    return party_document(
        info,
        DocType.TO_TRINH,
        title=_(
            "Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong thực hiện "
            "Kế hoạch năm %(year)s"
        )
        % {"year": round_.year},
        body=body,
        recipients=list(info.recipients(_("- Ban Chấp hành Đảng bộ,"))),
        draft_year=round_.year,
        number=number,
        day=day,
        extra={"score_round": round_.pk},
    )
