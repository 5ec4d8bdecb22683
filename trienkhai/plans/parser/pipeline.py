"""Run the stages over a plan's lines and gather one ``ParsedPlan``.

A stage that meets text it cannot handle must not lose the rest of the plan: each stage is
guarded, and an unexpected failure becomes a warning (the office then sees which part to
check) instead of an exception on the import screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from trienkhai.plans.parser.coverage import is_coverage_clause, read_coverage
from trienkhai.plans.parser.deadlines import dues_in
from trienkhai.plans.parser.header import Header, parse_header
from trienkhai.plans.parser.media import is_media_clause, read_media_rules
from trienkhai.plans.parser.reader import Line
from trienkhai.plans.parser.result import Deadline, ParsedPlan, Unparsed
from trienkhai.plans.parser.sections import read_audiences, read_solutions
from trienkhai.plans.parser.structure import Block, Document, outline
from trienkhai.plans.parser.targets import TargetResult, read_targets
from trienkhai.plans.parser.tasks import TaskResult, read_tasks
from trienkhai.plans.parser.words import clause_spans, sentence_spans

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _guard(plan: ParsedPlan, stage: str, run: Callable[[], T], default: T) -> T:
    try:
        return run()
    except Exception:  # a parser bug must not cost the user the whole import
        logger.exception("plan parser stage %s failed", stage)
        plan.warnings.append(
            f"Lỗi nội bộ khi đọc phần {stage}; phần này cần nhập tay trên màn hình kiểm tra."
        )
        return default


def _prose(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind != "item" and not (b.kind == "heading" and b.level == 1)]


def _read_prose_rules(plan: ParsedPlan, blocks: list[Block]) -> None:
    """Coverage thresholds, media rules and deadlines, clause by clause."""
    seen_deadlines: set[tuple[str, object]] = set()
    for block in _prose(blocks):
        text = block.title
        masked = block.masked
        for s, e in sentence_spans(masked):
            sentence = text[s:e].strip()
            for a, b in clause_spans(masked, s, e):
                clause = text[a:b]
                plan.coverage_targets.extend(read_coverage(clause))
                for rule in read_media_rules(clause, sentence):
                    if rule not in plan.media_rules:
                        plan.media_rules.append(rule)
            for _pos, due in dues_in(sentence):
                if (sentence, due) not in seen_deadlines:
                    seen_deadlines.add((sentence, due))
                    plan.deadlines.append(Deadline(sentence, due))


def _skip_clause(clause: str) -> bool:
    return is_coverage_clause(clause) or is_media_clause(clause)


def _unknown_sections(doc: Document, plan: ParsedPlan) -> list[Line]:
    lines: list[Line] = []
    for block in doc.blocks:
        if block.section_kind != "other":
            continue
        if block.kind == "heading" and block.level == 1:
            plan.warnings.append(
                f"Chưa nhận ra mục “{block.number}. {block.title}”; "
                "các dòng của mục được liệt kê là chưa hiểu."
            )
        elif block.kind == "para":
            lines.append(block.line)
    return lines


def _apply_header(plan: ParsedPlan, header: Header) -> None:
    plan.superior, plan.issuer = header.superior, header.issuer
    plan.doc_type, plan.symbol, plan.number = header.doc_type, header.symbol, header.number
    plan.place, plan.date, plan.date_partial = header.place, header.date, header.date_partial
    plan.title = header.title
    plan.warnings.extend(header.warnings)


def parse_lines(lines: list[Line]) -> ParsedPlan:
    plan = ParsedPlan()
    doc = _guard(plan, "bố cục", lambda: outline(lines), Document(front=list(lines)))
    plan.warnings.extend(doc.warnings)
    header = _guard(plan, "phần đầu văn bản", lambda: parse_header(doc.front), Header())
    _apply_header(plan, header)
    unparsed: list[Line] = list(header.unparsed)
    _guard(
        plan,
        "quán triệt, truyền thông, thời hạn",
        lambda: _read_prose_rules(plan, doc.blocks),
        None,
    )
    targets = _guard(
        plan, "chỉ tiêu", lambda: read_targets(doc.blocks, _skip_clause), TargetResult()
    )
    plan.targets = targets.rows
    plan.warnings.extend(targets.warnings)
    unparsed.extend(targets.unparsed)
    tasks = _guard(plan, "tổ chức thực hiện", lambda: read_tasks(doc.blocks), TaskResult())
    plan.tasks = tasks.tasks
    unparsed.extend(tasks.unparsed)
    plan.solutions = _guard(plan, "giải pháp", lambda: read_solutions(doc.blocks), [])
    plan.audiences = _guard(plan, "đối tượng", lambda: read_audiences(doc.blocks), [])
    unparsed.extend(_guard(plan, "mục khác", lambda: _unknown_sections(doc, plan), []))
    if not doc.blocks:
        plan.warnings.append(
            "Không tìm thấy các mục I, II, III… của kế hoạch; kiểm tra lại tệp đã chọn."
        )
    seen: set[int] = set()
    for line in sorted(unparsed, key=lambda item: item.no):
        if line.no not in seen:
            seen.add(line.no)
            plan.unparsed.append(Unparsed(line.no, line.text))
    return plan
