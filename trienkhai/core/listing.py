"""One list, three ways: the page, its print view and its Excel file, from one selector.

Every module repeats the pattern "a filtered list with a print view and an XLSX export".
A module subclasses `ListPage`, says how to read its filters (`state`), which rows they
select (`rows`, one selector), how a workbook is built from them (`workbook`), and gets
the three views and their URLs (`urls`). The print view and the file hold at most
`max_rows` rows and say so when more were selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from trienkhai.core.pages import PageQuery
from trienkhai.core.xlsx import xlsx_response

S = TypeVar("S")
Route = tuple[str, str]  # (route, URL name)


class Answered(Exception):
    """Raised by `state` when the request gets another page instead of the list (e.g. "no
    plan yet"): the page, its print view and its file all answer with `response`."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__()
        self.response = response


class ListPage(Generic[S]):
    template: ClassVar[str]
    print_template: ClassVar[str]
    page_size: ClassVar[int] = 50
    max_rows: ClassVar[int] = 5000

    # --- what a module says ------------------------------------------------------------

    def state(self, request: HttpRequest, **kwargs: Any) -> S:
        """The filters of this request (a form's cleaned data, a dataclass…); `kwargs`
        are the URL's (its captured values and the pattern's own)."""
        raise NotImplementedError

    def rows(self, request: HttpRequest, state: S) -> Sequence[Any]:
        """The selected rows (a queryset is fine: it is sliced, never read whole)."""
        raise NotImplementedError

    def title(self, request: HttpRequest, state: S) -> str:
        raise NotImplementedError

    def context(self, request: HttpRequest, state: S) -> dict[str, Any]:
        """What the page shows beside the rows (totals, filter form, links)."""
        return {}

    def decorate(self, request: HttpRequest, state: S, rows: list[Any]) -> list[Any]:
        """A last touch on the rows actually shown (e.g. each row's status)."""
        return rows

    def workbook(self, request: HttpRequest, state: S, rows: list[Any]) -> bytes:
        raise NotImplementedError

    def filename(self, request: HttpRequest, state: S) -> str:
        return f"{self.title(request, state)}.xlsx"

    # --- the three views -----------------------------------------------------------------

    def page(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            state = self.state(request, **kwargs)
        except Answered as answer:
            return answer.response
        query = PageQuery.of(request)
        page: Page[Any] = Paginator(self.rows(request, state), self.page_size).get_page(query.page)
        page.object_list = self.decorate(request, state, list(page.object_list))
        context = {
            "title": self.title(request, state),
            "page": page,
            "query": query.urlencode(),
            **self.context(request, state),
        }
        return render(request, self.template, context)

    def _export_rows(self, request: HttpRequest, state: S) -> tuple[list[Any], bool]:
        rows = list(self.rows(request, state)[: self.max_rows + 1])
        truncated = len(rows) > self.max_rows
        return self.decorate(request, state, rows[: self.max_rows]), truncated

    def print_view(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            state = self.state(request, **kwargs)
        except Answered as answer:
            return answer.response
        rows, truncated = self._export_rows(request, state)
        context = {
            "title": self.title(request, state),
            "rows": rows,
            "truncated": truncated,
            "max_rows": self.max_rows,
            "back": f"?{PageQuery.of(request).urlencode()}",
            **self.context(request, state),
        }
        return render(request, self.print_template, context)

    def xlsx(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            state = self.state(request, **kwargs)
        except Answered as answer:
            return answer.response
        rows, _truncated = self._export_rows(request, state)
        return xlsx_response(self.workbook(request, state, rows), self.filename(request, state))

    def urls(
        self,
        *,
        page: Route | None = None,
        xlsx: Route | None = None,
        print_view: Route | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> list[URLPattern]:
        """The URL patterns of the views a module serves, each as (route, name); the
        routes are the module's own (they are part of the contract), `kwargs` go to
        every view (e.g. which kind of list)."""

        def view(method: Callable[..., HttpResponse]) -> Any:
            return login_required(require_GET(method))

        views = ((page, self.page), (xlsx, self.xlsx), (print_view, self.print_view))
        return [
            path(route[0], view(method), kwargs or {}, name=route[1])
            for route, method in views
            if route is not None
        ]
