"""Small helpers for building querysets from a page's optional filters."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

_EMPTY: tuple[Any, ...] = (None, "", [], ())


def filter_given(queryset: QuerySet[M], **lookups: Any) -> QuerySet[M]:
    """`queryset` filtered by the lookups whose value was given; an empty filter field (None,
    "" or an empty list) means "any", not "equal to nothing"."""
    given = {lookup: value for lookup, value in lookups.items() if value not in _EMPTY}
    return queryset.filter(**given) if given else queryset
