"""The register of issued documents and the pages around one document; thin views.

A document or unit outside the reader's scope is a 404; one the reader sees but may not act
on is a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from trienkhai.accounts.permissions import Cap, has_cap, require_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.files import MIME_TYPES, read_upload
from trienkhai.documents import selectors, services
from trienkhai.documents.forms import (
    ExternalNumberForm,
    SetNextForm,
    SignedCopyForm,
    SummaryCreateForm,
)
from trienkhai.documents.models import DocType
from trienkhai.documents.pdf import render_pdf
from trienkhai.orgs.models import OrgUnit

PAGE_SIZE = 50


def _issuer(request: HttpRequest, code: str) -> OrgUnit:
    return get_object_or_404(selectors.issuer_units(user=request.user), code=code)


@login_required
@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    """Sổ văn bản: a unit's documents, newest number first, with its register state."""
    code = request.GET.get("don_vi", "")
    issuer = _issuer(request, code) if code else selectors.default_issuer(user=request.user)
    if issuer is None:
        raise Http404
    doc_type = request.GET.get("loai", "")
    doc_type = doc_type if doc_type in DocType.values else ""
    q = request.GET.get("q", "").strip()[:100]
    documents = selectors.documents_of(user=request.user, issuer=issuer, doc_type=doc_type, q=q)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    keeps_register = has_cap(request.user, Cap.DOCUMENTS_REGISTER, issuer)
    term, lines = (
        selectors.register_lines(issuer=issuer, day=timezone.localdate())
        if keeps_register
        else (None, [])
    )
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "documents/register.html",
        {
            "title": f"Sổ văn bản · {issuer.display_name}",
            "issuer": issuer,
            "units": selectors.issuer_units(user=request.user),
            "doc_types": DocType.choices,
            "doc_type": doc_type,
            "q": q,
            "page": page,
            "query": query.urlencode(),
            "keeps_register": keeps_register,
            "may_draft": has_cap(request.user, Cap.DOCUMENTS_DRAFT, issuer),
            "term": term,
            "lines": lines,
        },
    )


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
def document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DOCUMENTS_REGISTER, document.issuer)
    try:
        document = services.document_issue(actor=request.user, document=document)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ban hành {document.reference}.")
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_GET
def document_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
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
def document_attach_signed(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DOCUMENTS_REGISTER, document.issuer)
    form = SignedCopyForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.document_attach_signed(
                actor=request.user, document=document, data=read_upload(upload), name=upload.name
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã đính kèm bản đã ký.")
    else:
        messages.error(request, "Hãy chọn tệp bản đã ký (PDF, JPG hoặc PNG).")
    return redirect("documents:detail", pk=document.pk)


def _register_form(
    request: HttpRequest, issuer: OrgUnit, form: object, title: str, intro: str
) -> HttpResponse:
    return render(
        request,
        "documents/register_form.html",
        {"title": title, "issuer": issuer, "form": form, "intro": intro},
    )


@login_required
def record_external(request: HttpRequest, code: str) -> HttpResponse:
    issuer = _issuer(request, code)
    require_cap(request.user, Cap.DOCUMENTS_REGISTER, issuer)
    form = ExternalNumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_record_external(
                actor=request.user, issuer=issuer, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã ghi {document.reference} vào sổ.")
            return redirect("documents:detail", pk=document.pk)
    return _register_form(
        request,
        issuer,
        form,
        "Ghi số từ sổ văn bản đi",
        "Số đã cấp ngoài hệ thống (trên sổ giấy) được ghi lại để không bị cấp trùng; "
        "văn bản ban hành sau sẽ lấy số tiếp theo.",
    )


@login_required
def set_next(request: HttpRequest, code: str) -> HttpResponse:
    issuer = _issuer(request, code)
    require_cap(request.user, Cap.DOCUMENTS_REGISTER, issuer)
    form = SetNextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_set_next(actor=request.user, issuer=issuer, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã đặt số tiếp theo.")
            return redirect(f"{reverse('documents:list')}?don_vi={issuer.code}")
    return _register_form(
        request,
        issuer,
        form,
        "Đặt số tiếp theo",
        "Không thể đặt số nhỏ hơn hoặc bằng số đã cấp trong nhiệm kỳ.",
    )


@login_required
def summary_create(request: HttpRequest, code: str) -> HttpResponse:
    issuer = _issuer(request, code)
    require_cap(request.user, Cap.DOCUMENTS_DRAFT, issuer)
    form = SummaryCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_summary_create(
                actor=request.user, unit=issuer, period=form.cleaned_data["period"]
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã tạo dự thảo báo cáo tổng hợp (chưa lấy số).")
            return redirect("documents:detail", pk=document.pk)
    return _register_form(
        request,
        issuer,
        form,
        "Tạo dự thảo báo cáo tổng hợp",
        "Báo cáo được lập từ số liệu của các phân hệ; dự thảo chưa có số, "
        "số chỉ được cấp khi ban hành.",
    )
