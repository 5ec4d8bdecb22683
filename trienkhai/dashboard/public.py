"""Reads for the citizens' public target page (trang công khai chỉ tiêu) and its poster.

Anonymous: nothing here is scoped to a user, so everything shown is chosen field by field —
no people, no per-cell figures, no tasks, no drafts. The whole page costs a fixed number of
queries whatever the number of targets: the unit, its plans, its programmes, the owned
targets with their observations (``monitoring.progress``), the city's reference targets, and
the good practices the office published (their public words only: ``opinion.selectors``).
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import segno
from django.contrib.staticfiles import finders
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.core.numbers import format_number
from trienkhai.monitoring import progress
from trienkhai.monitoring.assessment import Assessment, Status
from trienkhai.opinion.selectors import published_practices
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Programme, Target
from trienkhai.plans.selectors import COMPARATOR_WORDS

# Only the committees publish targets; their bodies and party cells do not.
PUBLIC_KINDS = (OrgUnit.Kind.COMMUNE_COMMITTEE, OrgUnit.Kind.CITY_COMMITTEE)
# A poster is read from across a room: a handful of targets, not the whole plan.
POSTER_SIZE = 8
# The page is read on a phone: the latest published practices, not every one ever published.
PRACTICES_SHOWN = 30


# How the sentence ends for each status, in the words of a notice to citizens; "no data"
# and "not due" never end one, since a status is said only beside a value.
STATUS_PHRASES: dict[Status, Any] = {
    Status.ACHIEVED: gettext_lazy("đã đạt mục tiêu"),
    Status.ON_TRACK: gettext_lazy("đúng lộ trình"),
    Status.NEEDS_ACCELERATION: gettext_lazy("cần đẩy nhanh để kịp mục tiêu"),
    Status.OFF_TRACK: gettext_lazy("chậm so với lộ trình"),
    Status.REGRESSING: gettext_lazy("đang đi ngược mục tiêu"),
}


@dataclass(frozen=True)
class PublicRow:
    """One target as a citizen reads it: what it is, the figure aimed for, and one sentence
    saying where it stands. No ref: the plan's numbering ("21.1", "I.1-a") means nothing
    outside the office."""

    label: str
    figure: str
    # The sentence before its last clause, which says the status and is shown as a badge.
    head: str
    status: Status | None

    @property
    def status_phrase(self) -> str:
        phrase = STATUS_PHRASES.get(self.status) if self.status is not None else None
        return str(phrase) if phrase else ""

    @property
    def status_css(self) -> str:
        return self.status.css if self.status is not None and self.status_phrase else ""

    @property
    def sentence(self) -> str:
        """ "Năm 2026 đạt 82%; mục tiêu năm 2030: đạt 100%; đúng lộ trình." """
        parts = [self.head, self.status_phrase] if self.status_phrase else [self.head]
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class PublicDocument:
    title: str
    rows: list[PublicRow]
    qualitative: list[str]
    # The tally sentence, only when the document has any value entered at all: a list of
    # "chưa có số liệu" says nothing to a citizen.
    tally: str


@dataclass(frozen=True)
class PublicPractice:
    """A good practice as the public page shows it: its public words, the unit, the day it
    was published; never the internal description, the review or who entered it."""

    title: str
    summary: str
    unit_name: str
    published_on: date | None


@dataclass(frozen=True)
class PublicPage:
    unit: OrgUnit
    as_of: date
    plans: list[Plan]
    programmes: list[Programme]
    documents: list[PublicDocument]
    city_targets: list[PublicRow]
    practices: list[PublicPractice]

    @property
    def is_commune(self) -> bool:
        return self.unit.kind == OrgUnit.Kind.COMMUNE_COMMITTEE

    @property
    def poster_rows(self) -> list[PublicRow]:
        """The unit's own targets first, in text order, as many as the poster holds."""
        return [row for doc in self.documents for row in doc.rows][:POSTER_SIZE]

    @property
    def poster_city_rows(self) -> list[PublicRow]:
        """For a commune with few targets of its own, the city's fill the rest of the poster."""
        return self.city_targets[: max(POSTER_SIZE - len(self.poster_rows), 0)]

    @property
    def has_targets(self) -> bool:
        return any(doc.rows or doc.qualitative for doc in self.documents)


def public_unit_get(*, code: str, day: date | None = None) -> OrgUnit:
    """A committee open today; any other unit, a closed one or an unknown code is a 404."""
    day = day or progress.today()
    unit = OrgUnit.objects.valid_on(day).filter(code=code, kind__in=PUBLIC_KINDS).order_by().first()
    if unit is None:
        raise Http404
    return unit


def amount(value: Decimal | None, measure_unit: str) -> str:
    """A quantity with its unit: "15,5%", "10%/năm", "95 triệu đồng"."""
    number = format_number(value)
    if not measure_unit:
        return number
    # Vietnamese notices glue the percent sign to the number ("15,5%"), other units not.
    gap = "" if measure_unit.startswith("%") else " "
    return f"{number}{gap}{measure_unit}"


def public_figure(target: Target) -> str:
    """The figure aimed for, the same words on the page, the poster and the static copy."""
    unit = target.measure_unit
    if target.comparator == Target.Comparator.RANGE:
        text = f"{format_number(target.low)}–{amount(target.high, unit)}"
    elif target.comparator == Target.Comparator.RANK_LE:
        text = _("top %(n)s") % {"n": format_number(target.value)}
    elif target.value is not None:
        word = COMPARATOR_WORDS.get(target.comparator, "")
        text = f"{word} {amount(target.value, unit)}".strip()
    else:
        return ""
    if target.stretch is not None:
        stretch = (
            _("top %(n)s") % {"n": format_number(target.stretch)}
            if target.comparator == Target.Comparator.RANK_LE
            else amount(target.stretch, unit)
        )
        text += _(" (phấn đấu %(stretch)s)") % {"stretch": stretch}
    return text


