"""Writes on official documents and their register, each atomic and audited.

Numbers are taken under a lock on the register counter row: ``select_for_update()`` on
PostgreSQL; on SQLite every transaction is IMMEDIATE (settings), so the write lock is held
from BEGIN and two issues cannot interleave. The unique constraint on (issuer, term, type,
number) is the last guard. The counter moves in the same transaction as the document, so a
failed issue gives its number back: no gaps, no duplicates.

A management command acts as ``OPERATOR`` (accounts.permissions), which it passes explicitly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.text import clean_text
from trienkhai.documents.data import DocumentData, document_from_dict, document_to_dict
from trienkhai.documents.issuers import issuer_of
from trienkhai.documents.models import (
    CommitteeTerm,
    DocType,
    OfficialDocument,
    RegisterCounter,
    SigningPost,
)
from trienkhai.documents.render import render_docx, render_pdf
from trienkhai.orgs.models import OrgUnit

# Keeping the register is the office's work (Văn phòng, Ban Xây dựng Đảng).
TERM_YEARS = 5
# Where default terms are counted from when an issuer has neither a configured term nor a
# start date: the 2025–2030 congresses.
DEFAULT_TERM_ANCHOR = date(2025, 1, 1)

MAX_NUMBER = 99999


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _default_term_bounds(issuer: OrgUnit, day: date) -> tuple[date, date]:
    """Five-year terms counted from the last configured one, or from the unit's start."""
    previous = CommitteeTerm.objects.filter(org_unit=issuer, end__lt=day).order_by("-end").first()
    start = previous.end + timedelta(days=1) if previous else issuer.valid_from
    start = start or DEFAULT_TERM_ANCHOR
    while start > day:
        start = _add_years(start, -TERM_YEARS)
    while _add_years(start, TERM_YEARS) <= day:
        start = _add_years(start, TERM_YEARS)
    end = _add_years(start, TERM_YEARS) - timedelta(days=1)
    following = (
        CommitteeTerm.objects.filter(org_unit=issuer, start__gt=day).order_by("start").first()
    )
    if following is not None and following.start <= end:
        end = following.start - timedelta(days=1)
    return start, end


def term_for(*, issuer: OrgUnit, day: date) -> CommitteeTerm:
    """The issuer's term on ``day``; a five-year default is opened when none is configured."""
    term = CommitteeTerm.objects.filter(org_unit=issuer, start__lte=day, end__gte=day).first()
    if term is not None:
        return term
    start, end = _default_term_bounds(issuer, day)
    term, _created = CommitteeTerm.objects.get_or_create(
        org_unit=issuer,
        start=start,
        defaults={
            "end": end,
            "name": _("Nhiệm kỳ %(start)d–%(end)d")
            % {"start": start.year, "end": start.year + TERM_YEARS},
        },
    )
    return term


