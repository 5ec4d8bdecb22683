"""An anonymous visitor sees the public items and nothing else (issue 23, "must show" 3).

Every URL pattern of ``config.urls`` is resolved, filled from the demo's own rows and fetched
without a login: it must send the visitor to a login page, or answer 404/405 (401/403 for the
API), unless it is one of the few public addresses named in ``PUBLIC``. Each mount of the
URLconf is classified with the number of patterns it holds, so a new pattern fails this test
until someone looks at it and counts it in. A 404 for a pattern with arguments proves nothing
when the arguments were wrong, so the same address is fetched as the demo's admin: a 404 there
too means the filler missed and the test says so. The public pages are then read for what must
not be on them: people, reports, opinion reports, links into the app, unpublished items.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from trienkhai.accounts.models import Membership, User
from trienkhai.core.models import StoredFile
from trienkhai.dashboard.tests.test_public import plain_text
from trienkhai.opinion.models import GoodPractice, OpinionReport
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, PlanDraft, Programme, Target
from trienkhai.reporting.models import ReportRequest

LOGIN, API, MIXED = "login", "api", "mixed"

# Each mount of config.urls: what an anonymous GET of its patterns gets, and how many there
# are. A pattern added, moved or removed changes a count: classify it, then change the number.
MOUNTS: dict[str, tuple[str, int]] = {
    "healthz": (MIXED, 1),
    "readyz": (MIXED, 1),
    "favicon.ico": (MIXED, 1),
    "quan-tri/": (LOGIN, 77),
    "tai-khoan/": (MIXED, 13),
    "tep/": (LOGIN, 1),
    "don-vi/": (LOGIN, 6),
    "ke-hoach/": (LOGIN, 14),
    "nhiem-vu/": (LOGIN, 27),
    "so-lieu/tien-do/": (LOGIN, 4),
    "so-lieu/": (LOGIN, 10),
    "quan-triet/": (LOGIN, 21),
    "tuyen-truyen/": (LOGIN, 22),
    "van-ban/": (LOGIN, 9),
    "bao-cao/": (LOGIN, 30),
    "kiem-tra/": (LOGIN, 22),
    "du-luan/": (LOGIN, 17),
    "mo-hinh-hay/": (LOGIN, 9),
    "thi-dua/": (LOGIN, 13),
    "r/": (LOGIN, 1),
    "thong-bao/": (LOGIN, 3),
    "nhac-viec/": (LOGIN, 2),
    "api/v1/": (API, 26),
    "tong-quan/bieu-do/": (LOGIN, 1),
    "tong-quan/": (LOGIN, 4),
    "viec-hom-nay/": (LOGIN, 1),
    "cac-xa/": (LOGIN, 2),
    "cong-khai/": (MIXED, 3),
    "nhat-ky/": (LOGIN, 1),
    "": (LOGIN, 1),
}
# The addresses an anonymous visitor may read (by route, as config.urls spells it).
PUBLIC = {
    "healthz",
    "readyz",
    "favicon.ico",
    "tai-khoan/dang-nhap/",
    "quan-tri/login/",
    "cong-khai/<slug:code>/",
    "cong-khai/<slug:code>/ap-phich/",
    "cong-khai/<slug:code>/qr.svg",
    "api/v1/openapi.json",
}
# Which demo rows fill an integer argument, by the longest route prefix that names them.
ROWS: dict[str, type[models.Model]] = {
    "tai-khoan/nguoi-dung/": User,
    "ke-hoach/nhap/": PlanDraft,
    "ke-hoach/chi-tieu/": Target,
    "ke-hoach/": Plan,
    "so-lieu/tien-do/chi-tieu/": Target,
    "so-lieu/chi-tieu/": Target,
    "du-luan/": OpinionReport,
    "mo-hinh-hay/": GoodPractice,
    "bao-cao/": ReportRequest,
    "api/v1/org-units/": OrgUnit,
    "api/v1/plans/": Plan,
    "api/v1/targets/": Target,
    "api/v1/report-requests/": ReportRequest,
}
ARGUMENT = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    mount: str
    route: str


def routes(
    resolver: URLResolver | None = None, prefix: str = "", mount: str = ""
) -> Iterator[Route]:
    for entry in (resolver or get_resolver()).url_patterns:
        here = prefix + str(entry.pattern)
        top = mount if resolver else str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, here, top)
        elif isinstance(entry, URLPattern):
            yield Route(top, here)


def _pk(route: str, upto: int) -> str:
    head = route[:upto]
    for prefix in sorted(ROWS, key=len, reverse=True):
        if head.startswith(prefix):
            row = ROWS[prefix].objects.order_by("pk").first()  # type: ignore[attr-defined]
            if row is not None:
                return str(row.pk)
    return "1"


def fill(route: str, codes: dict[str, str]) -> str:
    """A real address for the route: its arguments taken from the demo's rows."""

    def value(match: re.Match[str]) -> str:
        name = match.group("name") or match.group("rname")
        conv = match.group("conv") or ""
        if name in codes:
            return codes[name]
        if conv == "int" or name.endswith("pk") or name in ("obj_id", "attachment"):
            return _pk(route, match.start())
        return {"year": str(date.today().year), "kind": "docx", "which": "quyet-dinh"}.get(
            name, "1"
        )

    path = ARGUMENT.sub(value, route).replace("^", "").replace("$", "")
    return "/" + path


