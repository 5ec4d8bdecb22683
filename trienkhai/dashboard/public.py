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

import segno
from django.contrib.staticfiles import finders
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from trienkhai.monitoring import progress
from trienkhai.monitoring.assessment import STATUS_LABELS, Assessment, Status
from trienkhai.opinion.selectors import published_practices
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Programme, Target
from trienkhai.plans.selectors import figure

# Only the committees publish targets; their bodies and party cells do not.
PUBLIC_KINDS = (OrgUnit.Kind.COMMUNE_COMMITTEE, OrgUnit.Kind.CITY_COMMITTEE)
# A poster is read from across a room: a handful of targets, not the whole plan.
POSTER_SIZE = 8
# The page is read on a phone: the latest published practices, not every one ever published.
PRACTICES_SHOWN = 30


@dataclass(frozen=True)
class PublicRow:
    """One target as a citizen reads it: the figure, and the latest value where one exists."""

    ref: str
    label: str
    figure: str
    value: Decimal | None
    year: int | None
    provisional: bool
    measure_unit: str
    status: Status | None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status]) if self.status is not None else ""

    @property
    def status_css(self) -> str:
        return self.status.css if self.status is not None else ""


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


def _row(target: Target, assessment: Assessment | None) -> PublicRow:
    # The status is shown only beside a value: without one it would only say "no data".
    latest = assessment if assessment is not None and assessment.value is not None else None
    return PublicRow(
        ref=target.ref,
        label=target.label,
        figure=figure(target),
        value=latest.value if latest else None,
        year=latest.year if latest else None,
        provisional=latest.provisional if latest else False,
        measure_unit=target.measure_unit,
        status=latest.status if latest else None,
    )


def _documents(unit: OrgUnit, as_of: date) -> list[PublicDocument]:
    result = progress.unit_progress(unit=unit, as_of=as_of)
    documents = []
    for doc in result.documents:
        rows = [_row(r.target, r.assessment) for r in doc.rows]
        has_data = any(row.value is not None for row in rows)
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
    targets = Target.objects.filter(
        programme_id__in=programme_ids, parent__isnull=True, plan__isnull=True
    ).order_by("programme_id", "order", "pk")
    return [_row(t, None) for t in targets]


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
