"""Nhật ký thay đổi: the audit log page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from trienkhai.accounts import selectors
from trienkhai.accounts.forms import AuditFilterForm
from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.pages import PageQuery


@login_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    """Nhật ký thay đổi, scoped to the units whose log the reader may see."""
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("unit")
    actor = filters.get("actor")
    content_type = filters.get("object_type")
    entries = selectors.audit_entries(
        request.user,
        unit=unit,
        actor_id=actor.pk if actor else None,
        content_type_id=content_type.pk if content_type else None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    query = PageQuery.of(request)
    page = query.paginate(entries)
    context = {
        "title": _("Nhật ký thay đổi"),
        "form": form,
        "page": page,
        "rows": selectors.audit_rows(page.object_list),
        "query": query.urlencode(),
    }
    return render(request, "accounts/audit_log.html", context)
