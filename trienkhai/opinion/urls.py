"""Public opinion and the rebuttals online, included at ``/du-luan/`` (namespace "opinion")."""

from __future__ import annotations

from django.urls import path

from trienkhai.opinion.views import rebuttals, reports

app_name = "opinion"

urlpatterns = [
    *reports.LIST.urls(
        page=("", "list"), xlsx=("tai-xuong.xlsx", "list_xlsx"), print_view=("in/", "list_print")
    ),
    *reports.TALLY.urls(page=("tong-hop/", "tally"), print_view=("tong-hop/in/", "tally_print")),
    path("moi/", reports.opinion_create, name="create"),
    path("<int:pk>/", reports.opinion_detail, name="detail"),
    path("<int:pk>/sua/", reports.opinion_edit, name="edit"),
    path("<int:pk>/tiep-nhan/", reports.opinion_take_up, name="take_up"),
    path("<int:pk>/tra-loi/", reports.opinion_answer, name="answer"),
    path("<int:pk>/mo-lai/", reports.opinion_reopen, name="reopen"),
    *rebuttals.LIST.urls(
        page=("phan-bac/", "rebuttals"),
        xlsx=("phan-bac/tai-xuong.xlsx", "rebuttals_xlsx"),
        print_view=("phan-bac/in/", "rebuttals_print"),
    ),
    path("phan-bac/moi/", rebuttals.rebuttal_create, name="rebuttal_create"),
    path("phan-bac/<int:pk>/sua/", rebuttals.rebuttal_edit, name="rebuttal_edit"),
    path("phan-bac/<int:pk>/xoa/", rebuttals.rebuttal_remove, name="rebuttal_remove"),
]
