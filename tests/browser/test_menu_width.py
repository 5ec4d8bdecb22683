"""Slow tier: the longest main menu (the city admin's) stays on one line of the bar at every
desk width where the bar is open, without scrolling the page sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the bar opens (Bootstrap's xl), a common laptop, where the wide style starts.
WIDTHS = (1200, 1366, 1400, 1600, 1920)


def test_the_longest_menu_fits_one_line(live_server: Any, browser: Any, demo: str) -> None:
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
        page = context.new_page()
        login(page, live_server.url, "admin", demo)
        page.wait_for_url(live_server.url + "/")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px at {width}"
        tops = page.evaluate(
            "Array.from(document.querySelectorAll('#menu-chinh > .navbar-nav > li'))"
            ".filter(e => e.offsetParent !== null)"
            ".map(e => Math.round(e.getBoundingClientRect().top))"
        )
        assert len(tops) > 10 and len(set(tops)) == 1, f"the menu wraps at {width}: {tops}"
        context.close()
