"""The pages of the org tree (/don-vi/): they show members and check roles, so they sit
with accounts, one layer above the tree; the URL namespace stays "orgs"."""

from __future__ import annotations

from django.urls import path

from trienkhai.accounts.views import units as views

app_name = "orgs"

urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path("<slug:code>/", views.unit_detail, name="detail"),
    path("<slug:code>/thanh-vien/", views.unit_members, name="members"),
    path("<slug:code>/them/", views.unit_create, name="create"),
    path("<slug:code>/sua/", views.unit_update, name="update"),
    path("<slug:code>/ket-thuc/", views.unit_close, name="close"),
]
