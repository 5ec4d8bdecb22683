from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.test import RequestFactory
from fontTools.ttLib import TTFont

from trienkhai.core import icons

CODEPOINTS: dict[str, int] = json.loads(
    (icons.PACKAGE_DIR / "bootstrap-icons.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def used() -> frozenset[str]:
    return icons.scan_icons()


def test_scan_finds_icons_of_templates_python_and_the_menu(used: frozenset[str]) -> None:
    assert "flag-fill" in used  # base.html
    assert "graph-up" in used  # dashboard/overview.py, as "bi-graph-up"
    assert "house" in used  # the menu names it bare: MenuLink("home", "house", …)
    assert "person-gear" in used  # {% menu_item "accounts:user_list" "person-gear" … %}
    assert "bell-fill" in used  # bi-bell{% if unread %}-fill{% endif %}
    assert "airplane" not in used
    assert used <= CODEPOINTS.keys()


def test_scan_reads_templates_and_ignores_tests(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<i class="bi bi-alarm"></i> bi-not-an-icon {% nav_menu icon="gear" %}', "utf-8"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text('ICON = "bi-airplane"', "utf-8")
    assert icons.scan_icons(tmp_path) == {"alarm", "gear"}


def test_css_has_the_base_rule_and_one_rule_per_icon() -> None:
    css = icons.subset_css(frozenset({"alarm", "house"}))
    assert 'src:url("bi.woff2") format("woff2")' in css
    assert '[class*=" bi-"]::before' in css
    assert "MIT" in css  # the package's licence banner travels with its glyphs
    assert '.bi-alarm::before{content:"\\f102"}' in css
    assert css.count("::before{content:") == 2


def test_font_has_exactly_the_glyphs_asked_for() -> None:
    data = icons.subset_font(frozenset({"alarm", "house"}))
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff2"
    assert set(font.getBestCmap()) == {CODEPOINTS["alarm"], CODEPOINTS["house"]}


def test_finder_serves_the_subset_of_used_icons(used: frozenset[str]) -> None:
    css_path = finders.find(icons.CSS_PATH)
    font_path = finders.find(icons.FONT_PATH)
    assert css_path and font_path
    css = Path(css_path).read_text(encoding="utf-8")
    assert '.bi-graph-up::before{content:"\\f' in css
    assert ".bi-airplane::before" not in css
    font = TTFont(font_path)
    assert set(font.getBestCmap()) == {CODEPOINTS[name] for name in used}
    assert Path(font_path).stat().st_size < 30_000  # the whole font: 130 KB


def test_collectstatic_lists_both_files() -> None:
    listed = {path for finder in finders.get_finders() for path, _storage in finder.list([])}
    assert {icons.CSS_PATH, icons.FONT_PATH} <= listed


def test_css_is_served_as_a_static_file() -> None:
    response = serve(RequestFactory().get("/static/icons/bi.css"), icons.CSS_PATH, insecure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b".bi-flag-fill::before" in response.getvalue()
