from __future__ import annotations

from django.urls import include, path

from trienkhai.monitoring.views import values as views

app_name = "monitoring"

# Routes grouped by what they act on: a unit's year, a target, one value.
urlpatterns = [
    path("", views.index, name="index"),
    path(
        "don-vi/<slug:code>/<int:year>/",
        include(
            [
                path("", views.unit_grid, name="grid"),
                path("mau.xlsx", views.unit_template, name="template"),
                path("tai-len/", views.unit_upload, name="upload"),
            ]
        ),
    ),
    path(
        "chi-tieu/<int:pk>/",
        include(
            [
                path("", views.target_detail, name="target"),
                path("nhap/", views.target_entry, name="entry"),
                path("khoang-hop-ly/", views.target_band, name="band"),
                path("bieu-do.svg", views.target_chart_svg, name="chart_svg"),
                path("bieu-do.png", views.target_chart_png, name="chart_png"),
            ]
        ),
    ),
    path("gia-tri/<int:pk>/xoa/", views.observation_delete, name="delete"),
]
