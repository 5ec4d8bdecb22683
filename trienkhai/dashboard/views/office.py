"""`/viec-hom-nay/`: the office's board of what waits on it today."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, page_unit
from trienkhai.core.dates import format_date_long
from trienkhai.dashboard.office import office_board


@login_required
def board(request: AuthenticatedRequest) -> HttpResponse:
    # The office of a unit is who reviews its reports: a reader without it gets 403.
    unit = page_unit(request, Cap.REPORTING_REVIEW)
    today = timezone.localdate()
    duties = office_board(user=request.user, unit=unit, today=today)
    context = {
        "title": _("Việc cần làm hôm nay — %(unit)s") % {"unit": unit.name},
        "unit": unit,
        "duties": duties,
        "waiting": sum(d.count for d in duties),
        "today": format_date_long(today),
    }
    return render(request, "dashboard/office.html", context)
