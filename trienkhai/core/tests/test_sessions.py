"""A response marked `keep_session` leaves an unchanged session unsaved; any other response
(and a marked one whose session changed) saves it, so sessions still slide."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from trienkhai.core.sessions import SessionMiddleware, keep_session

pytestmark = pytest.mark.django_db


def _run(marked: bool, change: bool, monkeypatch: Any) -> int:
    saves: list[str] = []
    monkeypatch.setattr(SessionStore, "save", lambda self, must_create=False: saves.append("x"))

    def view(request: HttpRequest) -> HttpResponse:
        request.session["seen"] = 1 if change else request.session.get("seen")
        if not change:
            request.session.modified = False
        response = HttpResponse("ok")
        return keep_session(response) if marked else response

    request = RequestFactory().get("/")
    middleware = SessionMiddleware(view)
    middleware.process_request(request)
    middleware.process_response(request, view(request))
    return len(saves)


def test_marked_unchanged_session_is_not_saved(monkeypatch: Any) -> None:
    assert _run(marked=True, change=False, monkeypatch=monkeypatch) == 0


def test_unmarked_or_changed_session_is_saved(monkeypatch: Any) -> None:
    assert _run(marked=False, change=False, monkeypatch=monkeypatch) == 1
    assert _run(marked=True, change=True, monkeypatch=monkeypatch) == 1
