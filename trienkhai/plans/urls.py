from __future__ import annotations

from django.urls import include, path

from trienkhai.plans.views import lifecycle as lifecycle_views
from trienkhai.plans.views import pages as views

app_name = "plans"

# Routes grouped by what they act on: a plan draft, a plan, a target.
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("tai-len/", views.plan_upload, name="upload"),
    path(
        "nhap/<int:pk>/",
        include(
            [
                path("", views.plan_review, name="review"),
                path("huy/", views.plan_draft_discard, name="discard"),
                path("ap-dung/", views.plan_draft_apply, name="apply"),
            ]
        ),
    ),
    path(
        "<int:pk>/",
        include(
            [
                path("", views.plan_detail, name="detail"),
                path("sua/", views.plan_edit, name="edit"),
                path("rut/", lifecycle_views.plan_withdraw, name="withdraw"),
                path("thay-the/", lifecycle_views.plan_supersede, name="supersede"),
                *views.plan_targets.urls(
                    xlsx=("chi-tieu.xlsx", "targets_xlsx"), print_view=("in/", "print")
                ),
            ]
        ),
    ),
    path(
        "chi-tieu/<int:pk>/",
        include(
            [
                path("", views.target_detail, name="target"),
                path("sua/", views.target_edit, name="target_edit"),
                path("giao/", views.target_split, name="target_split"),
            ]
        ),
    ),
]
