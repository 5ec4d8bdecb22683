"""The office's user administration: create, one-time code, reset, deactivate, roles."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.test import Client

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.accounts.services import (
    CODE_ALPHABET,
    membership_add,
    membership_end,
    one_time_code,
    user_create,
    user_reset_code,
)
from trienkhai.accounts.tests.factories import MembershipFactory, UserFactory
from trienkhai.conftest import PASSWORD, World
from trienkhai.core.errors import DomainError

LIST = "/tai-khoan/nguoi-dung/"
CREATE = "/tai-khoan/nguoi-dung/them/"
LOGIN = "/tai-khoan/dang-nhap/"
CHANGE = "/tai-khoan/doi-mat-khau/"
NEW_PASSWORD = "Chi-bo-thon-A-2026!"


def detail(user: User) -> str:
    return f"/tai-khoan/nguoi-dung/{user.pk}/"


def create_payload(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "username": "BiThu.ThonA",
        "full_name": "Nguyễn Văn Ánh",
        "phone": "0912 345 678",
        "unit": world.cell_a.pk,
        "role": Role.REPORTER,
        "title": "Bí thư chi bộ",
        **extra,
    }


def log_in(username: str, password: str) -> tuple[Client, Any]:
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": password})
    return client, response


def assert_forced_change_then_home(client: Client, old_password: str) -> None:
    for path in ("/", LIST, "/tai-khoan/nhap-excel/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == CHANGE
    response = client.post(
        CHANGE,
        {
            "old_password": old_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_one_time_code_is_grouped_and_unambiguous() -> None:
    codes = {one_time_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 2]
        assert set("".join(groups)) <= set(CODE_ALPHABET)
        assert not set("01OIL") & set(code)


def test_office_creates_user_who_must_change_password(client: Client, world: World) -> None:
    client.force_login(world.office)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, create_payload(world))
    assert response.status_code == 200
    code = response.context["code"]
    html = response.content.decode()
    assert code in html
    assert "Đưa mã này cho đồng chí Nguyễn Văn Ánh" in html
    assert "no-store" in response["Cache-Control"]

    user = User.objects.get(username="bithu.thona")
    assert user.must_change_password and user.check_password(code)
    assert user.phone == "0912 345 678"
    membership = user.memberships.get()
    assert (membership.org_unit, membership.role, membership.title) == (
        world.cell_a,
        Role.REPORTER,
        "Bí thư chi bộ",
    )
    # The code is shown once: neither the detail page nor the list repeats it.
    assert code not in client.get(detail(user)).content.decode()
    assert code not in client.get(LIST).content.decode()

    new_client, response = log_in("bithu.thona", code)
    assert response.status_code == 302
    assert_forced_change_then_home(new_client, code)
    user.refresh_from_db()
    assert not user.must_change_password
    assert user.check_password(NEW_PASSWORD)


def test_duplicate_username_is_refused_case_insensitively(client: Client, world: World) -> None:
    client.force_login(world.office)
    response = client.post(CREATE, create_payload(world, username="Bao_Cao_A"))
    assert response.status_code == 200
    assert "đã có người dùng" in response.content.decode()
    with pytest.raises(DomainError):
        user_create(
            actor=world.office,
            username="BAO_CAO_A",
            full_name="X",
            phone="",
            unit=world.cell_a,
            role=Role.REPORTER,
        )


def test_reset_code_works_like_a_new_account(client: Client, world: World) -> None:
    # Five wrong passwords lock the secretary out; the office's new code must still work.
    for _ in range(5):
        log_in("bao_cao_a", "sai-mat-khau")
    assert log_in("bao_cao_a", PASSWORD)[1].status_code != 302

    client.force_login(world.office)
    response = client.post(detail(world.reporter_a) + "cap-ma/")
    assert response.status_code == 200
    code = response.context["code"]
    assert code in response.content.decode()
    assert "no-store" in response["Cache-Control"]

    assert log_in("bao_cao_a", PASSWORD)[1].status_code == 200  # the old password is gone
    new_client, response = log_in("bao_cao_a", code)
    assert response.status_code == 302
    assert_forced_change_then_home(new_client, code)

    entry = LogEntry.objects.filter(additional_data__action="accounts.user.password_reset").get()
    assert entry.actor == world.office
    assert entry.additional_data["org_unit_path"] == world.cell_a.path


def test_deactivated_user_cannot_log_in(client: Client, world: World) -> None:
    reporter_client = Client()
    reporter_client.force_login(world.reporter_a)
    client.force_login(world.office)
    response = client.post(detail(world.reporter_a) + "khoa/")
    assert response.status_code == 302
    world.reporter_a.refresh_from_db()
    assert not world.reporter_a.is_active
    assert log_in("bao_cao_a", PASSWORD)[1].status_code == 200
    # An open session ends too.
    assert reporter_client.get("/").status_code == 302

    client.post(detail(world.reporter_a) + "mo-khoa/")
    assert log_in("bao_cao_a", PASSWORD)[1].status_code == 302


def test_office_cannot_lock_itself_out(client: Client, world: World) -> None:
    client.force_login(world.office)
    client.post(detail(world.office) + "khoa/")
    world.office.refresh_from_db()
    assert world.office.is_active
    own = world.office.memberships.get()
    response = client.post(detail(world.office) + f"vai-tro/{own.pk}/ket-thuc/", follow=True)
    assert "vai trò quản lý cuối cùng" in response.content.decode()
    own.refresh_from_db()
    assert own.is_active


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "viewer", "city_leader"])
def test_who_does_not_manage_accounts_gets_403(client: Client, world: World, persona: str) -> None:
    client.force_login(getattr(world, persona))
    target = world.reporter_b
    membership = target.memberships.get()
    before = (User.objects.count(), Membership.objects.filter(is_active=True).count())
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, create_payload(world)).status_code == 403
    assert client.get(detail(target)).status_code == 403
    for suffix in ("cap-ma/", "khoa/", f"vai-tro/{membership.pk}/ket-thuc/"):
        assert client.post(detail(target) + suffix).status_code == 403
    payload = {"unit": world.cell_b.pk, "role": Role.VIEWER}
    assert client.post(detail(target) + "vai-tro/them/", payload).status_code == 403
    assert client.get("/tai-khoan/nhap-excel/").status_code == 403
    assert before == (User.objects.count(), Membership.objects.filter(is_active=True).count())


def test_leader_service_calls_are_denied(world: World) -> None:
    with pytest.raises(PermissionDenied):
        membership_add(actor=world.leader, user=world.reporter_a, unit=world.cell_b, role="viewer")
    with pytest.raises(PermissionDenied):
        membership_end(actor=world.leader, membership=world.reporter_a.memberships.get())
    with pytest.raises(PermissionDenied):
        user_reset_code(actor=world.leader, user=world.reporter_a)


def test_outsider_gets_404_on_this_communes_users(client: Client, world: World) -> None:
    client.force_login(world.outsider)
    target = world.reporter_a
    membership = target.memberships.get()
    assert client.get(detail(target)).status_code == 404
    for suffix in ("cap-ma/", "khoa/", "mo-khoa/", f"vai-tro/{membership.pk}/ket-thuc/"):
        assert client.post(detail(target) + suffix).status_code == 404
    payload = {"unit": world.other_cell.pk, "role": Role.VIEWER}
    assert client.post(detail(target) + "vai-tro/them/", payload).status_code == 404
    assert client.get(LIST + f"?don_vi={world.cell_a.code}").status_code == 404
    listing = client.get(LIST).content.decode()
    assert "bao_cao_a" not in listing and "ngoai" in listing
    # Nor may it create a user in this commune: the unit is not a choice.
    response = client.post(CREATE, create_payload(world))
    assert response.status_code == 200 and not User.objects.filter(username="bithu.thona").exists()
    target.refresh_from_db()
    assert target.is_active and membership.is_active


def test_office_cannot_grant_admin(client: Client, world: World) -> None:
    client.force_login(world.office)
    response = client.post(CREATE, create_payload(world, role=Role.ADMIN))
    assert response.status_code == 200
    assert not User.objects.filter(username="bithu.thona").exists()
    assert 'value="admin"' not in client.get(CREATE).content.decode()
    payload = {"unit": world.cell_a.pk, "role": Role.ADMIN}
    client.post(detail(world.reporter_a) + "vai-tro/them/", payload)
    assert not world.reporter_a.memberships.filter(role=Role.ADMIN).exists()
    with pytest.raises(PermissionDenied):
        user_create(
            actor=world.office,
            username="quantri2",
            full_name="Quản trị",
            phone="",
            unit=world.commune,
            role=Role.ADMIN,
        )
    with pytest.raises(PermissionDenied):
        membership_add(actor=world.office, user=world.reporter_a, unit=world.cell_a, role="admin")


def test_admin_may_grant_admin(world: World) -> None:
    admin = UserFactory.create(username="quan_tri", unit=world.city, role=Role.ADMIN)
    user, _code = user_create(
        actor=admin,
        username="quantri2",
        full_name="Quản trị hai",
        phone="",
        unit=world.commune,
        role=Role.ADMIN,
    )
    assert user.memberships.get().role == Role.ADMIN
    # An office may neither reset nor lock an account that holds an admin role.
    with pytest.raises(PermissionDenied):
        user_reset_code(actor=world.office, user=user)


def test_roles_are_added_and_ended(client: Client, world: World) -> None:
    client.force_login(world.office)
    url = detail(world.reporter_a)
    response = client.post(
        url + "vai-tro/them/", {"unit": world.ubnd.pk, "role": Role.VIEWER, "title": "Cán bộ"}
    )
    assert response.status_code == 302
    added = world.reporter_a.memberships.get(org_unit=world.ubnd)
    assert (added.role, added.title, added.is_active) == (Role.VIEWER, "Cán bộ", True)
    # The same role twice is refused with a message, not a crash.
    response = client.post(url + "vai-tro/them/", {"unit": world.ubnd.pk, "role": Role.VIEWER})
    assert response.status_code == 200 and "đã có vai trò" in response.content.decode()

    assert client.post(url + f"vai-tro/{added.pk}/ket-thuc/").status_code == 302
    added.refresh_from_db()
    assert not added.is_active
    # Ending it again is a message too; adding it again reopens the same row.
    client.post(url + f"vai-tro/{added.pk}/ket-thuc/")
    client.post(url + "vai-tro/them/", {"unit": world.ubnd.pk, "role": Role.VIEWER})
    added.refresh_from_db()
    assert added.is_active and world.reporter_a.memberships.count() == 2


def test_role_in_another_commune_is_404_and_locks_credential_changes(
    client: Client, world: World
) -> None:
    MembershipFactory.create(user=world.reporter_a, org_unit=world.other_cell, role=Role.VIEWER)
    foreign = world.reporter_a.memberships.get(org_unit=world.other_cell)
    client.force_login(world.office)
    page = client.get(detail(world.reporter_a))
    assert page.status_code == 200
    assert world.other_cell.name not in page.content.decode()
    url = detail(world.reporter_a) + f"vai-tro/{foreign.pk}/ket-thuc/"
    assert client.post(url).status_code == 404
    # A reset would hand over the rights in the other commune as well.
    assert client.post(detail(world.reporter_a) + "cap-ma/").status_code == 403


def test_each_change_is_audited_with_the_unit_path(client: Client, world: World) -> None:
    client.force_login(world.office)
    start = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client.post(CREATE, create_payload(world))
    user = User.objects.get(username="bithu.thona")
    client.post(detail(user) + "vai-tro/them/", {"unit": world.ubnd.pk, "role": Role.VIEWER})
    added = user.memberships.get(org_unit=world.ubnd)
    client.post(detail(user) + f"vai-tro/{added.pk}/ket-thuc/")
    client.post(detail(user) + "khoa/")
    client.post(detail(user) + "mo-khoa/")
    client.post(detail(user) + "cap-ma/")
    entries = list(LogEntry.objects.filter(pk__gt=start).order_by("pk"))
    assert len(entries) >= 7
    for entry in entries:
        assert entry.additional_data and entry.additional_data.get("org_unit_path"), entry
        assert entry.actor == world.office
    created = [
        e for e in entries if e.action == LogEntry.Action.CREATE and e.object_pk == str(user.pk)
    ]
    assert created and created[0].additional_data["org_unit_path"] == world.cell_a.path
    assert "argon2" not in str(created[0].changes)  # the code's hash is never logged
    assert any(e.additional_data.get("action") == "accounts.user.password_reset" for e in entries)


def test_list_search_ignores_diacritics_and_filters_by_unit(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    for i in range(30):
        UserFactory.create(username=f"nguoi{i:02d}", full_name=f"Người Thứ {i}", unit=world.cell_b)
    UserFactory.create(username="hoa", full_name="Trần Thị Hoà", unit=world.cell_a)
    client.force_login(world.office)
    for q in ("hoa", "Hòa", "TRAN THI"):
        html = client.get(LIST, {"q": q}).content.decode()
        assert "Trần Thị Hoà" in html and "nguoi01" not in html
    html = client.get(LIST, {"don_vi": world.cell_a.code}).content.decode()
    assert "bao_cao_a" in html and "bao_cao_b" not in html and "hon_hop" in html
    html = client.get(LIST).content.decode()
    assert "thanh_uy" not in html and "ngoai" not in html
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200


def test_nav_link_renders(world: World) -> None:
    from django.template.loader import render_to_string

    assert LIST in render_to_string("accounts/_nav_users.html")


def test_user_whose_roles_all_ended_stays_with_its_office(client: Client, world: World) -> None:
    only = world.reporter_b.memberships.get()
    membership_end(actor=world.office, membership=only)
    client.force_login(world.office)
    assert client.get(detail(world.reporter_b)).status_code == 200
    assert "bao_cao_b" in client.get(LIST).content.decode()
    client.force_login(world.outsider)
    assert client.get(detail(world.reporter_b)).status_code == 404