def _codes(route: str) -> dict[str, str]:
    if route.startswith("r/"):
        request = ReportRequest.objects.order_by("pk").first()
        return {"code": f"b{request.pk if request else 1}"}
    stored = StoredFile.objects.order_by("pk").first()
    return {
        "code": "tan-ky",
        "module": "bao-cao",
        "file_id": str(stored.pk) if stored else "00000000-0000-0000-0000-000000000000",
        "app_label": "accounts",
        "url": "khong-co",
        "content_type_id": "1",
        "object_id": "1",
    }


LOGIN_PAGES = (settings.LOGIN_URL, "/tai-khoan/dang-nhap/", "/quan-tri/login/")


def _to_login(client: Client, response: Any, hops: int = 2) -> bool:
    """A redirect that ends on a login page, through at most ``hops`` pages of the app
    (the admin's logout sends to its index, which sends to its login)."""
    if response.status_code not in (301, 302):
        return False
    where = urlsplit(response["Location"])
    if where.path in LOGIN_PAGES:
        return True
    if hops == 0 or where.netloc not in ("", "testserver"):
        return False
    return _to_login(client, client.get(where.path), hops - 1)


def _public_answer(response: Any) -> bool:
    # The favicon is a redirect to the static file; every other public address answers itself.
    if response.status_code in (301, 302):
        return urlsplit(response["Location"]).path.startswith(settings.STATIC_URL)
    return bool(response.status_code == 200)


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "An-danh-kiem-tra-2026")
    call_command("load_demo", verbosity=0)
    cache.clear()


@dataclass(frozen=True)
class Hidden:
    """Items that exist but are not public: none of their words may reach the page."""

    words: list[str]


def hide_some(commune: OrgUnit, city: OrgUnit, show_on: OrgUnit) -> Hidden:
    office = Membership.objects.filter(org_unit=commune).select_related("user").first()
    assert office is not None
    other = OrgUnit.objects.get(code="an-hoa")
    withdrawn = Plan.objects.create(
        org_unit=commune,
        title="Kế hoạch nhập nhầm về xây dựng cầu phao thôn Bắc",
        state=Plan.State.WITHDRAWN,
        created_by=office.user,
    )
    Target.objects.create(
        plan=withdrawn,
        org_unit=commune,
        ref="1",
        label="Số cầu phao xây mới theo kế hoạch nhập nhầm",
        value=Decimal(3),
    )
    PlanDraft.objects.create(
        org_unit=commune,
        created_by=office.user,
        source_name="du-thao-ke-hoach-cho-duyet.docx",
        source_sha256="0" * 64,
        data={"title": "Dự thảo kế hoạch chưa duyệt về chợ đêm"},
    )
    Target.objects.create(
        plan=Plan.objects.get(org_unit=other),
        org_unit=other,
        ref="99",
        label="Chỉ tiêu riêng của xã An Hòa về đê bao",
        value=Decimal(12),
    )
    lone = Programme.objects.create(org_unit=city, number="99-CTr/TU", title="Chương trình khác")
    Target.objects.create(
        programme=lone,
        org_unit=city,
        scope=Target.Scope.REFERENCE,
        ref="1",
        label="Chỉ tiêu tham chiếu của chương trình khác về cảng cạn",
        value=Decimal(5),
    )
    words = [
        withdrawn.title,
        "Số cầu phao xây mới theo kế hoạch nhập nhầm",
        "Dự thảo kế hoạch chưa duyệt về chợ đêm",
        "Chỉ tiêu riêng của xã An Hòa về đê bao",
    ]
    if show_on == commune:
        # The city's own page lists its programmes; the commune's, only those its plans follow.
        words.append("Chỉ tiêu tham chiếu của chương trình khác về cảng cạn")
    for practice in GoodPractice.objects.filter(published_at__isnull=True):
        words += [practice.title, practice.description[:60]]
    for practice in GoodPractice.objects.filter(published_at__isnull=False):
        words += [practice.title, practice.description[:60]]  # the internal words
    return Hidden([w for w in words if w])


