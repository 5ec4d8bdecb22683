"""Solution groups ("2.1. Tăng cường công tác lãnh đạo…") and the audiences of "Đối tượng"."""

from __future__ import annotations

from trienkhai.plans.parser.coverage import group_of
from trienkhai.plans.parser.result import Audience, Solution
from trienkhai.plans.parser.structure import Block
from trienkhai.plans.parser.words import fold


def _is_solution_group(title: str) -> bool:
    key = fold(title)
    return "giai phap" in key or "nhiem vu" in key


def _is_audience_heading(title: str) -> bool:
    return "doi tuong" in fold(title)


def read_solutions(blocks: list[Block]) -> list[Solution]:
    """Level-3 parts of a "…giải pháp…" part, or level-2 parts of a "NHIỆM VỤ, GIẢI PHÁP"
    section."""
    out: list[Solution] = []
    for block in blocks:
        if block.kind != "heading":
            continue
        under_group = block.level == 3 and _is_solution_group(block.heading2)
        in_section = (
            block.level == 2
            and block.section_kind == "solutions"
            and not _is_audience_heading(block.title)
        )
        if under_group or in_section:
            out.append(Solution(block.path, block.title))
    return out


def read_audiences(blocks: list[Block]) -> list[Audience]:
    out: list[Audience] = []
    for block in blocks:
        if block.kind != "para":
            continue
        if _is_audience_heading(block.heading2) or (
            block.section_kind == "audiences" and not block.heading2
        ):
            text = block.title.rstrip(" .;")
            out.append(Audience(text, group_of(text)))
    return out
