from __future__ import annotations

from django.urls import path

from trienkhai.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("tai-len/", views.plan_upload, name="upload"),
    path("nhap/<int:pk>/", views.plan_review, name="review"),
    path("nhap/<int:pk>/huy/", views.plan_draft_discard, name="discard"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/sua/", views.plan_edit, name="edit"),
    *views.plan_targets.urls(
        xlsx=("<int:pk>/chi-tieu.xlsx", "targets_xlsx"), print_view=("<int:pk>/in/", "print")
    ),
    path("chi-tieu/<int:pk>/", views.target_detail, name="target"),
    path("chi-tieu/<int:pk>/sua/", views.target_edit, name="target_edit"),
    path("chi-tieu/<int:pk>/giao/", views.target_split, name="target_split"),
]
