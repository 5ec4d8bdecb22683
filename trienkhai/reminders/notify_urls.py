"""The user's notifications, included at ``/thong-bao/`` (namespace "notifications")."""

from __future__ import annotations

from django.urls import path

from trienkhai.reminders.views import notifications as notify_views

app_name = "notifications"

urlpatterns = [
    path("", notify_views.notification_list, name="list"),
    path("<int:pk>/", notify_views.notification_open, name="open"),
    path("da-doc/", notify_views.notification_read_all, name="read_all"),
]
