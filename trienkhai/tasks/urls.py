from __future__ import annotations

from django.urls import path

from trienkhai.tasks import office_views, task_views, views

app_name = "tasks"

urlpatterns = [
    path("", views.task_list, name="list"),
    path("xuat.xlsx", views.list_xlsx, name="list_xlsx"),
    path("in/", views.list_print, name="list_print"),
    path("qua-han/", views.overdue_list, name="overdue"),
    path("qua-han/xuat.xlsx", views.list_xlsx, {"kind": "overdue"}, name="overdue_xlsx"),
    path("qua-han/in/", views.list_print, {"kind": "overdue"}, name="overdue_print"),
    path("sap-den-han/", views.due_soon_list, name="due_soon"),
    path("sap-den-han/xuat.xlsx", views.list_xlsx, {"kind": "due_soon"}, name="due_soon_xlsx"),
    path("sap-den-han/in/", views.list_print, {"kind": "due_soon"}, name="due_soon_print"),
    path("ma-tran/", views.matrix_view, name="matrix"),
    path("ma-tran/xuat.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("ma-tran/in/", views.matrix_print, name="matrix_print"),
    path("ke-hoach-chi-bo/", views.board_view, name="board"),
    path("ke-hoach-chi-bo/xuat.xlsx", views.board_xlsx, name="board_xlsx"),
    path("ke-hoach-chi-bo/in/", views.board_print, name="board_print"),
    path("giao/", office_views.assign_index, name="assign_index"),
    path("giao/<int:plan_pk>/", office_views.plan_assign, name="assign"),
    path("them/", office_views.task_create, name="create"),
    path("<int:pk>/", task_views.task_detail, name="detail"),
    path("<int:pk>/sua/", office_views.task_edit, name="edit"),
    path("<int:pk>/ke-hoach-chi-bo.docx", task_views.unit_plan_draft, name="unit_plan_draft"),
    path("<int:pk>/nop-ke-hoach/", task_views.unit_plan_submit, name="unit_plan_submit"),
    path("ky/<int:pk>/cap-nhat/", task_views.occurrence_progress, name="progress"),
    path("ky/<int:pk>/hoan-thanh/", task_views.occurrence_complete, name="complete"),
    path(
        "ky/<int:pk>/khong-phat-sinh/",
        task_views.occurrence_not_applicable,
        name="not_applicable",
    ),
    path("ky/<int:pk>/xac-nhan/", task_views.occurrence_confirm, name="confirm"),
    path("ky/<int:pk>/tra-lai/", task_views.occurrence_return, name="return"),
]
