"""The page-frame tags: breadcrumbs, table with its empty note, pagination."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.template import Context, Template


def render(source: str, **context: Any) -> str:
    return Template("{% load i18n frame %}" + source).render(Context(context))


def test_breadcrumbs_link_every_crumb_but_the_current_page() -> None:
    html = render(
        '{% breadcrumbs %}<a href="/nv/">Nhiệm vụ</a>\n'
        '{% crumb %}{% if task %}<a href="/nv/1/">{{ task }}</a>{% endif %}\n'
        "{% crumb %}{{ title }}{% endbreadcrumbs %}",
        title="Sửa <b>",
    )
    assert html == (
        '<nav aria-label="Vị trí"><ol class="breadcrumb">\n'
        '  <li class="breadcrumb-item"><a href="/nv/">Nhiệm vụ</a></li>\n'
        '  <li class="breadcrumb-item active" aria-current="page">Sửa &lt;b&gt;</li>\n'
        "</ol></nav>"
    )


def test_table_shows_its_rows_or_the_empty_note() -> None:
    source = (
        '{% table rows empty=_("Chưa có.") %}'
        "<tbody>{% for r in rows %}<tr><td>{{ r }}</td></tr>{% endfor %}</tbody>{% endtable %}"
    )
    assert render(source, rows=[1]) == (
        '<div class="table-responsive">\n<table class="table table-sm align-middle">'
        "<tbody><tr><td>1</td></tr></tbody></table>\n</div>"
    )
    assert render(source, rows=[]) == '<p class="text-secondary">Chưa có.</p>'
    always = '{% table class="table" wrap="table-responsive mt-3" %}x{% endtable %}'
    assert (
        render(always)
        == '<div class="table-responsive mt-3">\n<table class="table">x</table>\n</div>'
    )


def test_pagination_keeps_the_filters_and_hides_on_one_page() -> None:
    page = Paginator(list(range(30)), 10).page(2)
    html = render('{% pagination page q=q don_vi="a b" current="active" %}', page=page, q="Lê")
    assert 'href="?q=L%C3%AA&amp;don_vi=a%20b&amp;trang=1"' in html
    assert 'href="?q=L%C3%AA&amp;don_vi=a%20b&amp;trang=3"' in html
    assert (
        '<li class="page-item active" aria-current="page"><span class="page-link">2/3</span>'
        in html
    )
    numbered = render(
        '{% pagination page query="x=1" numbered=True classes="pagination-sm" %}', page=page
    )
    assert '<ul class="pagination pagination-sm">' in numbered
    assert "Trang 2/3" in numbered
    single = Paginator([1], 10).page(1)
    assert render("{% pagination page %}", page=single).strip() == ""
    assert "Trang 1/1" in render("{% pagination page numbered=True always=True %}", page=single)


def test_export_buttons_link_both_views_for_the_same_rows() -> None:
    html = render(
        '{% export_buttons "tasks:board_xlsx" "tasks:board_print" query=q small=True %}',
        q="a=1&b=2",
    )
    assert 'class="btn btn-outline-secondary btn-sm" href="/nhiem-vu/' in html
    assert html.count("?a=1&amp;b=2") == 2
    assert "Xuất Excel" in html and "Bản in" in html
