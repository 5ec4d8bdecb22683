"""What a browser would post back from a page: each field's value as shown (a select's chosen
option, else its first; a textarea's text; checked boxes), and the text of each field's error
box — so a test of a refused form checks that nothing typed was lost and that the message sits
under its own field."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class Page(HTMLParser):
    """What a browser would post back from the page, and the text under each field."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.errors: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._error: str | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if self._error is not None and tag == "div":
            self._depth += 1
        elif tag == "div" and (a.get("id") or "").endswith("_error"):
            self._error, self._depth = (a["id"] or "")[3:-6], 1
            self.errors[self._error] = ""
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            self.types[name] = a.get("type") or "text"
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.values[name] = a.get("value") or "on"
            else:
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            # A browser sends the selected option, else the first one.
            if "selected" in a or self._select not in self.values:
                self.values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "div" and self._error is not None:
            self._depth -= 1
            if not self._depth:
                self._error = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data
        if self._error is not None:
            self.errors[self._error] += data


def assert_kept(response: Any, posted: dict[str, Any], *, but: tuple[str, ...] = ()) -> Page:
    """The page is shown again (not a redirect) and posts back what was sent."""
    assert response.status_code == 200
    page = Page(response.content.decode())
    for name, value in posted.items():
        if name not in but:
            assert page.values.get(name) == str(value), name
    return page


def assert_under(
    response: Any, page: Page, field: str, fragment: str, *, form: str = "form"
) -> None:
    """The message is the form's error on `field` and is shown under that field only."""
    errors = " ".join(str(e) for e in response.context[form].errors.get(field, []))
    assert fragment in errors
    assert fragment in page.errors.get(field, "")
    assert not [k for k, text in page.errors.items() if k != field and fragment in text]
    assert not response.context[form].non_field_errors()