def _due_year(target: Target) -> int | None:
    if target.target_year:
        return target.target_year
    document = target.plan if target.plan_id else target.programme if target.programme_id else None
    return document.end_year if document is not None else None


def _aim(target: Target, figure_text: str) -> str:
    year = _due_year(target)
    if year is None:
        return _("mục tiêu: %(figure)s") % {"figure": figure_text}
    return _("mục tiêu năm %(year)s: %(figure)s") % {"year": year, "figure": figure_text}


def _reached(target: Target, latest: Assessment) -> str:
    if target.comparator == Target.Comparator.RANK_LE:
        text = _("Năm %(year)s xếp thứ %(value)s") % {
            "year": latest.year,
            "value": format_number(latest.value),
        }
    else:
        verb = _("còn") if target.direction == Target.Direction.DECREASE else _("đạt")
        text = _("Năm %(year)s %(verb)s %(value)s") % {
            "year": latest.year,
            "verb": verb,
            "value": amount(latest.value, target.measure_unit),
        }
    if latest.provisional:
        text += _(" (số sơ bộ)")
    return text


def _head(target: Target, latest: Assessment | None, *, measured: bool) -> str:
    """The sentence without its status: the value reached and the aim, or the aim alone.
    ``measured`` is false for the city's targets, which the city itself monitors."""
    aim = _aim(target, public_figure(target))
    if latest is not None:
        return f"{_reached(target, latest)}; {aim}"
    if not measured:
        return f"{aim[:1].upper()}{aim[1:]}"
    return _("Chưa có số liệu; %(aim)s") % {"aim": aim}


def _row(target: Target, assessment: Assessment | None, *, measured: bool = True) -> PublicRow:
    # The status is shown only beside a value: without one it would only say "no data".
    latest = assessment if assessment is not None and assessment.value is not None else None
    return PublicRow(
        label=target.label,
        figure=public_figure(target),
        head=_head(target, latest, measured=measured),
        status=latest.status if latest else None,
    )


def _documents(unit: OrgUnit, as_of: date) -> list[PublicDocument]:
    # A withdrawn plan's targets are left out at the source (`progress.owned_targets`).
    targets = progress.owned_targets(unit=unit)
    assessed = progress.assess_targets(list(targets), as_of=as_of, year=as_of.year)
    documents = []
    for doc in progress.document_tallies(assessed):
        rows = [_row(r.target, r.assessment) for r in doc.rows]
        has_data = any(
            r.assessment is not None and r.assessment.value is not None for r in doc.rows
        )
        documents.append(
            PublicDocument(
                title=doc.title,
                rows=rows,
                qualitative=[t.label for t in doc.qualitative],
                tally=str(doc.tally.sentence) if has_data else "",
            )
        )
    return documents


def _city_targets(plans: list[Plan]) -> list[PublicRow]:
    """The programme's reference targets the commune's plans propagate (tuyên truyền)."""
    programme_ids = {p.programme_id for p in plans if p.programme_id}
    if not programme_ids:
        return []
    targets = (
        Target.objects.filter(
            programme_id__in=programme_ids, parent__isnull=True, plan__isnull=True
        )
        .select_related("programme")
        .order_by("programme_id", "order", "pk")
    )
    return [_row(t, None, measured=False) for t in targets]


def _practices(unit: OrgUnit) -> list[PublicPractice]:
    return [
        PublicPractice(
            title=p.public_title,
            summary=p.public_summary,
            unit_name=p.org_unit.name,
            published_on=timezone.localtime(p.published_at).date() if p.published_at else None,
        )
        for p in published_practices(unit)[:PRACTICES_SHOWN]
    ]


def public_page(*, unit: OrgUnit, as_of: date | None = None) -> PublicPage:
    as_of = as_of or progress.today()
    plans = list(Plan.objects.filter(org_unit=unit).usable())
    programmes = list(Programme.objects.filter(org_unit=unit).order_by("-date", "-pk"))
    is_commune = unit.kind == OrgUnit.Kind.COMMUNE_COMMITTEE
    return PublicPage(
        unit=unit,
        as_of=as_of,
        plans=plans,
        programmes=programmes,
        documents=_documents(unit, as_of),
        city_targets=_city_targets(plans) if is_commune else [],
        practices=_practices(unit),
    )


def qr_svg(url: str) -> bytes:
    """The QR code of the public page as an SVG file, printable at any size."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=True)
    return buffer.getvalue()


# The stylesheets the page needs, copied beside the exported index.html (css/<name>).
EXPORT_STYLESHEETS = ("bootstrap/css/bootstrap.min.css", "public/public.css")


def export_public_page(*, unit: OrgUnit, out: Path) -> list[Path]:
    """index.html and its CSS in ``out``: no link back to the app, which the other network
    cannot reach. Rewritten in place, so running it again refreshes the copy."""
    css_dir = out / "css"
    css_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORT_STYLESHEETS:
        source = finders.find(name)
        if not source or isinstance(source, list):
            raise FileNotFoundError(name)
        target = css_dir / Path(name).name
        shutil.copyfile(source, target)
        written.append(target)
    html = render_to_string(
        "public/page.html",
        {"title": unit.name, "page": public_page(unit=unit), "export": True},
    )
    index = out / "index.html"
    index.write_text(html, encoding="utf-8")
    written.insert(0, index)
    return written
