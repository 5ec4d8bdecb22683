from __future__ import annotations

from django.urls import path

from trienkhai.dashboard.views import public as public_views

app_name = "public"

urlpatterns = [
    path("<slug:code>/", public_views.page, name="page"),
    path("<slug:code>/ap-phich/", public_views.poster, name="poster"),
    path("<slug:code>/qr.svg", public_views.qr, name="qr"),
]
