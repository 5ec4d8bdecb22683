"""The dashboard's small charts, mounted at /tong-quan/bieu-do/ by config/urls.py."""

from __future__ import annotations

from django.urls import path

from trienkhai.dashboard.views import charts

app_name = "charts"

urlpatterns = [
    path("chi-tieu/<int:pk>.svg", charts.target_chart, name="target"),
]
