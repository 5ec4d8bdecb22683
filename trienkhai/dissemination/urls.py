from __future__ import annotations

from django.urls import include, path

from trienkhai.dissemination.views import board as views
from trienkhai.dissemination.views import materials as material_views
from trienkhai.dissemination.views import outreach as outreach_views
from trienkhai.dissemination.views import sessions as session_views

app_name = "dissemination"

# Routes grouped by what they act on: the board, the import, sessions, headcounts, outreach
# to the other audiences, materials.
urlpatterns = [
    path("", views.board, name="board"),
    *views.BOARD.urls(xlsx=("xuat-excel/", "board_xlsx"), print_view=("ban-in/", "board_print")),
    path("chua-dat/", views.below, name="below"),
    path(
        "nhap-excel/",
        include(
            [
                path("", views.import_view, name="import"),
                path("mau/", views.import_template, name="import_template"),
            ]
        ),
    ),
    path(
        "buoi-hoc/",
        include(
            [
                *session_views.SESSIONS.urls(page=("", "session_list")),
                path("ghi/", session_views.session_choose, name="session_choose"),
                path("ghi/<slug:code>/", session_views.session_create, name="session_create"),
                path(
                    "<int:pk>/",
                    include(
                        [
                            path("", session_views.session_detail, name="session_detail"),
                            path("sua/", session_views.session_edit, name="session_edit"),
                            path("xoa/", session_views.session_delete, name="session_delete"),
                            path("tep/", session_views.session_file, name="session_file"),
                        ]
                    ),
                ),
            ]
        ),
    ),
    *session_views.HEADCOUNTS.urls(page=("si-so/", "headcounts")),
    path("si-so/<slug:code>/", session_views.headcount_edit, name="headcount_edit"),
    path(
        "doi-tuong-khac/",
        include(
            [
                *outreach_views.OUTREACH.urls(page=("", "outreach_list")),
                path("ghi/", outreach_views.outreach_create, name="outreach_create"),
                path("<int:pk>/xoa/", outreach_views.outreach_delete, name="outreach_delete"),
            ]
        ),
    ),
    path(
        "tai-lieu/",
        include(
            [
                path("", material_views.material_list, name="materials"),
                path("<int:pk>/", material_views.material_detail, name="material_detail"),
                path("<int:pk>/mo/", material_views.material_open, name="material_open"),
            ]
        ),
    ),
]
