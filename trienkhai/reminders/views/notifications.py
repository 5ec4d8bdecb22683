"""The signed-in user's notifications (`/thong-bao/`): the list, opening one (read, then its
page) and marking all read. Someone else's notification is a 404."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.pages import PageQuery
from trienkhai.reminders import selectors, services


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    page = PageQuery.of(request).paginate(selectors.notifications_of(user=request.user))
    return render(request, "reminders/notifications.html", {"title": _("Thông báo"), "page": page})


@login_required
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notifications_of(user=request.user), pk=pk)
    services.notification_read(notification=notification)
    # The link is the site's own (SITE_URL + /r/b12): go to its path on this site.
    target = urlsplit(notification.url)
    path = target.path if target.path.startswith("/") else "/"
    return redirect(path + (f"?{target.query}" if target.query else ""))


@login_required
@require_POST
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    if services.notifications_read_all(user=request.user):
        messages.success(request, _("Đã đánh dấu đã đọc tất cả thông báo."))
    return redirect("notifications:list")
