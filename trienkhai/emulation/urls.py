"""Emulation, included at ``/thi-dua/`` (namespace "emulation")."""

from __future__ import annotations

from django.urls import path

from trienkhai.emulation.views import cards, commendations, rounds

app_name = "emulation"

urlpatterns = [
    path("", rounds.index, name="index"),
    path("mo/", rounds.round_open, name="open"),
    path("<int:pk>/cai-dat/", rounds.round_settings, name="settings"),
    path("<int:pk>/tinh-diem/", rounds.round_compute, name="compute"),
    path("<int:pk>/ky-duyet/", rounds.round_sign_off, name="sign_off"),
    path("<int:pk>/tai-xuong.xlsx", rounds.round_xlsx, name="xlsx"),
    path("<int:pk>/in/", rounds.round_print, name="print"),
    path("diem/<int:pk>/", cards.card_detail, name="card"),
    path("diem/<int:pk>/bo-dieu-chinh/", cards.card_clear, name="card_clear"),
    path("<int:pk>/khen-thuong/", commendations.commendation_list, name="commendations"),
    path(
        "<int:pk>/khen-thuong/<int:item_pk>/xoa/",
        commendations.commendation_remove,
        name="commendation_remove",
    ),
    path("<int:pk>/to-trinh/", commendations.proposal_issue, name="proposal_issue"),
    path("<int:pk>/to-trinh.docx", commendations.proposal_docx, name="proposal_docx"),
]
