"""The register of issued documents and the pages around one document; thin views.

A document or unit outside the reader's scope is a 404; one the reader sees but may not act
on is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, require_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.files import MIME_TYPES
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import attach_posted_file
from trienkhai.documents import selectors, services
from trienkhai.documents.forms import (
    ExternalNumberForm,
    SetNextForm,
    SignedCopyForm,
    SigningPostEndForm,
    SigningPostForm,
)
from trienkhai.documents.models import DocType, OfficialDocument, SigningPost, SigningPostQuerySet
from trienkhai.documents.pdf import render_pdf
from trienkhai.orgs.models import OrgUnit

PAGE_SIZE = 50


def _issuer(request: AuthenticatedRequest, code: str) -> OrgUnit:
    return get_object_or_404(selectors.issuer_units(user=request.user), code=code)


def _signing_posts(request: AuthenticatedRequest) -> SigningPostQuerySet:
    return SigningPost.objects.visible_to(request.user)


@login_required
@require_GET
def register_list(request: AuthenticatedRequest) -> HttpResponse:
    """Sổ văn bản: a unit's documents, newest number first, with its register state."""
    query = PageQuery.of(request)
    code = query.unit_code
    issuer = _issuer(request, code) if code else selectors.default_issuer(user=request.user)
    if issuer is None:
        raise Http404
    doc_type = query.get("loai")
    doc_type = doc_type if doc_type in DocType.values else ""
    q = query.get("q").strip()[:100]
    status = query.get("trang_thai")
    status = status if status in OfficialDocument.Status.values else ""
    documents = selectors.documents_of(
        user=request.user, issuer=issuer, doc_type=doc_type, q=q, status=status
    )
    keeps_register = has_cap(request.user, Cap.DOCUMENTS_REGISTER, issuer)
    today = timezone.localdate()
    term, lines = (
        selectors.register_lines(issuer=issuer, day=today) if keeps_register else (None, [])
    )
    signing_posts = (
        _signing_posts(request).filter(org_unit=issuer).not_ended(today).order_by("start")
        if keeps_register
        else SigningPost.objects.none()
    )
    return render(
        request,
        "documents/register.html",
        {
            "title": _("Sổ văn bản · %(unit)s") % {"unit": issuer.display_name},
            "issuer": issuer,
            "units": selectors.issuer_units(user=request.user),
            "doc_types": DocType.choices,
            "doc_type": doc_type,
            "q": q,
            "status": status,
            "statuses": OfficialDocument.Status.choices,
            "page": query.paginate(documents, PAGE_SIZE),
            "query": query.urlencode(),
            "keeps_register": keeps_register,
            "may_draft": has_cap(request.user, Cap.DOCUMENTS_DRAFT, issuer),
            "term": term,
            "lines": lines,
            "signing_posts": signing_posts,
        },
    )


@login_required
@require_GET
def document_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    keeps_register = has_cap(request.user, Cap.DOCUMENTS_REGISTER, document.issuer)
    return render(
        request,
        "documents/detail.html",
        {
            "title": document.title,
            "document": document,
            "keeps_register": keeps_register,
            "signed_form": SignedCopyForm() if keeps_register and document.is_issued else None,
        },
    )


