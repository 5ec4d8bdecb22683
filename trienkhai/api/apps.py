from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only REST API under /api/v1/ (no models: tokens are signed, not stored)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "trienkhai.api"
    label = "api"
    verbose_name = "API"
