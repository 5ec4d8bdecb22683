"""A section of the summary as the office edits it: plain text in a text box, one paragraph a
line, "- " for a listed item, and "[Bảng 1]" where a table the system drew stands (tables are
kept as drawn; deleting the marker drops the table). Nothing here touches the database."""

from __future__ import annotations

import re
from collections.abc import Sequence

from trienkhai.documents.data import Block, BulletList, Heading, Paragraph, Table
from trienkhai.documents.summary import FILL_LINE

_MARKER = re.compile(r"^\[Bảng (\d+)\]$")


def marker(n: int) -> str:
    return f"[Bảng {n}]"


def tables_of(blocks: Sequence[Block]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def blocks_to_text(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    tables = 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            lines.append(marker(tables))
        elif isinstance(block, BulletList):
            lines.extend(f"- {item}" for item in block.items)
        elif isinstance(block, Heading) or block.text != FILL_LINE:
            lines.append(block.text)
    return "\n".join(lines)


def text_to_blocks(text: str, tables: Sequence[Table]) -> tuple[Block, ...]:
    """The edited text back as blocks; consecutive "- " lines make one list."""
    blocks: list[Block] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            blocks.append(BulletList(tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            flush()
            continue
        found = _MARKER.match(line)
        if found:
            flush()
            n = int(found.group(1))
            if 1 <= n <= len(tables):
                blocks.append(tables[n - 1])
            continue
        if line.startswith(("- ", "– ", "• ")):
            items.append(line[2:].strip())
            continue
        flush()
        blocks.append(Paragraph(line))
    flush()
    return tuple(blocks)
