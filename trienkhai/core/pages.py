"""What a page is about, read from the query string once per request.

Every module's pages share the same parameters: ``ke_hoach`` (the plan's id), ``don_vi``
(a unit's code: the subtree the page looks at), ``ngay`` (the reference date,
``dd/mm/yyyy`` or ISO), ``trang`` (the page number) and ``sort``. `PageQuery` parses them
and builds the links that change one of them; each module then resolves the plan and the
unit through its own selectors, inside the reader's scope (core knows no plan or unit).

The plan a user chose sticks while they move between pages: it is kept in the session and
offered to the next page that does not name one (`remembered_plan_id`, `pick_plan`), so a
page never switches silently to the newest plan after the user picked another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone
from django.utils.http import urlencode

from trienkhai.core.dates import parse_date
from trienkhai.core.errors import DomainError

PLAN, UNIT, DAY, PAGE, SORT = "ke_hoach", "don_vi", "ngay", "trang", "sort"
_ATTR = "_trienkhai_page_query"
PLAN_SESSION_KEY = "trienkhai.ke_hoach"
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class PageQuery:
    params: QueryDict  # the GET parameters, without the page number
    plan_id: int | None
    unit_code: str
    day: date | None  # None when absent or unreadable: the page uses its own default
    page: str
    sort: str
    remembered_plan_id: int | None = None  # the plan chosen on an earlier page

    @classmethod
    def of(cls, request: HttpRequest) -> PageQuery:
        """The request's page query, parsed once and kept on the request."""
        cached = getattr(request, _ATTR, None)
        if cached is None:
            cached = _remember_plan(request, cls.parse(request.GET))
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

    def pick_plan(
        self, plans: QuerySet[M], fallback: Callable[[], M | None] | None = None
    ) -> M | None:
        """The plan of `plans` the page shows: the one asked for (404 when not among them),
        else the one chosen earlier if it is among them, else `fallback()` (the module's own
        default) or the first in their order."""
        if self.plan_id is not None:
            found = plans.filter(pk=self.plan_id).first()
            if found is None:
                raise Http404
            return found
        if self.remembered_plan_id is not None:
            found = plans.filter(pk=self.remembered_plan_id).first()
            if found is not None:
                return found
        return fallback() if fallback is not None else plans.first()

    def paginate(self, rows: Any, per_page: int = 50) -> Page[Any]:
        """The page of `rows` asked for (the last one when past the end)."""
        return Paginator(rows, per_page).get_page(self.page)

    def day_or_today(self) -> date:
        return self.day or timezone.localdate()

    def get(self, name: str, default: str = "") -> str:
        return str(self.params.get(name, default))

    def date(self, name: str) -> date | None:
        """A date parameter (``tu_ngay``, ``den_ngay``) as typed; unreadable is no filter."""
        return _day(self.get(name))

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


def page_link(path: str, **params: Any) -> str:
    """`path` with its page parameters (`ke_hoach`, `don_vi`, `tinh_trang`…); a None or ""
    value leaves its parameter out, so a link never filters on nothing."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def _remember_plan(request: HttpRequest, query: PageQuery) -> PageQuery:
    """Keep a plan asked for in the session; offer the kept one when none is asked for.

    The session is written only when the choice changes, so reading pages stays write-free."""
    session = getattr(request, "session", None)
    if session is None:
        return query
    if query.plan_id is not None:
        if session.get(PLAN_SESSION_KEY) != query.plan_id:
            session[PLAN_SESSION_KEY] = query.plan_id
        return query
    kept = session.get(PLAN_SESSION_KEY)
    return replace(query, remembered_plan_id=kept) if isinstance(kept, int) else query


def _day(raw: str) -> date | None:
    if not raw.strip():
        return None
    try:
        return parse_date(raw)
    except DomainError:
        return None
