"""The page helpers every module shares: the query of a page, posted forms, list pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpRequest, QueryDict
from django.test import RequestFactory

from trienkhai.core.errors import DomainError
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.queries import filter_given
from trienkhai.core.submit import submit


def _get(query: str) -> HttpRequest:
    return RequestFactory().get(f"/x/?{query}")


def test_the_query_reads_the_shared_parameters() -> None:
    query = PageQuery.parse(
        QueryDict("ke_hoach=12&don_vi=chibo05&ngay=10/06/2026&trang=3&sort=-ten")
    )
    assert (query.plan_id, query.unit_code, query.day) == (12, "chibo05", date(2026, 6, 10))
    assert (query.page, query.sort) == ("3", "-ten")
    # The page number is not carried into links: a new filter starts on page one.
    assert "trang" not in query.urlencode()


def test_unreadable_values_fall_back_instead_of_failing() -> None:
    query = PageQuery.parse(QueryDict("ke_hoach=abc&ngay=31/02/2026&tuan=x"))
    assert query.plan_id is None and query.day is None
    assert query.number("tuan", 8, low=1, high=53) == 8
    assert PageQuery.parse(QueryDict("tuan=900")).number("tuan", 8, low=1, high=53) == 53


def test_links_change_one_parameter_and_drop_empty_ones() -> None:
    query = PageQuery.parse(QueryDict("ke_hoach=12&don_vi=tk&trang=2"))
    assert QueryDict(query.with_(don_vi="chibo01")) == QueryDict("ke_hoach=12&don_vi=chibo01")
    assert QueryDict(query.with_(don_vi="")) == QueryDict("ke_hoach=12")


def test_the_query_is_parsed_once_per_request() -> None:
    request = _get("ke_hoach=1")
    assert PageQuery.of(request) is PageQuery.of(request)


def test_paginate_gives_the_last_page_past_the_end() -> None:
    page = PageQuery.parse(QueryDict("trang=99")).paginate(list(range(120)), 50)
    assert page.number == 3 and list(page.object_list) == list(range(100, 120))


class _NameForm(forms.Form):
    name = forms.CharField()


def _post(data: dict[str, str]) -> HttpRequest:
    request = RequestFactory().post("/x/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_submit_runs_the_service_and_says_so() -> None:
    request = _post({"name": "Chi bộ 5"})
    done = submit(request, _NameForm(request.POST), lambda d: d["name"].upper(), success="Đã lưu.")
    assert done is not None and done.result == "CHI BỘ 5"
    assert [str(m) for m in get_messages(request)] == ["Đã lưu."]


def test_a_refused_submission_keeps_the_input_and_shows_why() -> None:
    def refuse(data: dict[str, Any]) -> None:
        raise DomainError("Tên đã được dùng.")

    request = _post({"name": "Chi bộ 5"})
    form = _NameForm(request.POST)
    assert submit(request, form, refuse, success="Đã lưu.") is None
    assert form.non_field_errors() == ["Tên đã được dùng."]
    assert form["name"].value() == "Chi bộ 5"
    assert list(get_messages(request)) == []


def test_a_get_or_an_invalid_form_runs_nothing() -> None:
    calls: list[object] = []
    request = _get("")
    assert submit(request, _NameForm(), calls.append) is None
    assert submit(_post({}), _NameForm({}), calls.append) is None
    assert calls == []


class _Numbers(ListPage[int]):
    template = print_template = "unused.html"
    max_rows = 3

    def state(self, request: HttpRequest, **kwargs: Any) -> int:
        return int(kwargs.get("upto", 10))

    def rows(self, request: HttpRequest, state: int) -> list[int]:
        return list(range(state))

    def title(self, request: HttpRequest, state: int) -> str:
        return "Số"


def test_a_list_page_caps_its_exports_and_says_it_did() -> None:
    page = _Numbers()
    assert page._export_rows(_get(""), 10) == ([0, 1, 2], True)
    assert page._export_rows(_get(""), 3) == ([0, 1, 2], False)


def test_a_list_page_serves_the_routes_it_is_given() -> None:
    patterns = _Numbers().urls(page=("so/", "numbers"), xlsx=("so.xlsx", "numbers_xlsx"))
    assert [(str(p.pattern), p.name) for p in patterns] == [
        ("so/", "numbers"),
        ("so.xlsx", "numbers_xlsx"),
    ]


@pytest.mark.django_db
def test_filter_given_ignores_the_empty_filters() -> None:
    from trienkhai.orgs.models import OrgUnit
    from trienkhai.orgs.tests.factories import OrgUnitFactory

    root = OrgUnitFactory.create(code="tp")
    units = OrgUnit.objects.all()
    assert list(filter_given(units, code="", kind=None)) == [root]
    assert list(filter_given(units, code="khac")) == []


class _TwoFields(forms.Form):
    name = forms.CharField()
    code = forms.CharField()


def test_a_refused_form_marks_only_the_fields_in_error() -> None:
    from django.template import Context, Template

    html = Template("{% load django_bootstrap5 %}{% bootstrap_form form %}").render(
        Context({"form": _TwoFields({"name": "Chi bộ 5", "code": ""})})
    )
    assert "is-invalid" in html and "is-valid" not in html.replace("is-invalid", "")
    assert 'value="Chi bộ 5"' in html


def test_a_form_page_says_a_refusal_once() -> None:
    from django.template.loader import render_to_string

    form = _TwoFields({"name": "Chi bộ 5", "code": "cb5"})
    assert form.is_valid()
    form.add_error(None, "Mã đơn vị “cb5” đã được dùng.")
    html = render_to_string("_save_form.html", {"form": form, "cancel_url": "/"})
    assert html.count("đã được dùng") == 1


class _Closed(_Numbers):
    def state(self, request: HttpRequest, **kwargs: Any) -> int:
        from django.http import HttpResponse

        from trienkhai.core.listing import Answered

        raise Answered(HttpResponse("Chưa có kế hoạch", status=200))


def test_a_state_that_answers_answers_all_three_views() -> None:
    page = _Closed()
    for view in (page.page, page.print_view, page.xlsx):
        assert view(_get("")).content.decode() == "Chưa có kế hoạch"
