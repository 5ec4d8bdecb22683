from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from trienkhai.api import auth
from trienkhai.api.tests.conftest import TOKEN_URL, token_for
from trienkhai.conftest import World


def _post(client: Client, username: str, password: str) -> Any:
    return client.post(
        TOKEN_URL, {"username": username, "password": password}, content_type="application/json"
    )


def _get(client: Client, url: str, token: str | None = None) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token is not None else {}
    return client.get(url, headers=headers)


def test_token_then_read(client: Client, world: World) -> None:
    token = token_for(client, world.office.username)
    response = _get(client, "/api/v1/org-units", token)
    assert response.status_code == 200
    assert response.json()["count"] > 0


def test_wrong_password_is_401_in_vietnamese(client: Client, world: World) -> None:
    response = _post(client, world.office.username, "sai-mat-khau")
    assert response.status_code == 401
    assert "không đúng" in response.json()["detail"]
    assert "token" not in response.json()


def test_unknown_user_is_401(client: Client, world: World) -> None:
    assert _post(client, "khong_co_ai", "sai-mat-khau").status_code == 401


def test_axes_locks_out_after_five_failures(client: Client, world: World) -> None:
    from trienkhai.conftest import PASSWORD

    for _ in range(4):
        assert _post(client, world.office.username, "sai-mat-khau").status_code == 401
    # The fifth failure locks the account (AXES_FAILURE_LIMIT = 5)…
    assert _post(client, world.office.username, "sai-mat-khau").status_code == 429
    # …and then the right password no longer opens it.

    response = _post(client, world.office.username, PASSWORD)
    assert response.status_code != 200
    assert response.status_code == 429
    assert "khóa" in response.json()["detail"]


def test_must_change_password_gets_no_token(client: Client, world: World) -> None:
    from trienkhai.conftest import PASSWORD

    world.office.must_change_password = True
    world.office.save(update_fields=["must_change_password"])
    assert _post(client, world.office.username, PASSWORD).status_code == 403


def test_no_token_is_401(client: Client, world: World) -> None:
    response = _get(client, "/api/v1/plans")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Chưa xác thực")


def test_bad_token_is_401(client: Client, world: World) -> None:
    token = token_for(client, world.office.username)
    assert _get(client, "/api/v1/plans", token + "x").status_code == 401
    assert _get(client, "/api/v1/plans/1", "rac").status_code == 401


def test_password_change_revokes_token(client: Client, world: World) -> None:
    token = token_for(client, world.office.username)
    world.office.set_password("Mat-khau-moi-2026")
    world.office.save()
    assert _get(client, "/api/v1/plans", token).status_code == 401


def test_inactive_user_token_is_401(client: Client, world: World) -> None:
    token = token_for(client, world.office.username)
    world.office.is_active = False
    world.office.save()
    assert _get(client, "/api/v1/plans", token).status_code == 401


def test_expired_token_is_401(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = token_for(client, world.office.username)
    monkeypatch.setattr(auth, "TOKEN_MAX_AGE", timedelta(seconds=-1))
    assert _get(client, "/api/v1/plans", token).status_code == 401


def test_session_login_is_not_enough(client: Client, world: World) -> None:
    # The API reads bearer tokens only; a browser session does not authorise it.
    client.force_login(world.office)
    assert _get(client, "/api/v1/plans").status_code == 401


def test_token_needs_no_csrf_cookie(world: World) -> None:
    # API clients are not browsers: the token endpoint works without a CSRF cookie.
    from trienkhai.conftest import PASSWORD

    strict = Client(enforce_csrf_checks=True)
    assert _post(strict, world.office.username, PASSWORD).status_code == 200
