"""The frame every page repeats around its own content: trail, tables, empty notes, pages.

``{% load frame %}`` then:

* ``{% breadcrumbs %}<a href="…">Kế hoạch</a>{% crumb %}Sửa{% endbreadcrumbs %}``: the
  "Vị trí" trail. ``{% crumb %}`` starts the next crumb; the last one is the current page. A
  crumb that renders empty (``{% crumb %}{% if task %}<a …>…</a>{% endif %}``) is left out.
* ``{% table rows empty=_("Chưa có …") %}<thead>…</thead><tbody>…</tbody>{% endtable %}``: a
  responsive table (``class=`` the table's classes, ``wrap=`` the wrapper's), or when ``rows`` is
  empty the one muted "nothing here" note instead. Without ``rows`` the table always shows.
  ``{% list_group rows class="list-group mb-3" empty=… %}`` does the same for a list group.
* ``{% export_buttons "tasks:board_xlsx" "tasks:board_print" query=query %}``: the page's
  "Xuất Excel" and "Bản in" buttons, both for the rows the page shows.
* ``{% pagination page query=query %}``: "Trước · Trang 2/5 · Sau" links that keep the page's
  filters; ``q=q don_vi=unit.code`` build the filter query from values instead.
* ``{% section rows heading=_("Thời hạn") %}…{% endsection %}``: a titled section of a page,
  left out when ``rows`` is empty (``class=`` the section's classes, ``heading_class=`` the
  heading's).
* ``{% nav_item "plans:list" "journal-text" _("Kế hoạch") %}``, and
  ``{% nav_menu icon="gear" label=_("Hệ thống") %}{% menu_item … %}{% endnav_menu %}``: the
  links of the main menu, by URL name and Bootstrap icon.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.core.paginator import Page
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


class BreadcrumbsNode(Node):
    child_nodelists = ()

    def __init__(self, crumbs: list[NodeList]) -> None:
        self.crumbs = crumbs

    def get_nodes_by_type(self, nodetype: type) -> list[Node]:
        found: list[Node] = [self] if isinstance(self, nodetype) else []
        for nodelist in self.crumbs:
            found.extend(nodelist.get_nodes_by_type(nodetype))
        return found

    def render(self, context: Context) -> SafeString:
        # The crumbs are template output, already escaped; stripping keeps them safe.
        rendered = (nodelist.render(context).strip() for nodelist in self.crumbs)
        crumbs = [mark_safe(crumb) for crumb in rendered if crumb]  # noqa: S308
        if not crumbs:
            return SafeString("")
        links = format_html_join(
            "", '  <li class="breadcrumb-item">{}</li>\n', ((c,) for c in crumbs[:-1])
        )
        return format_html(
            '<nav aria-label="{}"><ol class="breadcrumb">\n{}'
            '  <li class="breadcrumb-item active" aria-current="page">{}</li>\n</ol></nav>',
            _("Vị trí"),
            links,
            crumbs[-1],
        )


@register.tag
def breadcrumbs(parser: Parser, token: Token) -> BreadcrumbsNode:
    """``{% breadcrumbs %}A{% crumb %}B{% crumb %}current page{% endbreadcrumbs %}``."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("'breadcrumbs' takes no arguments")
    crumbs: list[NodeList] = []
    while True:
        crumbs.append(parser.parse(("crumb", "endbreadcrumbs")))
        if parser.next_token().contents == "endbreadcrumbs":
            return BreadcrumbsNode(crumbs)


class FrameNode(Node):
    """A block of rows in its frame, or the empty note when there are no rows."""

    def __init__(
        self,
        frame: str,
        defaults: dict[str, str],
        rows: FilterExpression | None,
        options: dict[str, FilterExpression],
        nodelist: NodeList,
    ) -> None:
        self.frame = frame
        self.defaults = defaults
        self.rows = rows
        self.options = options
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        if self.rows is not None and not self.rows.resolve(context):
            empty = self.options["empty"].resolve(context) if "empty" in self.options else ""
            return (
                format_html('<p class="text-secondary">{}</p>', empty) if empty else SafeString("")
            )
        values = {
            name: self.options[name].resolve(context) if name in self.options else default
            for name, default in self.defaults.items()
        }
        return format_html(self.frame, body=self.nodelist.render(context), **values)


