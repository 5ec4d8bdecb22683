from __future__ import annotations

from django.urls import path

from trienkhai.reminders.views import links as views

app_name = "reminders"

urlpatterns = [
    path("<slug:code>", views.open_link, name="open"),
]
