from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from trienkhai.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"


def post_login(
    client: Any, username: str, password: str, ip: str = "10.1.2.3", **extra: Any
) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def test_login_page_form_posts_username_password_and_csrf(client: Any) -> None:
    html = client.get(LOGIN).content.decode()
    form = html[html.index("<form") : html.index("</form>")]
    assert 'name="username"' in form and 'name="password"' in form
    assert 'name="csrfmiddlewaretoken"' in form


def test_wrong_password_message_is_vietnamese(client: Any, world: World) -> None:
    response = post_login(client, world.office.username, "sai")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_lockout_after_five_failures_spares_colleague_behind_same_ip(
    client: Any, world: World
) -> None:
    for _ in range(5):
        post_login(client, world.office.username, "sai-mat-khau")
    locked = post_login(client, world.office.username, PASSWORD)
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # The colleague in the same office (same NAT address) still logs in.
    colleague = post_login(client, world.leader.username, PASSWORD)
    assert colleague.status_code == 302
    # The locked user from another address is not locked either.
    client.logout()
    elsewhere = post_login(client, world.office.username, PASSWORD, ip="10.9.9.9")
    assert elsewhere.status_code == 302


def test_four_failures_then_success_still_logs_in(client: Any, world: World) -> None:
    for _ in range(4):
        post_login(client, world.office.username, "sai")
    assert post_login(client, world.office.username, PASSWORD).status_code == 302


def test_office_session_is_eight_idle_hours_even_when_asking_to_be_remembered(
    client: Any, world: World
) -> None:
    post_login(client, world.office.username, PASSWORD, remember="on")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 3600


def test_reporter_remembered_for_thirty_days(client: Any, world: World) -> None:
    post_login(client, world.reporter_a.username, PASSWORD, remember="on")
    assert client.session.get_expiry_age() == 30 * 24 * 3600


def test_reporter_without_remember_gets_eight_hours(client: Any, world: World) -> None:
    post_login(client, world.reporter_a.username, PASSWORD)
    assert client.session.get_expiry_age() == 8 * 3600


def test_dashboard_names_the_users_own_unit(client: Any, world: World) -> None:
    client.force_login(world.reporter_a)
    html = client.get("/").content.decode()
    assert "Chi bộ thôn A" in html and "Chi bộ thôn B" not in html
    client.force_login(world.office)
    html = client.get("/").content.decode()
    assert "Đảng bộ xã Tân Kỳ" in html and "Chi bộ: 2" in html


def test_password_change_clears_the_forced_change(client: Any, world: World) -> None:
    world.reporter_a.must_change_password = True
    world.reporter_a.save()
    client.force_login(world.reporter_a)
    assert client.get("/").url == "/tai-khoan/doi-mat-khau/"
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": "Moi-rat-kho-2026",
            "new_password2": "Moi-rat-kho-2026",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
