"""Inspections and supervision, included at ``/kiem-tra/`` (namespace "inspections")."""

from __future__ import annotations

from django.urls import path

from trienkhai.inspections.views import actions, inspection, slow

app_name = "inspections"

urlpatterns = [
    *inspection.LIST.urls(
        page=("", "list"), xlsx=("tai-xuong.xlsx", "list_xlsx"), print_view=("in/", "list_print")
    ),
    *slow.SLOW.urls(
        page=("cham-trien-khai/", "slow"),
        xlsx=("cham-trien-khai/tai-xuong.xlsx", "slow_xlsx"),
        print_view=("cham-trien-khai/in/", "slow_print"),
    ),
    path("cham-trien-khai/<slug:code>/don-doc/", slow.nudge, name="nudge"),
    path("moi/", inspection.inspection_create, name="create"),
    path("<int:pk>/", inspection.inspection_detail, name="detail"),
    path("<int:pk>/sua/", inspection.inspection_edit, name="edit"),
    path("<int:pk>/in/", inspection.inspection_print, name="print"),
    path("<int:pk>/phat-hien/", inspection.finding_add, name="finding_add"),
    path(
        "<int:pk>/phat-hien/<int:finding_pk>/xoa/",
        inspection.finding_remove,
        name="finding_remove",
    ),
    path("<int:pk>/ban-hanh-quyet-dinh/", inspection.inspection_decide, name="decide"),
    path("<int:pk>/ket-luan/", inspection.inspection_conclude, name="conclude"),
    path("<int:pk>/<slug:which>.docx", inspection.document, name="document"),
    *actions.UNIT.urls(
        page=("khac-phuc/", "unit"),
        xlsx=("khac-phuc/tai-xuong.xlsx", "unit_xlsx"),
        print_view=("khac-phuc/in/", "unit_print"),
    ),
    path("khac-phuc/<int:pk>/", actions.action_detail, name="action"),
    path("khac-phuc/<int:pk>/xac-nhan/", actions.action_verify, name="action_verify"),
    path("khac-phuc/<int:pk>/tra-lai/", actions.action_return, name="action_return"),
]