def frame_tag(name: str, frame: str, defaults: dict[str, str]) -> None:
    """Register ``{% name [rows] [option="…"]… [empty=_("…")] %}…{% endname %}``."""
    allowed = (*defaults, "empty")

    def compile_frame(parser: Parser, token: Token) -> FrameNode:
        bits = token.split_contents()[1:]
        rows = parser.compile_filter(bits.pop(0)) if bits and "=" not in bits[0] else None
        options: dict[str, FilterExpression] = {}
        for bit in bits:
            option, sep, value = bit.partition("=")
            if not sep or option not in allowed:
                raise template.TemplateSyntaxError(
                    f"'{name}' takes rows then {', '.join(allowed)}="
                )
            options[option] = parser.compile_filter(value)
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return FrameNode(frame, defaults, rows, options, nodelist)

    register.tag(name, compile_frame)


frame_tag(
    "table",
    '<div class="{wrap}">\n<table class="{class}">{body}</table>\n</div>',
    {"wrap": "table-responsive", "class": "table table-sm align-middle"},
)
frame_tag("list_group", '<div class="{class}">{body}</div>', {"class": "list-group"})
frame_tag(
    "section",
    '<section class="{class}">\n  <h2 class="{heading_class}">{heading}</h2>{body}</section>',
    {"class": "mt-4", "heading": "", "heading_class": "h5"},
)
frame_tag(
    "nav_menu",
    '<li class="nav-item dropdown">\n  <a class="nav-link dropdown-toggle" href="#" role="button"'
    ' data-bs-toggle="dropdown" aria-expanded="false">'
    '<i class="bi bi-{icon}" aria-hidden="true"></i> {label}</a>\n'
    '  <ul class="dropdown-menu">{body}</ul>\n</li>',
    {"icon": "", "label": ""},
)


def _menu_link(item: str, link: str, url_name: str, icon: str, label: str) -> SafeString:
    return format_html(
        '<li{}><a class="{}" href="{}"><i class="bi bi-{}" aria-hidden="true"></i> {}</a></li>',
        format_html(' class="{}"', item) if item else "",
        link,
        reverse(url_name),
        icon,
        label,
    )


@register.simple_tag
def nav_item(url_name: str, icon: str, label: str, item_class: str = "") -> SafeString:
    """One link of the main menu bar; `item_class` adds to the item's own class."""
    item = f"nav-item {item_class}".strip()
    return _menu_link(item, "nav-link", url_name, icon, label)


@register.simple_tag
def menu_item(url_name: str, icon: str, label: str) -> SafeString:
    """One link inside a ``{% nav_menu %}`` dropdown."""
    return _menu_link("", "dropdown-item", url_name, icon, label)


@register.inclusion_tag("_pagination.html")
def pagination(
    page: Page,
    query: str = "",
    classes: str = "",
    numbered: bool = False,
    current: str = "disabled",
    nav_class: str = "",
    always: bool = False,
    **params: Any,
) -> dict[str, Any]:
    """The links to the previous and next page, keeping the filters of the page.

    ``query`` is the page's query string without ``trang``; keyword arguments build it from
    values instead (``q=q don_vi=unit.code``). ``classes`` are added to ``pagination``;
    ``numbered`` writes "Trang 2/5" rather than "2/5"; ``current="active"`` marks the current
    page as such; ``always`` shows the bar even when everything fits on one page.
    """
    if params:
        query = "&".join(
            f"{name}={quote(str(value or ''), safe='/')}" for name, value in params.items()
        )
    return {
        "page": page,
        "query": query,
        "classes": classes,
        "numbered": numbered,
        "current": current,
        "nav_class": nav_class,
        "show": always or page.has_other_pages(),
    }


@register.inclusion_tag("_export_buttons.html")
def export_buttons(
    xlsx: str, print_view: str, *args: object, query: str = "", small: bool = False
) -> dict[str, Any]:
    """The XLSX and print links of a page, by URL name (with its URL arguments) and query."""
    suffix = f"?{query}" if query else ""
    return {
        "xlsx_url": reverse(xlsx, args=args) + suffix,
        "print_url": reverse(print_view, args=args) + suffix,
        "size": " btn-sm" if small else "",
    }
