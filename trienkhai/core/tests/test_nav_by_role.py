"""The main menu by role, on the demo: each role sees the entries it can use, every link it
sees answers 200 for it, and the entries it cannot use are absent."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from trienkhai.accounts.context_processors import MENU, MenuGroup, MenuLink, menu_for
from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap
from trienkhai.conftest import World

EVERYONE = {
    "home",
    "plans:list",
    "tasks:list",
    "progress:index",
    "dissemination:board",
    "media:overview",
    "documents:list",
    "orgs:tree",
    "reporting:rates",
    # Inspections: what a reader reads of them, and a unit's own corrections.
    "inspections:list",
    "inspections:unit",
    # Opinion: the log, the rebuttals and the good practices (a sensitive report aside).
    "opinion:list",
    "opinion:rebuttals",
    "practices:list",
    # Emulation: the committee's scorecards (a unit reads its own).
    "emulation:index",
}
ENTER = "monitoring:index"
USERS = "accounts:user_list"
LOG = "audit_log"
COMMUNES = "dashboard:communes_index"  # the city's tables of its communes
REPORTS = "reporting:mine"  # the reports a unit sends: whoever may submit one
REVIEW = {"reporting:queue", "reporting:board", "remindlog:list"}  # the office that reviews them
SUMMARY = "reporting:summaries"  # the summary report: the office drafts it, a leader approves it
SLOW = "inspections:slow"  # the slow-unit list: the office acts on it, the leaders read it

# Demo login → the menu entries beyond what every reader has (PRODUCT.md's demo logins).
EXPECTED = {
    "admin": {ENTER, USERS, LOG, COMMUNES, REPORTS, *REVIEW, SUMMARY, SLOW},  # admin of the city
    "thanhuy": {LOG, COMMUNES, SUMMARY, SLOW},  # leader of the city: approves, enters nothing
    "bithu": {LOG, SUMMARY, SLOW},  # leader of the commune
    "vanphong": {ENTER, USERS, LOG, REPORTS, *REVIEW, SUMMARY, SLOW},  # the commune's office
    "bxd": {ENTER, USERS, LOG, REPORTS, *REVIEW, SUMMARY, SLOW},
    # The Ủy ban Kiểm tra: office of its body, viewer of the commune it inspects.
    "ubkt": {USERS, LOG, REPORTS, *REVIEW, SUMMARY, SLOW},
    "ubnd": {LOG, REPORTS},  # reporter of UBND: its own modules, no targets of its own
    "mttq": {LOG, REPORTS},
    "xem": set(),  # viewer: reads, writes nothing, no log
    "chibo01": {LOG, REPORTS},  # a chi bộ's reporter
}


def all_links() -> list[MenuLink]:
    return [
        link
        for entry in MENU
        for link in (entry.links if isinstance(entry, MenuGroup) else (entry,))
    ]


def nav_hrefs(html: str) -> set[str]:
    start = html.index('<ul class="navbar-nav me-auto">')
    end = html.index('<ul class="navbar-nav">', start)
    return set(re.findall(r'href="(/[^"]*)"', html[start:end]))


@pytest.fixture
def demo_db(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-menu-2026")
    call_command("load_demo", verbosity=0)


def test_every_entry_is_tied_to_a_capability() -> None:
    links = all_links()
    assert links and all(isinstance(link.cap, Cap) for link in links)
    assert {link.url_name for link in links} == EVERYONE | {
        ENTER,
        USERS,
        LOG,
        COMMUNES,
        REPORTS,
        *REVIEW,
        SUMMARY,
        SLOW,
    }


def test_each_demo_role_sees_what_it_can_use_and_every_link_answers(demo_db: None) -> None:
    for username, extra in EXPECTED.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        home = client.get(reverse("home"))
        assert home.status_code == 200, username
        html = home.content.decode()
        expected = {reverse(name) for name in EVERYONE | extra}
        assert nav_hrefs(html) == expected, username
        for href in sorted(expected):
            assert client.get(href).status_code == 200, (username, href)


def test_a_viewer_sees_no_entry_to_enter_upload_or_record(demo_db: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="xem"))
    html = client.get(reverse("home")).content.decode()
    start = html.index('<ul class="navbar-nav me-auto">')
    menu = re.sub(r"<[^>]+>", " ", html[start : html.index('<ul class="navbar-nav">', start)])
    for word in ("Nhập", "Tải lên", "Ghi", "Người dùng", "Nhật ký"):
        assert word not in menu
    # Office staff do see them.
    client.force_login(User.objects.get(username="vanphong"))
    html = client.get(reverse("home")).content.decode()
    assert "Nhập số liệu" in html and "Người dùng" in html and "Nhật ký thay đổi" in html


def test_roles_never_combine_for_the_menu(world: World) -> None:
    """Reporter of a chi bộ + viewer of the commune: a reporter's entries, no target entry
    (DATA_ENTER sits on the chi bộ, which owns no targets); the office of the other commune
    enters its own targets."""
    names = {
        link.url_name
        for entry in menu_for(world.mixed)
        for link in (entry.links if isinstance(entry, MenuGroup) else (entry,))
    }
    assert names == EVERYONE | {LOG, REPORTS}
    outsider = {
        link.url_name
        for entry in menu_for(world.outsider)
        for link in (entry.links if isinstance(entry, MenuGroup) else (entry,))
    }
    assert outsider == EVERYONE | {ENTER, USERS, LOG, REPORTS, *REVIEW, SUMMARY, SLOW}
    leader = {
        link.url_name
        for entry in menu_for(world.leader)
        for link in (entry.links if isinstance(entry, MenuGroup) else (entry,))
    }
    assert SUMMARY in leader and not leader & REVIEW  # approving opens it, without reviewing


def test_a_user_without_roles_gets_an_empty_menu(world: World) -> None:
    from trienkhai.accounts.tests.factories import UserFactory

    nobody = UserFactory.create(username="khong_vai_tro")
    assert menu_for(nobody) == []


def test_menu_costs_at_most_one_query_beyond_the_scope(
    world: World, django_assert_max_num_queries: Any
) -> None:
    world.office.read_scope()
    with django_assert_max_num_queries(1):
        menu_for(world.office)