@transaction.atomic
def committee_term_create(
    *, actor: Actor, org_unit: OrgUnit, name: str, start: date, end: date
) -> CommitteeTerm:
    require_cap(actor, Cap.DOCUMENTS_REGISTER, org_unit)
    if end < start:
        raise DomainError(_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."))
    clash = CommitteeTerm.objects.filter(org_unit=org_unit, start__lte=end, end__gte=start)
    if clash.exists():
        raise DomainError(_("Nhiệm kỳ trùng thời gian với “%(term)s”.") % {"term": clash.first()})
    term = CommitteeTerm.objects.create(
        org_unit=org_unit, name=clean_text(name), start=start, end=end
    )
    audit_action(
        actor=actor,
        action="documents.term.created",
        obj=term,
        summary=_("Khai báo %(term)s") % {"term": term.name},
        unit=org_unit,
        created=True,
    )
    return term


def _check_signing_interval(
    org_unit: OrgUnit, start: date, end: date | None, *, is_default: bool, post_pk: int | None
) -> None:
    """One default signer at a time: a report drafted on any day has at most one."""
    if end is not None and end < start:
        raise DomainError(_("Ngày thôi ký phải từ ngày bắt đầu ký trở đi."))
    if not is_default:
        return
    clash = SigningPost.objects.filter(
        Q(end__isnull=True) | Q(end__gte=start), org_unit=org_unit, is_default=True
    )
    if post_pk is not None:
        clash = clash.exclude(pk=post_pk)
    if end is not None:
        clash = clash.filter(start__lte=end)
    other = clash.order_by("start").first()
    if other is None:
        return
    until = _(" đến %(end)s") % {"end": format_date_short(other.end)} if other.end else ""
    raise DomainError(
        _(
            "Trùng thời gian với người ký %(name)s (%(title)s, từ %(start)s%(until)s): "
            "hãy ghi ngày thôi ký của người đó trước."
        )
        % {
            "name": other.person_name,
            "title": other.title,
            "start": format_date_short(other.start),
            "until": until,
        }
    )


def _capitals(text: str) -> str:
    # The signature block prints these lines in capitals, whatever was typed.
    return clean_text(text).upper()


@transaction.atomic
def signing_post_create(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    on_behalf: str,
    title: str,
    person_name: str,
    start: date,
    end: date | None = None,
    is_default: bool = True,
) -> SigningPost:
    """Record who signs ``org_unit``'s documents from ``start`` (until ``end``, if known)."""
    require_cap(actor, Cap.DOCUMENTS_REGISTER, org_unit)
    fields = {
        "on_behalf": _capitals(on_behalf),
        "title": _capitals(title),
        "person_name": clean_text(person_name),
    }
    if not all(fields.values()):
        raise DomainError(_("Hãy ghi đủ dòng thay mặt, chức vụ và họ tên người ký."))
    # Held until the transaction ends, so two offices cannot add overlapping signers at once.
    OrgUnit.objects.select_for_update().get(pk=org_unit.pk)
    _check_signing_interval(org_unit, start, end, is_default=is_default, post_pk=None)
    post = SigningPost.objects.create(
        org_unit=org_unit, start=start, end=end, is_default=is_default, **fields
    )
    audit_action(
        actor=actor,
        action="documents.signing_post.created",
        obj=post,
        summary=_("Khai báo người ký văn bản: %(post)s, từ %(start)s")
        % {"post": post, "start": format_date_short(start)},
        unit=org_unit,
        created=True,
    )
    return post


@transaction.atomic
def signing_post_end(*, actor: Actor, post: SigningPost, end: date) -> SigningPost:
    """The last day ``post`` signs; the next signer can be recorded from the day after."""
    require_cap(actor, Cap.DOCUMENTS_REGISTER, post.org_unit)
    OrgUnit.objects.select_for_update().get(pk=post.org_unit_id)
    current = SigningPost.objects.get(pk=post.pk)
    _check_signing_interval(
        current.org_unit, current.start, end, is_default=current.is_default, post_pk=current.pk
    )
    current.end = end
    current.save(update_fields=["end", "updated_at"])
    audit_action(
        actor=actor,
        action="documents.signing_post.ended",
        obj=current,
        summary=_("%(name)s ký văn bản đến hết ngày %(end)s")
        % {"name": current.person_name, "end": format_date_short(end)},
        unit=current.org_unit,
    )
    post.refresh_from_db()
    return current


def _locked_counter(issuer: OrgUnit, term: CommitteeTerm, doc_type: str) -> RegisterCounter:
    """The counter row, locked until the transaction ends (PostgreSQL; SQLite: see above)."""
    counter, _created = RegisterCounter.objects.get_or_create(
        issuer=issuer, term=term, doc_type=doc_type
    )
    return RegisterCounter.objects.select_for_update().get(pk=counter.pk)


def _numbers(issuer: OrgUnit, term: CommitteeTerm, doc_type: str) -> QuerySet[OfficialDocument]:
    return OfficialDocument.objects.filter(
        issuer=issuer, term=term, doc_type=doc_type, number__isnull=False
    )


def _check_doc_type(doc_type: str) -> None:
    if doc_type not in DocType.values:
        raise DomainError(
            _("Loại văn bản “%(doc_type)s” không có trong danh mục.") % {"doc_type": doc_type}
        )


def _open_register(
    actor: Actor, issuer: OrgUnit, doc_type: str, day: date
) -> tuple[CommitteeTerm, RegisterCounter]:
    """The issuer's register of ``doc_type`` for the term of ``day``, as the office keeps it
    by hand: the term and its counter, locked (see above)."""
    require_cap(actor, Cap.DOCUMENTS_REGISTER, issuer)
    _check_doc_type(doc_type)
    term = term_for(issuer=issuer, day=day)
    return term, _locked_counter(issuer, term, doc_type)


def _check_number(number: int, message: str) -> None:
    if not 1 <= number <= MAX_NUMBER:
        raise DomainError(message)


def _add_document(
    actor: Actor, action: str, summary: str, *, title: str, **fields: Any
) -> OfficialDocument:
    """A new row of the register (a draft, or a number from the paper book), logged as created.

    ``summary`` may name the new document's ``%(title)s`` and ``%(reference)s``."""
    document = OfficialDocument.objects.create(
        title=clean_text(title)[:500], created_by=person_of(actor), **fields
    )
    audit_action(
        actor=actor,
        action=action,
        obj=document,
        summary=summary % {"title": document.title, "reference": document.reference},
        created=True,
    )
    return document


@transaction.atomic
def document_draft_create(
    *,
    actor: Actor,
    issuer: OrgUnit,
    doc_type: str,
    data: DocumentData,
    period: str = "",
) -> OfficialDocument:
    """A draft with its content; it gets no number until it is issued."""
    require_cap(actor, Cap.DOCUMENTS_DRAFT, issuer)
    _check_doc_type(doc_type)
    content = document_to_dict(replace(data, number=None, date=None))
    return _add_document(
        actor,
        "documents.document.drafted",
        _("Tạo dự thảo: %(title)s"),
        issuer=issuer,
        doc_type=doc_type,
        symbol=data.symbol,
        title=data.title,
        period=period,
        content=content,
    )


@transaction.atomic
def document_issue(
    *, actor: Actor, document: OfficialDocument, day: date | None = None
) -> OfficialDocument:
    """Give the draft the next number of its type in the issuer's term, date it, render it."""
    require_cap(actor, Cap.DOCUMENTS_REGISTER, document.issuer)
    # Only the document row is locked, not the joined unit (of=self).
    doc = (
        OfficialDocument.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=document.pk)
    )
    if doc.is_issued:
        raise DomainError(
            _("Văn bản này đã được ban hành (%(reference)s).") % {"reference": doc.reference}
        )
    day = day or timezone.localdate()
    term = term_for(issuer=doc.issuer, day=day)
    counter = _locked_counter(doc.issuer, term, doc.doc_type)
    number = counter.last_number + 1
    # Numbers recorded from the paper register above the counter are skipped, not reused.
    taken = set(
        _numbers(doc.issuer, term, doc.doc_type)
        .filter(number__gte=number)
        .values_list("number", flat=True)
    )
    while number in taken:
        number += 1
    counter.last_number = number
    counter.save(update_fields=["last_number", "updated_at"])

    doc.term = term
    doc.number = number
    doc.date = day
    doc.status = OfficialDocument.Status.ISSUED
    doc.issued_by = person_of(actor)
    doc.issued_at = timezone.now()
    doc.save(
        update_fields=["term", "number", "date", "status", "issued_by", "issued_at", "updated_at"]
    )
    if doc.content:
        # The issued file is frozen here: later changes to the data do not alter it.
        data = replace(document_from_dict(doc.content), number=number, date=day)
        doc.content = document_to_dict(data)
        doc.docx = stored_file_create(
            data=render_docx(data),
            name=f"{doc.doc_type}-{number:02d}-{day:%Y%m%d}.docx",
            user=person_of(actor),
            owner=doc,
            allowed=("docx",),
        )
        doc.save(update_fields=["content", "docx", "updated_at"])
    audit_action(
        actor=actor,
        action="documents.document.issued",
        obj=doc,
        summary=_("Ban hành %(reference)s: %(title)s")
        % {"reference": doc.reference, "title": doc.title},
        data={"number": number, "term_id": term.pk},
    )
    document.refresh_from_db()
    return doc


