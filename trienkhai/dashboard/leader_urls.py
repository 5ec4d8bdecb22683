"""The leaders' dashboard, included at ``/tong-quan/`` (namespace "dashboard" is the city's
tables; these names sit beside them)."""

from __future__ import annotations

from django.urls import path

from trienkhai.dashboard.views import leaders

app_name = "leaders"

urlpatterns = [
    path("", leaders.dashboard, name="page"),
    path("in/", leaders.dashboard_print, name="print"),
    path("in.pdf", leaders.dashboard_pdf, name="pdf"),
    path("tai-xuong.xlsx", leaders.dashboard_xlsx, name="xlsx"),
]
