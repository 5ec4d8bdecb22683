from __future__ import annotations

from django.urls import path

from trienkhai.dashboard.views import communes as communes_views

app_name = "dashboard"

urlpatterns = [
    path("", communes_views.table, {"module": "nhiem-vu"}, name="communes_index"),
    path("<slug:module>/", communes_views.table, name="communes"),
]
