"""Good practices, included at ``/mo-hinh-hay/`` (namespace "practices")."""

from __future__ import annotations

from django.urls import path

from trienkhai.opinion.views import practices

app_name = "practices"

urlpatterns = [
    *practices.LIST.urls(
        page=("", "list"), xlsx=("tai-xuong.xlsx", "list_xlsx"), print_view=("in/", "list_print")
    ),
    path("moi/", practices.practice_create, name="create"),
    path("<int:pk>/", practices.practice_detail, name="detail"),
    path("<int:pk>/sua/", practices.practice_edit, name="edit"),
    path("<int:pk>/cong-nhan/", practices.practice_review, name="review"),
    path("<int:pk>/cong-khai/", practices.practice_publish, name="publish"),
    path("<int:pk>/thoi-cong-khai/", practices.practice_unpublish, name="unpublish"),
]
