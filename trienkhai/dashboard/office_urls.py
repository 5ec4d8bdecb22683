"""The office's board, included at ``/viec-hom-nay/``."""

from __future__ import annotations

from django.urls import path

from trienkhai.dashboard.views import office

app_name = "office"

urlpatterns = [path("", office.board, name="board")]
