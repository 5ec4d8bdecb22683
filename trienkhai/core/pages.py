"""What a page is about, read from the query string once per request.

Every module's pages share the same parameters: ``ke_hoach`` (the plan's id), ``don_vi``
(a unit's code: the subtree the page looks at), ``ngay`` (the reference date,
``dd/mm/yyyy`` or ISO), ``trang`` (the page number) and ``sort``. `PageQuery` parses them
and builds the links that change one of them; each module then resolves the plan and the
unit through its own selectors, inside the reader's scope (core knows no plan or unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from trienkhai.core.dates import parse_date
from trienkhai.core.errors import DomainError

PLAN, UNIT, DAY, PAGE, SORT = "ke_hoach", "don_vi", "ngay", "trang", "sort"
_ATTR = "_trienkhai_page_query"


@dataclass(frozen=True)
class PageQuery:
    params: QueryDict  # the GET parameters, without the page number
    plan_id: int | None
    unit_code: str
    day: date | None  # None when absent or unreadable: the page uses its own default
    page: str
    sort: str

    @classmethod
    def of(cls, request: HttpRequest) -> PageQuery:
        """The request's page query, parsed once and kept on the request."""
        cached = getattr(request, _ATTR, None)
        if cached is None:
            cached = cls.parse(request.GET)
            setattr(request, _ATTR, cached)
        return cached

    @classmethod
    def parse(cls, data: QueryDict) -> PageQuery:
        params = data.copy()
        page = params.pop(PAGE, [""])[-1]
        raw_plan = data.get(PLAN, "").strip()
        return cls(
            params=params,
            plan_id=int(raw_plan) if raw_plan.isdigit() else None,
            unit_code=data.get(UNIT, "").strip(),
            day=_day(data.get(DAY, "")),
            page=page,
            sort=data.get(SORT, "").strip(),
        )

    def paginate(self, rows: Any, per_page: int = 50) -> Page[Any]:
        """The page of `rows` asked for (the last one when past the end)."""
        return Paginator(rows, per_page).get_page(self.page)

    def day_or_today(self) -> date:
        return self.day or timezone.localdate()

    def get(self, name: str, default: str = "") -> str:
        return str(self.params.get(name, default))

    def number(self, name: str, default: int, *, low: int, high: int) -> int:
        """A whole-number parameter kept within [low, high] (e.g. ``tuan``, weeks shown)."""
        raw = self.get(name)
        return min(max(int(raw), low), high) if raw.isdigit() else default

    def urlencode(self) -> str:
        return self.params.urlencode()

    def with_(self, **changes: Any) -> str:
        """This page's query with some parameters changed; None or "" removes one."""
        params = self.params.copy()
        for key, value in changes.items():
            if value in (None, ""):
                params.pop(key, None)
            else:
                params[key] = str(value)
        return params.urlencode()


def _day(raw: str) -> date | None:
    if not raw.strip():
        return None
    try:
        return parse_date(raw)
    except DomainError:
        return None
