"""The poster prints on one sheet: Chromium's print to PDF at A4 and at A3 gives exactly one
page of that size, for the demo's commune and city and for a plan with long wording, and
every target of the poster is on the sheet, not cut off."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from tests.browser.conftest import demo  # noqa: F401  (the fixture)
from trienkhai.dashboard.public import POSTER_SIZE
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Target

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Landscape sheets in PDF points (1 mm = 72 / 25,4 pt).
SHEETS = {"A4": (841.9, 595.3), "A3": (1190.6, 841.9)}
LONG = (
    "Tỷ lệ hộ gia đình trên địa bàn xã được tiếp cận, sử dụng dịch vụ công trực tuyến toàn "
    "trình, thanh toán không dùng tiền mặt và các nền tảng số phục vụ đời sống, sản xuất, "
    "kinh doanh của Nhân dân"
)


def crowd_the_commune_plan() -> None:
    """Eight own targets with the longest wording the plans have, and a long title."""
    commune = OrgUnit.objects.get(code="tan-ky")
    plan = Plan.objects.filter(org_unit=commune).order_by("-date", "-pk").first()
    assert plan is not None
    plan.title = LONG + " " + LONG
    plan.save(update_fields=["title"])
    Target.objects.filter(plan=plan).update(label=LONG)
    for i in range(POSTER_SIZE):
        Target.objects.create(
            plan=plan,
            org_unit=commune,
            ref=f"9{i}",
            label=f"{LONG} ({i})",
            text=LONG,
            kind=Target.Kind.LEVEL,
            comparator=Target.Comparator.GE,
            value=Decimal("1234567.5"),
            stretch=Decimal("2345678.25"),
            measure_unit="triệu đồng/người/năm",
            order=i,
        )


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def assert_one_sheet(page: Any, url: str, size: str) -> None:
    page.goto(url)
    page.emulate_media(media="print")
    # Nothing of the poster's list falls outside the sheet (the sheet clips as a last guard).
    assert page.evaluate(
        """() => {
          const sheet = document.querySelector('.pub-sheet').getBoundingClientRect();
          const items = [...document.querySelectorAll('.pub-sheet-targets li')];
          const inside = li => li.getBoundingClientRect().bottom <= sheet.bottom + 0.5;
          return items.length > 0 && items.every(inside);
        }"""
    ), url
    width, height = SHEETS[size]
    for options in ({"prefer_css_page_size": True}, {"format": size, "landscape": True}):
        sheets = pdf_pages(page.pdf(print_background=True, **options))
        assert len(sheets) == 1, (url, options, sheets)
        assert sheets[0] == pytest.approx((width, height), abs=2), (url, options)


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_poster_prints_on_one_page(live_server: Any, page: Any, demo: str, size: str) -> None:  # noqa: F811
    cache.clear()
    for code in ("tan-ky", "hai-phong"):
        assert_one_sheet(
            page, f"{live_server.url}/cong-khai/{code}/ap-phich/?kho={size.lower()}", size
        )
    crowd_the_commune_plan()
    cache.clear()
    url = f"{live_server.url}/cong-khai/tan-ky/ap-phich/?kho={size.lower()}"
    assert_one_sheet(page, url, size)
    assert page.locator(".pub-sheet-targets li").count() == POSTER_SIZE
