"""The pages of the org tree (/don-vi/): they show members and check roles, so they sit
with accounts, one layer above the tree; the URL namespace stays "orgs"."""

from __future__ import annotations

from django.urls import include, path

from trienkhai.accounts.views import units as views

app_name = "orgs"

# The tree, then one unit's routes.
urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path(
        "<slug:code>/",
        include(
            [
                path("", views.unit_detail, name="detail"),
                path("thanh-vien/", views.unit_members, name="members"),
                path("them/", views.unit_create, name="create"),
                path("sua/", views.unit_update, name="update"),
                path("ket-thuc/", views.unit_close, name="close"),
            ]
        ),
    ),
]
