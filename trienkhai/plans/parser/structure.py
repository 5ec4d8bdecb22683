"""The outline of a plan: front matter, sections I–V and their numbered parts, the closing.

Plans are numbered by hand and often wrongly. The seed has "2. 5." for 2.5, a bare "6." for
2.6 after 2.5, and a second "2." after it; the outline follows what the writer meant (a lost
prefix is restored) and says so in a warning rather than failing or renumbering silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from trienkhai.core.errors import gettext_noop as _
from trienkhai.plans.parser.lines import Line
from trienkhai.plans.parser.words import excerpt, fold, mask

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,4})\s*[.:]\s*(?P<title>\S.*)$")
_LEVEL3 = re.compile(r"^(?P<a>\d{1,2})\s*\.\s?(?P<b>\d{1,2})\s*\.?\s+(?P<title>\S.*)$")
_LEVEL2 = re.compile(r"^(?P<n>\d{1,2})\s*\.\s+(?P<title>\S.*)$")
_ITEM = re.compile(r"^\(\s*(?P<n>\d{1,3})\s*\)\s*(?P<body>.*)$")
_CLOSING = re.compile(r"^(?:\*+\s*)?(?:Trên đây là|Nơi nhận|T/M\b|TM\.|TM\s)", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-+•–—]\s*|[a-zđ]\)\s*)")


@dataclass
class Block:
    """A heading, a numbered target item "(n)" or a paragraph, placed in the outline."""

    line: Line
    kind: str  # "heading", "item" or "para"
    level: int = 0  # 1 for I–V, 2 for "1.", 3 for "2.1."
    number: str = ""
    title: str = ""  # heading title, item body or paragraph text without its bullet
    path: str = ""  # "II.2.1"
    section_kind: str = "other"
    heading2: str = ""  # title of the enclosing "1." heading
    heading2_path: str = ""

    @cached_property
    def masked(self) -> str:
        """``title`` with the numbers that are never targets blanked (see ``words.mask``)."""
        return mask(self.title)


@dataclass
class Document:
    front: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def roman_value(numeral: str) -> int:
    total = 0
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def section_kind(title: str) -> str:
    """What a section I–V is for, from the words of its title."""
    key = fold(title)
    checks = (
        ("purpose", ("muc dich", "yeu cau")),
        ("timeline", ("thoi gian", "tien do", "lo trinh")),
        ("organisation", ("to chuc thuc hien", "trach nhiem", "phan cong")),
        ("funding", ("kinh phi",)),
        ("forms", ("hinh thuc", "phuong thuc", "phuong phap")),
        ("audiences", ("doi tuong",)),
        ("targets", ("chi tieu", "muc tieu")),
        ("solutions", ("giai phap", "nhiem vu")),
        ("content", ("noi dung",)),
        ("reporting", ("bao cao",)),
    )
    for kind, words in checks:
        if any(w in key for w in words):
            return kind
    return "other"


def _is_heading_title(title: str) -> bool:
    return title[:1].isupper()


class _Outline:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.roman = ""
        self.kind = "other"
        self.n2: int | None = None
        self.n3: int | None = None
        self.heading2 = ""
        self.heading2_path = ""

    def path(self) -> str:
        parts = [self.roman] if self.roman else []
        if self.n2 is not None:
            parts.append(str(self.n2))
            if self.n3 is not None:
                parts.append(str(self.n3))
        return ".".join(parts)

    def add(self, line: Line, kind: str, level: int, number: str, title: str) -> None:
        self.doc.blocks.append(
            Block(
                line=line,
                kind=kind,
                level=level,
                number=number,
                title=title,
                path=self.path(),
                section_kind=self.kind,
                heading2=self.heading2,
                heading2_path=self.heading2_path,
            )
        )

    def roman_heading(self, line: Line, numeral: str, title: str) -> None:
        self.roman, self.kind = numeral, section_kind(title)
        self.n2 = self.n3 = None
        self.heading2 = self.heading2_path = ""
        self.add(line, "heading", 1, numeral, title)

    def level2(self, line: Line, n: int, title: str) -> None:
        if self.n3 is not None and n == self.n3 + 1 and self.n2 is not None and n != self.n2 + 1:
            # "6." right after 2.5: the writer lost the "2." prefix.
            self.doc.warnings.append(
                _(
                    "Mục %(n)s. %(title)s được hiểu là %(n2)s.%(n)s (tiếp theo %(n2)s.%(n3)s), "
                    "vì văn bản đánh số thiếu."
                )
                % {"n": n, "title": excerpt(title, 40), "n2": self.n2, "n3": self.n3}
            )
            self.level3(line, self.n2, n, title)
            return
        if self.n2 is not None and n <= self.n2:
            self.doc.warnings.append(
                _(
                    "Mục %(roman)s có tiểu mục %(n)s. %(title)s đánh số lặp lại hoặc lùi "
                    "(sau “%(n2)s.”); giữ số như văn bản ghi."
                )
                % {"roman": self.roman, "n": n, "title": excerpt(title, 40), "n2": self.n2}
            )
        self.n2, self.n3 = n, None
        self.heading2, self.heading2_path = title, self.path()
        self.add(line, "heading", 2, str(n), title)

    def level3(self, line: Line, a: int, b: int, title: str) -> None:
        if self.n2 is None:
            self.n2 = a
        elif a != self.n2:
            self.doc.warnings.append(
                _(
                    "Tiểu mục %(a)s.%(b)s. %(title)s nằm trong mục “%(n2)s.”; "
                    "được hiểu là %(n2)s.%(b)s."
                )
                % {"a": a, "b": b, "title": excerpt(title, 40), "n2": self.n2}
            )
        self.n3 = b
        self.add(line, "heading", 3, f"{self.n2}.{b}", title)


def outline(lines: list[Line]) -> Document:
    doc = Document()
    state = _Outline(doc)
    in_body = False
    for index, line in enumerate(lines):
        text = line.text
        if in_body and _CLOSING.match(text):
            doc.closing.extend(lines[index:])
            break
        roman = _ROMAN.match(text)
        if roman and roman_value(roman["num"]) <= 15:
            in_body = True
            state.roman_heading(line, roman["num"], roman["title"])
            continue
        if not in_body:
            doc.front.append(line)
            continue
        item = _ITEM.match(text)
        level3 = _LEVEL3.match(text)
        level2 = _LEVEL2.match(text)
        if item:
            state.add(line, "item", 0, item["n"], item["body"])
        elif level3 and _is_heading_title(level3["title"]):
            state.level3(line, int(level3["a"]), int(level3["b"]), level3["title"])
        elif level2 and _is_heading_title(level2["title"]):
            state.level2(line, int(level2["n"]), level2["title"])
        else:
            state.add(line, "para", 0, "", _BULLET.sub("", text, count=1))
    return doc
