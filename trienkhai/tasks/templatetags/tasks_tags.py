"""`{{ counts|count_of:"overdue" }}`: one figure of a StatusCounts or a dict, by key."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def count_of(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return value.get(key, "")
    getter = getattr(value, "get", None)
    return getter(key) if callable(getter) else ""
