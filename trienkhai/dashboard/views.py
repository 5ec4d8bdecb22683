from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from trienkhai.dashboard.overview import overview_for
from trienkhai.dashboard.selectors import home_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    summaries = home_for(user=request.user)
    # The state of the plan for the user's first unit: what leaders ask first.
    overview = overview_for(unit=summaries[0].unit) if summaries else []
    return render(
        request,
        "dashboard/home.html",
        {"title": "Trang chủ", "summaries": summaries, "overview": overview},
    )
