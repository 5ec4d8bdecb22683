"""Reads on documents and the register, always within the reader's scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import scope_for
from trienkhai.documents.data import document_from_dict
from trienkhai.documents.models import (
    CommitteeTerm,
    DocType,
    OfficialDocument,
    RegisterCounter,
)
from trienkhai.documents.render import render_docx
from trienkhai.orgs.models import OrgUnit

ISSUER_KINDS = (
    OrgUnit.Kind.CITY_COMMITTEE,
    OrgUnit.Kind.COMMUNE_COMMITTEE,
    OrgUnit.Kind.PARTY_SUBCOMMITTEE,
    OrgUnit.Kind.PARTY_CELL,
    OrgUnit.Kind.PARTY_OFFICE,
    OrgUnit.Kind.PARTY_BUILDING_BOARD,
    OrgUnit.Kind.INSPECTION_COMMITTEE,
)


def document_get(*, user: User, pk: int) -> OfficialDocument:
    """A document the user may read; any other is a 404, the same as a missing one."""
    documents = OfficialDocument.objects.visible_to(user).select_related(
        "issuer", "term", "docx", "pdf", "signed", "issued_by"
    )
    return get_object_or_404(documents, pk=pk)


def issuer_units(*, user: User) -> QuerySet[OrgUnit]:
    """Units whose register the user may open: Party organisations in the read scope."""
    return OrgUnit.objects.visible_to(user).filter(kind__in=ISSUER_KINDS).order_by("path")


def default_issuer(*, user: User) -> OrgUnit | None:
    """The highest Party organisation among the user's own units, else the nearest above them."""
    paths = scope_for(user).subtree_paths
    if not paths:
        return None
    own = (
        OrgUnit.objects.in_subtrees(*paths)
        .filter(kind__in=ISSUER_KINDS)
        .order_by("depth", "path")
        .first()
    )
    if own is not None:
        return own
    # A body that issues no Party documents (UBND, MTTQ…) reads its committee's register.
    return issuer_units(user=user).order_by("-depth", "path").first()


def documents_of(
    *, user: User, issuer: OrgUnit, doc_type: str = "", q: str = "", status: str = ""
) -> QuerySet[OfficialDocument]:
    documents = (
        OfficialDocument.objects.visible_to(user)
        .filter(issuer=issuer)
        .select_related("term", "docx", "pdf", "signed")
    )
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if q:
        documents = documents.filter(title__icontains=q)
    if status:
        documents = documents.filter(status=status)
    # Drafts first (they need work), then the register from the newest number.
    return documents.order_by("-status", "-date", "-number", "-pk")


@dataclass(frozen=True)
class RegisterLine:
    doc_type: str
    label: str
    highest: int
    next_number: int


def register_lines(
    *, issuer: OrgUnit, day: date
) -> tuple[CommitteeTerm | None, list[RegisterLine]]:
    """The state of the register in the term running on ``day``: per type, the highest
    number given and the one the next issue will take."""
    term = CommitteeTerm.objects.filter(org_unit=issuer, start__lte=day, end__gte=day).first()
    if term is None:
        return None, []
    counters = dict(
        RegisterCounter.objects.filter(issuer=issuer, term=term).values_list(
            "doc_type", "last_number"
        )
    )
    highest = dict(
        OfficialDocument.objects.filter(issuer=issuer, term=term, number__isnull=False)
        .values("doc_type")
        .annotate(top=Max("number"))
        .values_list("doc_type", "top")
    )
    lines = []
    for doc_type in DocType:
        if doc_type.value not in counters and doc_type.value not in highest:
            continue
        top = highest.get(doc_type.value) or 0
        last = max(counters.get(doc_type.value, 0), top)
        lines.append(RegisterLine(doc_type.value, str(doc_type.label), top, last + 1))
    return term, lines


def document_docx_bytes(document: OfficialDocument) -> bytes:
    """The issued file as it was frozen, or a draft rendered from its content now."""
    if document.docx is not None:
        with document.docx.file.open("rb") as handle:
            data: bytes = handle.read()
            return data
    return render_docx(document_from_dict(document.content))
