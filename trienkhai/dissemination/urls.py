from __future__ import annotations

from django.urls import path

from trienkhai.dissemination.views import board as views
from trienkhai.dissemination.views import materials as material_views
from trienkhai.dissemination.views import sessions as session_views

app_name = "dissemination"

urlpatterns = [
    path("", views.board, name="board"),
    path("chua-dat/", views.below, name="below"),
    path("xuat-excel/", views.board_xlsx, name="board_xlsx"),
    path("ban-in/", views.board_print, name="board_print"),
    path("nhap-excel/", views.import_view, name="import"),
    path("nhap-excel/mau/", views.import_template, name="import_template"),
    path("buoi-hoc/", session_views.session_list, name="session_list"),
    path("buoi-hoc/ghi/", session_views.session_choose, name="session_choose"),
    path("buoi-hoc/ghi/<slug:code>/", session_views.session_create, name="session_create"),
    path("buoi-hoc/<int:pk>/", session_views.session_detail, name="session_detail"),
    path("buoi-hoc/<int:pk>/sua/", session_views.session_edit, name="session_edit"),
    path("buoi-hoc/<int:pk>/xoa/", session_views.session_delete, name="session_delete"),
    path("buoi-hoc/<int:pk>/tep/", session_views.session_file, name="session_file"),
    path("si-so/", session_views.headcount_list, name="headcounts"),
    path("si-so/<slug:code>/", session_views.headcount_edit, name="headcount_edit"),
    path("tai-lieu/", material_views.material_list, name="materials"),
    path("tai-lieu/<int:pk>/", material_views.material_detail, name="material_detail"),
    path("tai-lieu/<int:pk>/mo/", material_views.material_open, name="material_open"),
]
