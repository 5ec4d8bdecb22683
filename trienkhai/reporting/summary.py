"""What the reporting loop adds to the summary report: "đã nộp x/y, đúng hạn z/y" with the late
units by name (section I), and the units' own hạn chế, nguyên nhân, đề xuất and kiến nghị from
their accepted reports (sections VI.2 and VII), grouped when units wrote the same and always
attributed ("Chi bộ 05, Chi bộ 07: …").

The requests counted are those the summary's unit asked for in the period (its schedules, of
the plan reported on), whatever the kind of schedule, so a one-off report counts as well.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.core.text import clean_text
from trienkhai.documents.data import Block, BulletList, Paragraph
from trienkhai.documents.summary import SummaryScope, register_summary_section
from trienkhai.reporting.models import ReportRequest, RequestState, effective_due
from trienkhai.reporting.rates import Rates, counts

# Beyond this many late units a sentence names the first ones and says "và … đơn vị khác".
MAX_NAMES = 12


def asked(scope: SummaryScope) -> QuerySet[ReportRequest]:
    """The requests of the period that the scope's unit asked its units for."""
    qs = ReportRequest.objects.filter(schedule__org_unit=scope.unit, period=scope.period.code)
    if scope.plan is not None:
        qs = qs.filter(schedule__plan=scope.plan)
    return qs


def _names(names: list[str]) -> str:
    if len(names) <= MAX_NAMES:
        return ", ".join(names)
    return _("%(names)s và %(n)d đơn vị khác") % {
        "names": ", ".join(names[:MAX_NAMES]),
        "n": len(names) - MAX_NAMES,
    }


@register_summary_section("leadership")
def reporting_rates(scope: SummaryScope) -> list[Block] | None:
    requests = asked(scope)
    rates = Rates.from_row(requests.aggregate(**counts()))
    if not rates.expected:
        return None
    y = rates.expected
    text = _(
        "Việc báo cáo định kỳ của các đơn vị: đã nộp %(submitted)d/%(y)d, đúng hạn "
        "%(on_time)d/%(y)d báo cáo; đã duyệt %(accepted)d/%(y)d."
    ) % {"submitted": rates.submitted, "on_time": rates.on_time, "accepted": rates.accepted, "y": y}
    blocks: list[Block] = [Paragraph(text)]
    ordered = requests.select_related("org_unit").order_by("org_unit__path")
    missing = list(
        ordered.filter(first_submitted_at__isnull=True).values_list("org_unit__name", flat=True)
    )
    late = list(
        ordered.filter(first_submitted_at__isnull=False)
        .exclude(first_submitted_at__date__lte=effective_due())
        .values_list("org_unit__name", flat=True)
    )
    if missing:
        blocks.append(Paragraph(_("Chưa nộp báo cáo: %(units)s.") % {"units": _names(missing)}))
    if late:
        blocks.append(Paragraph(_("Nộp báo cáo chậm: %(units)s.") % {"units": _names(late)}))
    return blocks


def _grouped(rows: Iterable[tuple[str, str]]) -> list[str]:
    """(unit name, text) → "Chi bộ 01, Chi bộ 02: text", units that wrote the same together,
    in the order the first of them comes in the tree."""
    by_text: dict[str, tuple[str, list[str]]] = {}
    for name, text in rows:
        for line in (clean_text(part) for part in text.splitlines()):
            line = line.lstrip("-–• ").strip()
            if not line:
                continue
            key = line.casefold().rstrip(".;")
            by_text.setdefault(key, (line.rstrip(".;"), []))[1].append(name)
    return [f"{', '.join(dict.fromkeys(names))}: {line}" for line, names in by_text.values()]


def _narratives(scope: SummaryScope, *keys: str) -> list[Block]:
    accepted = (
        asked(scope)
        .filter(state=RequestState.ACCEPTED)
        .select_related("org_unit")
        .order_by("org_unit__path")
    )
    rows = list(accepted.values_list("org_unit__name", "sections"))
    blocks: list[Block] = []
    for key, heading in _HEADINGS.items():
        if key not in keys:
            continue
        items = _grouped((name, (sections or {}).get(key) or "") for name, sections in rows)
        if items:
            blocks.append(Paragraph(str(heading), italic=True))
            blocks.append(BulletList((*(f"{i};" for i in items[:-1]), f"{items[-1]}.")))
    return blocks


_HEADINGS = {
    "han_che": gettext_lazy("Hạn chế các đơn vị nêu trong báo cáo:"),
    "nguyen_nhan": gettext_lazy("Nguyên nhân các đơn vị nêu:"),
    "de_xuat": gettext_lazy("Đề xuất của các đơn vị:"),
    "kien_nghi": gettext_lazy("Kiến nghị của các đơn vị:"),
}


@register_summary_section("limitations")
def unit_limitations(scope: SummaryScope) -> list[Block] | None:
    return _narratives(scope, "han_che", "nguyen_nhan") or None


@register_summary_section("proposals")
def unit_proposals(scope: SummaryScope) -> list[Block] | None:
    return _narratives(scope, "de_xuat", "kien_nghi") or None
