"""What the navigation needs to know about the user on every page.

The main menu is a table: every entry names the capability it needs (`Cap`), so a role
sees only what it can use — a viewer no "Nhập số liệu", a chi bộ no user administration.
An entry may also name the unit kinds where that capability must sit: target values are
entered where the targets are owned (the city and the communes), not in a chi bộ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from trienkhai.accounts.permissions import ROLE_CAPABILITIES, Cap, cap_paths, scope_for
from trienkhai.orgs.models import OrgUnit

# The committees own the targets; their bodies and party organisations read them.
TARGET_OWNER_KINDS = (OrgUnit.Kind.CITY_COMMITTEE, OrgUnit.Kind.COMMUNE_COMMITTEE)


@dataclass(frozen=True)
class MenuLink:
    url_name: str
    icon: str
    label: str | Promise
    cap: Cap
    kinds: tuple[str, ...] = ()  # where the capability must sit; () = anywhere
    also: tuple[Cap, ...] = ()  # other capabilities that open it as well
    # A class for the bar's item: "nav-home" gives way to the brand on a wide bar.
    item_class: str = ""


@dataclass(frozen=True)
class MenuGroup:
    icon: str
    label: str | Promise
    links: tuple[MenuLink, ...]


MENU: tuple[MenuLink | MenuGroup, ...] = (
    MenuLink("home", "house", _("Trang chủ"), Cap.READ, item_class="nav-home"),
    # The city compares its communes module by module.
    MenuLink(
        "dashboard:communes_index",
        "grid-3x3",
        _("Các xã, phường"),
        Cap.READ,
        (OrgUnit.Kind.CITY_COMMITTEE,),
    ),
    MenuLink("plans:list", "journal-text", _("Kế hoạch"), Cap.READ),
    MenuLink("tasks:list", "list-check", _("Nhiệm vụ"), Cap.READ),
    # The reports a unit must send (the office writes them for a unit, "nhập thay").
    MenuGroup(
        "file-earmark-check",
        _("Báo cáo"),
        (
            MenuLink(
                "reporting:mine", "file-earmark-text", _("Báo cáo của đơn vị"), Cap.REPORTING_SUBMIT
            ),
            MenuLink("reporting:queue", "inbox", _("Báo cáo chờ duyệt"), Cap.REPORTING_REVIEW),
            MenuLink("reporting:board", "alarm", _("Đơn vị chậm nộp"), Cap.REPORTING_REVIEW),
            MenuLink("remindlog:list", "bell", _("Nhắc việc"), Cap.REPORTING_REVIEW),
            MenuLink("reporting:rates", "percent", _("Tỉ lệ báo cáo"), Cap.READ),
            # The office drafts it, the leaders approve it.
            MenuLink(
                "reporting:summaries",
                "journal-richtext",
                _("Báo cáo tổng hợp"),
                Cap.REPORTING_REVIEW,
                also=(Cap.REPORTING_APPROVE,),
            ),
        ),
    ),
    MenuGroup(
        "graph-up",
        _("Chỉ tiêu"),
        (
            MenuLink("progress:index", "speedometer2", _("Tiến độ thực hiện"), Cap.READ),
            MenuLink(
                "monitoring:index", "table", _("Nhập số liệu"), Cap.DATA_ENTER, TARGET_OWNER_KINDS
            ),
        ),
    ),
    # The office finds the slow units and inspects them; a unit puts its findings right.
    MenuGroup(
        "clipboard-check",
        _("Kiểm tra"),
        (
            MenuLink(
                "inspections:slow",
                "hourglass-split",
                _("Đơn vị chậm triển khai"),
                Cap.INSPECTIONS_MANAGE,
                also=(Cap.REPORTING_APPROVE,),
            ),
            MenuLink("inspections:list", "search", _("Cuộc kiểm tra, giám sát"), Cap.READ),
            MenuLink("inspections:unit", "wrench", _("Yêu cầu khắc phục"), Cap.READ),
            # II.6: inspect and correct the slow units, reward the good ones.
            MenuLink("emulation:index", "trophy", _("Điểm thực hiện Kế hoạch"), Cap.READ),
        ),
    ),
    # The plan's "công tác tuyên truyền": học tập, quán triệt, the news a unit puts out, and
    # the work on opinion (nắm bắt dư luận, đấu tranh phản bác, nhân rộng mô hình hay).
    MenuGroup(
        "megaphone",
        _("Tuyên truyền"),
        (
            MenuLink("dissemination:board", "people", _("Học tập, quán triệt"), Cap.READ),
            MenuLink("media:overview", "newspaper", _("Tin, bài tuyên truyền"), Cap.READ),
            # What people think and say, the false posts rebutted, the models worth copying.
            MenuLink("opinion:list", "chat-square-text", _("Dư luận xã hội"), Cap.READ),
            MenuLink("opinion:rebuttals", "shield-check", _("Đấu tranh phản bác"), Cap.READ),
            MenuLink("practices:list", "star", _("Mô hình hay"), Cap.READ),
        ),
    ),
    MenuLink("documents:list", "file-earmark-text", _("Văn bản"), Cap.READ),
    MenuGroup(
        "gear",
        _("Hệ thống"),
        (
            MenuLink("orgs:tree", "diagram-3", _("Đơn vị"), Cap.READ),
            MenuLink("accounts:user_list", "person-gear", _("Người dùng"), Cap.ACCOUNTS_MANAGE),
            MenuLink("audit_log", "clock-history", _("Nhật ký thay đổi"), Cap.AUDIT_VIEW),
        ),
    ),
)


class _Rights:
    """Which capabilities the user holds, and on which kinds of units (one query, asked
    only when an entry names kinds)."""

    def __init__(self, user: object) -> None:
        self.user = user
        self._kinds: dict[int, str] | None = None

    def allows(self, link: MenuLink) -> bool:
        return any(self._holds(cap, link.kinds) for cap in (link.cap, *link.also))

    def _holds(self, cap: Cap, kinds: tuple[str, ...]) -> bool:
        if not kinds:
            return bool(cap_paths(self.user, cap))
        grants = scope_for(self.user).grants
        if self._kinds is None:
            ids = [g.unit_id for g in grants]
            self._kinds = dict(OrgUnit.objects.filter(pk__in=ids).values_list("pk", "kind"))
        return any(
            cap in ROLE_CAPABILITIES[g.role] and self._kinds.get(g.unit_id) in kinds for g in grants
        )


def menu_for(user: object) -> list[MenuLink | MenuGroup]:
    """The entries of the main menu this user can use; a group without any is left out."""
    rights = _Rights(user)
    shown: list[MenuLink | MenuGroup] = []
    for entry in MENU:
        if isinstance(entry, MenuLink):
            if rights.allows(entry):
                shown.append(entry)
            continue
        links = tuple(link for link in entry.links if rights.allows(link))
        if links:
            shown.append(MenuGroup(entry.icon, entry.label, links))
    return shown


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"SITE_NAME": "Triển Khai"}
    if user is not None and user.is_authenticated:
        context["nav_menu"] = menu_for(user)
    return context
