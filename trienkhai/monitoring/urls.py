from __future__ import annotations

from django.urls import path

from trienkhai.monitoring.views import values as views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<slug:code>/<int:year>/", views.unit_grid, name="grid"),
    path("don-vi/<slug:code>/<int:year>/mau.xlsx", views.unit_template, name="template"),
    path("don-vi/<slug:code>/<int:year>/tai-len/", views.unit_upload, name="upload"),
    path("chi-tieu/<int:pk>/", views.target_detail, name="target"),
    path("chi-tieu/<int:pk>/nhap/", views.target_entry, name="entry"),
    path("chi-tieu/<int:pk>/bieu-do.svg", views.target_chart_svg, name="chart_svg"),
    path("chi-tieu/<int:pk>/bieu-do.png", views.target_chart_png, name="chart_png"),
    path("gia-tri/<int:pk>/xoa/", views.observation_delete, name="delete"),
]
