"""The office's reminder page, included at ``/nhac-viec/`` (namespace "remindlog")."""

from __future__ import annotations

from django.urls import path

from trienkhai.reminders.views import office as office_views

app_name = "remindlog"

urlpatterns = [
    path("", office_views.reminder_log, name="list"),
    path("quy-dinh/", office_views.reminder_rules, name="rules"),
]