@login_required
@require_POST
def document_issue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DOCUMENTS_REGISTER, document.issuer)
    try:
        document = services.document_issue(actor=request.user, document=document)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Đã ban hành %(reference)s.") % {"reference": document.reference}
        )
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_GET
def document_file(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    """The DOCX or PDF: the frozen file of an issued document, a fresh render of a draft."""
    document = selectors.document_get(user=request.user, pk=pk)
    if kind not in ("docx", "pdf"):
        raise Http404
    try:
        if kind == "pdf" and document.is_issued and document.docx is not None:
            if document.pdf is None:
                document = services.document_store_pdf(actor=request.user, document=document)
            assert document.pdf is not None
            with document.pdf.file.open("rb") as handle:
                data = handle.read()
        else:
            data = selectors.document_docx_bytes(document)
            if kind == "pdf":
                data = render_pdf(data)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("documents:detail", pk=document.pk)
    stem = f"{document.doc_type}-{document.number:02d}" if document.number else "du-thao"
    response = HttpResponse(data, content_type=MIME_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{document.pk}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def document_attach_signed(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DOCUMENTS_REGISTER, document.issuer)
    attach_posted_file(
        request,
        SignedCopyForm,
        lambda data, name: services.document_attach_signed(
            actor=request.user, document=document, data=data, name=name
        ),
        success=_("Đã đính kèm bản đã ký."),
        missing=_("Hãy chọn tệp bản đã ký (PDF, JPG hoặc PNG)."),
    )
    return redirect("documents:detail", pk=document.pk)


# --- the register's forms: one view, one row per action -------------------------------------

# What the write says when it is done, and where the office goes next.
Done = tuple[str, str]


def _record_external(user: User, issuer: OrgUnit, data: dict[str, Any]) -> Done:
    document = services.document_record_external(actor=user, issuer=issuer, **data)
    return (
        _("Đã ghi %(reference)s vào sổ.") % {"reference": document.reference},
        reverse("documents:detail", args=[document.pk]),
    )


def _set_next(user: User, issuer: OrgUnit, data: dict[str, Any]) -> Done:
    services.register_set_next(actor=user, issuer=issuer, **data)
    return _("Đã đặt số tiếp theo."), f"{reverse('documents:list')}?don_vi={issuer.code}"


def _signing_post_create(user: User, issuer: OrgUnit, data: dict[str, Any]) -> Done:
    post = services.signing_post_create(actor=user, org_unit=issuer, **data)
    return (
        _("Đã khai báo người ký: %(name)s.") % {"name": post.person_name},
        f"{reverse('documents:list')}?don_vi={issuer.code}",
    )


@dataclass(frozen=True)
class RegisterAction:
    """A form on the register: who may use it, what it asks, what it writes."""

    cap: Cap
    form: type[forms.Form]
    title: Promise
    intro: Promise
    write: Callable[[User, OrgUnit, dict[str, Any]], Done]


RECORD_EXTERNAL = RegisterAction(
    Cap.DOCUMENTS_REGISTER,
    ExternalNumberForm,
    gettext_lazy("Ghi số từ sổ văn bản đi"),
    gettext_lazy(
        "Số đã cấp ngoài hệ thống (trên sổ giấy) được ghi lại để không bị cấp trùng; "
        "văn bản ban hành sau sẽ lấy số tiếp theo."
    ),
    _record_external,
)
SET_NEXT = RegisterAction(
    Cap.DOCUMENTS_REGISTER,
    SetNextForm,
    gettext_lazy("Đặt số tiếp theo"),
    gettext_lazy("Không thể đặt số nhỏ hơn hoặc bằng số đã cấp trong nhiệm kỳ."),
    _set_next,
)
SIGNING_POST_CREATE = RegisterAction(
    Cap.DOCUMENTS_REGISTER,
    SigningPostForm,
    gettext_lazy("Khai báo người ký văn bản"),
    gettext_lazy(
        "Người ký mặc định của văn bản, báo cáo do hệ thống lập cho đơn vị (thường là đồng chí "
        "Phó Bí thư Thường trực). Mỗi thời điểm chỉ có một người; khi thay người, ghi ngày "
        "thôi ký của người trước."
    ),
    _signing_post_create,
)


@login_required
def register_form(request: AuthenticatedRequest, code: str, action: RegisterAction) -> HttpResponse:
    """A form on a unit's register (``action`` comes from the URL pattern)."""
    issuer = _issuer(request, code)
    require_cap(request.user, action.cap, issuer)
    form = action.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message, next_url = action.write(request.user, issuer, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, message)
            return redirect(next_url)
    return render(
        request,
        "documents/register_form.html",
        {
            "title": action.title,
            "issuer": issuer,
            "form": form,
            "intro": action.intro,
        },
    )


@login_required
@require_POST
def signing_post_end(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    """Thôi ký: the last day a signer signs, typed on the register page."""
    issuer = _issuer(request, code)
    post = get_object_or_404(_signing_posts(request).filter(org_unit=issuer), pk=pk)
    require_cap(request.user, Cap.DOCUMENTS_REGISTER, issuer)
    form = SigningPostEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi ngày thôi ký dạng ngày/tháng/năm, ví dụ 30/06/2026."))
    else:
        try:
            services.signing_post_end(actor=request.user, post=post, end=form.cleaned_data["end"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Đã ghi ngày thôi ký của %(name)s.") % {"name": post.person_name}
            )
    return redirect(f"{reverse('documents:list')}?don_vi={issuer.code}")
