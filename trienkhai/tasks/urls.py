from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path

from trienkhai.core.listing import ListPage
from trienkhai.tasks.views import lists as views
from trienkhai.tasks.views import office as office_views
from trienkhai.tasks.views import task as task_views

app_name = "tasks"


def _three(page: ListPage[Any], prefix: str, name: str, **kwargs: Any) -> list[URLPattern]:
    """A page at `prefix`, its workbook at `prefix`xuat.xlsx and its print view at `prefix`in/."""
    return page.urls(
        page=(prefix, name),
        xlsx=(f"{prefix}xuat.xlsx", f"{name}_xlsx"),
        print_view=(f"{prefix}in/", f"{name}_print"),
        kwargs=kwargs,
    )


urlpatterns = [
    *_three(views.TASK_LIST, "", "list", kind="all"),
    *_three(views.TASK_LIST, "qua-han/", "overdue", kind="overdue"),
    *_three(views.TASK_LIST, "sap-den-han/", "due_soon", kind="due_soon"),
    *_three(views.MATRIX, "ma-tran/", "matrix"),
    *_three(views.BOARD, "ke-hoach-chi-bo/", "board"),
    path("giao/", office_views.assign_index, name="assign_index"),
    path("giao/<int:plan_pk>/", office_views.plan_assign, name="assign"),
    path("them/", office_views.task_create, name="create"),
    path("<int:pk>/", task_views.task_detail, name="detail"),
    path("<int:pk>/sua/", office_views.task_edit, name="edit"),
    path("<int:pk>/ke-hoach-chi-bo.docx", task_views.unit_plan_draft, name="unit_plan_draft"),
    path("<int:pk>/nop-ke-hoach/", task_views.unit_plan_submit, name="unit_plan_submit"),
    *(
        path(
            f"ky/<int:pk>/{action.route}/",
            task_views.occurrence_action,
            {"action": name},
            name=name,
        )
        for name, action in task_views.OCCURRENCE_ACTIONS.items()
    ),
]
