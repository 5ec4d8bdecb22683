"""Progress pages, included by the project at ``/so-lieu/tien-do/`` (namespace "progress")."""

from __future__ import annotations

from django.urls import path

from trienkhai.monitoring.views import progress as views

app_name = "progress"

urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<slug:code>/", views.unit_tally, name="unit"),
    path("don-vi/<slug:code>/tien-do.xlsx", views.unit_export, name="export"),
    path("chi-tieu/<int:pk>/", views.target_calculation, name="target"),
]
