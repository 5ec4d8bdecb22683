"""A refused user form comes back with what the office typed (never a password), the message
under the field it is about, and nothing saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.conftest import PASSWORD, World
from trienkhai.core.tests.posted_form import Page, assert_kept, assert_under

pytestmark = pytest.mark.django_db

CREATE = "/tai-khoan/nguoi-dung/them/"
CHANGE = "/tai-khoan/doi-mat-khau/"


def detail(user: User) -> str:
    return f"/tai-khoan/nguoi-dung/{user.pk}/"


def counts() -> tuple[int, int]:
    return User.objects.count(), Membership.objects.count()


def new_user(world: World, **extra: Any) -> dict[str, Any]:
    """A whole new account as typed, choices away from the form's defaults."""
    return {
        "username": "BiThu.ThonB",
        "full_name": "Trần Thị Bình",
        "phone": "0912 345 678",
        "unit": world.cell_b.pk,
        "role": Role.VIEWER,
        "title": "Phó Bí thư chi bộ",
        **extra,
    }


def test_a_taken_username_keeps_every_value(client: Client, world: World) -> None:
    before = counts()
    client.force_login(world.office)
    # The defaults the choices must move away from: the commune, a reporter.
    start = Page(client.get(CREATE).content.decode()).values
    assert (start["unit"], start["role"]) == (str(world.commune.pk), Role.REPORTER)
    posted = new_user(world, username="Bao_Cao_A")
    response = client.post(CREATE, posted)
    page = assert_kept(response, posted)
    assert_under(response, page, "username", "Tên đăng nhập này đã có người dùng.", form="form")
    assert "code" not in response.context  # no one-time code was made
    assert counts() == before
    # Another commune's office cannot put a user in this commune: the unit is refused under
    # its field, the rest kept; and this commune's users do not exist for it.
    client.force_login(world.outsider)
    posted = new_user(world, username="nguoi.moi")
    response = client.post(CREATE, posted)
    page = assert_kept(response, posted, but=("unit",))
    assert world.cell_b not in response.context["form"].fields["unit"].queryset
    assert response.context["form"].errors["unit"] and page.errors["unit"]
    assert counts() == before
    assert client.get(detail(world.reporter_a)).status_code == 404


def test_a_bad_username_phone_and_missing_name_each_show_under_their_field(
    client: Client, world: World
) -> None:
    before = counts()
    client.force_login(world.office)
    posted = new_user(world, username="Bí Thư B", phone="09ab-12", full_name="")
    response = client.post(CREATE, posted)
    page = assert_kept(response, posted)
    assert_under(response, page, "username", "Tên đăng nhập “Bí Thư B” không hợp lệ", form="form")
    assert_under(response, page, "phone", "Số điện thoại “09ab-12” không hợp lệ.", form="form")
    assert response.context["form"].errors["full_name"] and page.errors["full_name"]
    assert not {"unit", "role", "title"} & set(page.errors)
    assert counts() == before
    assert not User.objects.filter(full_name="Trần Thị Bình").exists()


def test_a_role_already_held_is_refused_under_the_role(client: Client, world: World) -> None:
    # Adding a role is how the office edits a user's rights: the user's own page.
    target = world.reporter_a
    url = detail(target) + "vai-tro/them/"
    own = target.memberships.get()
    own.title = "Bí thư chi bộ"
    own.save(update_fields=["title"])
    before = counts()
    client.force_login(world.office)
    posted = {"unit": world.cell_a.pk, "role": Role.REPORTER, "title": "Phó Bí thư"}
    response = client.post(url, posted)
    page = assert_kept(response, posted)
    assert_under(
        response, page, "role", "đã có vai trò Báo cáo viên ở Chi bộ thôn A", form="add_form"
    )
    assert counts() == before
    own.refresh_from_db()
    assert (own.title, own.is_active) == ("Bí thư chi bộ", True)
    # A role the office may not grant: refused under the role, the unit and title kept.
    posted = {"unit": world.ubnd.pk, "role": Role.ADMIN, "title": "Quản trị"}
    response = client.post(url, posted)
    page = assert_kept(response, posted, but=("role",))
    assert response.context["add_form"].errors["role"] and page.errors["role"]
    assert counts() == before
    # Another commune's office: neither the page nor the form exists for it.
    client.force_login(world.outsider)
    assert client.get(detail(target)).status_code == 404
    posted = {"unit": world.other_cell.pk, "role": Role.VIEWER, "title": "Cán bộ"}
    assert client.post(url, posted).status_code == 404
    assert counts() == before


def test_a_refused_password_change_never_echoes_a_password(client: Client, world: World) -> None:
    user = world.reporter_a
    client.force_login(user)
    typed = {
        "old_password": "mat-khau-cu-sai",
        "new_password1": "Chi-bo-thon-A-2026!",
        "new_password2": "Chi-bo-thon-A-2027!",
    }
    response = client.post(CHANGE, typed)
    assert response.status_code == 200
    html = response.content.decode()
    page = Page(html)
    for name, secret in typed.items():
        assert page.types[name] == "password" and page.values[name] == ""
        assert secret not in html
    assert_under(response, page, "old_password", "Mật khẩu cũ không chính xác", form="form")
    assert_under(
        response, page, "new_password2", "Hai trường mật khẩu không giống nhau.", form="form"
    )
    # Too weak, with the right old password: under the confirmation, nothing echoed.
    typed = {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    response = client.post(CHANGE, typed)
    html = response.content.decode()
    page = Page(html)
    assert response.status_code == 200 and "12345678" not in html and PASSWORD not in html
    assert all(page.values[name] == "" for name in typed)
    assert_under(response, page, "new_password2", "Mật khẩu này hoàn toàn là số.", form="form")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