def private_words() -> list[str]:
    """People, reports and opinion reports of the demo, as they could leak onto a page."""
    words = [u.full_name for u in User.objects.exclude(full_name="")]
    for narrative in ReportRequest.objects.exclude(narrative="").values_list(
        "narrative", flat=True
    ):
        words += [line[:60] for line in narrative.splitlines() if len(line) > 30]
    for content, response in OpinionReport.objects.values_list("content", "response"):
        words += [content[:60], response[:60]]
    return [w.strip() for w in words if w and w.strip()]


def usernames() -> list[str]:
    # "xem" (viewer) is also an ordinary word of the page ("Quét mã để xem …").
    return [u for u in User.objects.values_list("username", flat=True) if u not in {"xem"}]


def assert_only_public_links(html: str, code: str) -> None:
    own = {f"/cong-khai/{code}/", f"/cong-khai/{code}/ap-phich/", f"/cong-khai/{code}/qr.svg"}
    for href in re.findall(r"<a\b[^>]*\bhref=\"([^\"]*)\"", html):
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.netloc not in ("testserver", ""):
            continue  # another site
        if href.startswith("#") or href.startswith("?kho="):
            continue  # the same page, the poster's sizes
        assert parts.path in own, href


def test_an_anonymous_visitor_gets_nothing_but_the_public_pages(demo: None) -> None:
    anonymous, admin = Client(), Client()
    admin.force_login(User.objects.get(username="admin"))
    found = list(routes())
    counted = Counter(r.mount for r in found)
    unclassified = {m: n for m, n in counted.items() if m not in MOUNTS}
    assert not unclassified, f"mount chưa phân loại trong MOUNTS: {unclassified}"
    changed = {m: (MOUNTS[m][1], n) for m, n in counted.items() if MOUNTS[m][1] != n}
    assert not changed, f"số mẫu URL đổi (cũ, mới), phân loại mẫu mới rồi sửa MOUNTS: {changed}"
    leaks: list[str] = []
    unproven: list[str] = []
    for item in found:
        url = fill(item.route, _codes(item.route))
        response = anonymous.get(url)
        status = response.status_code
        if item.route in PUBLIC:
            if not _public_answer(response):
                leaks.append(f"{url}: trang công khai trả {status}")
            continue
        kind = MOUNTS[item.mount][0]
        refused = (
            (401, 403, 404, 405) if kind == API or item.route.startswith("api/") else (404, 405)
        )
        if _to_login(anonymous, response) or status in refused:
            if status == 404 and ARGUMENT.search(item.route) and admin.get(url).status_code == 404:
                unproven.append(url)
            continue
        leaks.append(f"{url}: {status} {response.get('Location', '')}")
    print(f"anonymous: {len(found)} URL patterns checked, {len(leaks)} leaks")
    assert not leaks, leaks
    assert not unproven, f"đối số không có thật, 404 không chứng minh gì: {unproven}"


@pytest.mark.parametrize("code", ["tan-ky", "hai-phong"])
def test_the_public_pages_show_nothing_private(demo: None, code: str, tmp_path: Path) -> None:
    commune = OrgUnit.objects.get(code="tan-ky")
    city = OrgUnit.objects.get(code="hai-phong")
    hidden = hide_some(commune, city, show_on=commune if code == "tan-ky" else city)
    cache.clear()
    client = Client()
    pages = {
        path: client.get(path).content.decode()
        for path in (f"/cong-khai/{code}/", f"/cong-khai/{code}/ap-phich/")
    }
    call_command("export_public", "--unit", code, "--out", str(tmp_path), stdout=io.StringIO())
    pages["index.html"] = (tmp_path / "index.html").read_text(encoding="utf-8")
    published = list(GoodPractice.objects.filter(published_at__isnull=False))
    assert published, "the demo publishes good practices"
    secrets = private_words() + hidden.words
    names = usernames()
    for where, html in pages.items():
        text = plain_text(html)
        for word in secrets:
            assert word not in text, (where, word)
        for name in names:
            assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), (where, name)
        assert "/nhiem-vu/" not in html and "/bao-cao/" not in html, where
        assert_only_public_links(html, code)
    # The public items are there: the published practices on the page and its copy.
    for practice in published:
        assert practice.public_title in plain_text(pages[f"/cong-khai/{code}/"])
        assert practice.public_title in plain_text(pages["index.html"])