@transaction.atomic
def document_record_external(
    *,
    actor: Actor,
    issuer: OrgUnit,
    doc_type: str,
    number: int,
    day: date,
    title: str,
    note: str = "",
) -> OfficialDocument:
    """Record a number given in the paper register, so the book and the app agree."""
    term, counter = _open_register(actor, issuer, doc_type, day)
    _check_number(number, _("Số văn bản phải từ 01 trở lên."))
    symbol = issuer_of(issuer).symbol(doc_type)
    existing = _numbers(issuer, term, doc_type).filter(number=number).first()
    if existing is not None:
        raise DomainError(
            _("Số %(number)02d-%(symbol)s đã có trong sổ %(term)s: “%(title)s”.")
            % {"number": number, "symbol": symbol, "term": term.name, "title": existing.title}
        )
    if number > counter.last_number:
        # The next number issued in the app continues after the paper register.
        counter.last_number = number
        counter.save(update_fields=["last_number", "updated_at"])
    return _add_document(
        actor,
        "documents.document.recorded",
        _("Ghi số từ sổ văn bản đi: %(reference)s"),
        issuer=issuer,
        term=term,
        doc_type=doc_type,
        symbol=symbol,
        number=number,
        title=title,
        date=day,
        status=OfficialDocument.Status.ISSUED,
        external=True,
        note=clean_text(note)[:300],
        issued_by=person_of(actor),
        issued_at=timezone.now(),
    )


