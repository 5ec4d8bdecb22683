from __future__ import annotations

from django.apps import AppConfig


class DisseminationConfig(AppConfig):
    name = "trienkhai.dissemination"
    label = "dissemination"
    verbose_name = "Học tập, quán triệt"
