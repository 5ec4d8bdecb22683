"""The citizens' public target page, its poster and the poster's QR code: no login.

Each response is the same for every visitor and is cached for five minutes, so a link shared
on the commune's Zalo group does not recompute the assessment for each reader.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from trienkhai.core.pages import PageQuery
from trienkhai.dashboard.public import public_page, public_unit_get, qr_svg

CACHE_SECONDS = 5 * 60
POSTER_SIZES = ("a4", "a3")


@require_safe
@cache_page(CACHE_SECONDS)
def page(request: HttpRequest, code: str) -> HttpResponse:
    unit = public_unit_get(code=code)
    return render(
        request,
        "public/page.html",
        {"title": unit.name, "page": public_page(unit=unit), "export": False},
    )


@require_safe
@cache_page(CACHE_SECONDS)
def poster(request: HttpRequest, code: str) -> HttpResponse:
    unit = public_unit_get(code=code)
    size = PageQuery.of(request).get("kho")
    if size not in POSTER_SIZES:
        size = "a4"
    return render(
        request,
        "public/poster.html",
        {
            "title": unit.name,
            "page": public_page(unit=unit),
            "size": size,
            "page_url": request.build_absolute_uri(reverse("public:page", args=[unit.code])),
        },
    )


@require_safe
@cache_page(CACHE_SECONDS)
def qr(request: HttpRequest, code: str) -> HttpResponse:
    # Its own file shown with <img>: inline SVG markup would need inline styles under the
    # strict CSP, and the printed QR must encode the page's address as visitors reach it.
    unit = public_unit_get(code=code)
    url = request.build_absolute_uri(reverse("public:page", args=[unit.code]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")
