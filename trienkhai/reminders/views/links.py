"""The short link of a reminder (`/r/b12`, `/r/n34`): after login, the form the message is
about — the report to write, the task to report on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.reporting.selectors import request_get
from trienkhai.tasks.selectors import occurrence_get


@login_required
def open_link(request: AuthenticatedRequest, code: str) -> HttpResponse:
    kind, number = code[:1], code[1:]
    if not number.isdigit():
        raise Http404
    if kind == "b":
        report = request_get(user=request.user, pk=int(number))
        return redirect("reporting:request", pk=report.pk)
    if kind == "n":
        occurrence = occurrence_get(user=request.user, pk=int(number))
        url = reverse("tasks:detail", args=[occurrence.task_id])
        if occurrence.period:
            url += "?" + urlencode({"ky": occurrence.period})
        return redirect(url)
    raise Http404