@transaction.atomic
def register_set_next(
    *,
    actor: Actor,
    issuer: OrgUnit,
    doc_type: str,
    next_number: int,
    day: date | None = None,
) -> RegisterCounter:
    """Set the number the next issue takes; never at or below a number already given."""
    term, counter = _open_register(actor, issuer, doc_type, day or timezone.localdate())
    _check_number(next_number, _("Số tiếp theo phải từ 01 trở lên."))
    highest = _numbers(issuer, term, doc_type).aggregate(top=Max("number"))["top"] or 0
    if next_number <= highest:
        raise DomainError(
            _(
                "Không thể đặt số tiếp theo là %(next)02d: số %(highest)02d đã được cấp trong "
                "%(term)s. Số tiếp theo phải từ %(first_free)02d trở lên."
            )
            % {
                "next": next_number,
                "highest": highest,
                "term": term.name,
                "first_free": highest + 1,
            }
        )
    before = counter.last_number
    counter.last_number = next_number - 1
    counter.save(update_fields=["last_number", "updated_at"])
    audit_action(
        actor=actor,
        action="documents.register.next_set",
        obj=counter,
        summary=_(
            "Đặt số tiếp theo của %(doc_type)s (%(term)s) là %(next)02d (trước đó %(before)02d)"
        )
        % {
            "doc_type": DocType(doc_type).label,
            "term": term.name,
            "next": next_number,
            "before": before + 1,
        },
        unit=issuer,
    )
    return counter


@transaction.atomic
def document_attach_signed(
    *, actor: Actor, document: OfficialDocument, data: bytes, name: str
) -> OfficialDocument:
    """Attach the signed copy (a scan or a signed PDF) to an issued document."""
    require_cap(actor, Cap.DOCUMENTS_REGISTER, document.issuer)
    if not document.is_issued:
        raise DomainError(_("Chỉ đính kèm bản đã ký cho văn bản đã ban hành (đã có số)."))
    stored = stored_file_create(
        data=data, name=name, user=person_of(actor), owner=document, allowed=("pdf", "jpg", "png")
    )
    document.signed = stored
    document.save(update_fields=["signed", "updated_at"])
    audit_action(
        actor=actor,
        action="documents.document.signed_attached",
        obj=document,
        summary=_("Đính kèm bản đã ký của %(reference)s: %(name)s")
        % {"reference": document.reference, "name": stored.original_name},
    )
    return document


def document_store_pdf(*, actor: Actor, document: OfficialDocument) -> OfficialDocument:
    """Convert the issued DOCX to PDF and keep it. Runs outside the register's lock: a
    conversion takes seconds and must not hold other issues back."""
    if not document.is_issued or document.docx is None:
        raise DomainError(_("Chỉ tạo PDF lưu trữ cho văn bản đã ban hành có tệp Word."))
    with document.docx.file.open("rb") as handle:
        pdf = render_pdf(handle.read())
    with transaction.atomic():
        stored = stored_file_create(
            data=pdf,
            name=f"{document.doc_type}-{document.number:02d}-{document.date:%Y%m%d}.pdf",
            user=person_of(actor),
            owner=document,
            allowed=("pdf",),
        )
        document.pdf = stored
        document.save(update_fields=["pdf", "updated_at"])
    return document
