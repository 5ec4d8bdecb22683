"""Run the stages over a plan's lines and gather one ``ParsedPlan``.

A stage that meets text it cannot handle must not lose the rest of the plan: each stage is
guarded, and an unexpected failure becomes a warning (the office then sees which part to
check) instead of an exception on the import screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from typing import TypeVar

from trienkhai.core.errors import gettext_noop as _
from trienkhai.plans.parser.coverage import is_coverage_clause, read_coverage
from trienkhai.plans.parser.deadlines import deadlines_in
from trienkhai.plans.parser.header import Header, parse_header
from trienkhai.plans.parser.lines import Line
from trienkhai.plans.parser.media import is_media_clause, read_media_rules
from trienkhai.plans.parser.result import (
    Deadline,
    DocumentHeader,
    ParsedPlan,
    TargetRow,
    Unparsed,
)
from trienkhai.plans.parser.sections import read_audiences, read_solutions
from trienkhai.plans.parser.structure import Block, Document, outline
from trienkhai.plans.parser.tables import TableResult, TargetTable, read_tables
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
            _("Lỗi nội bộ khi đọc phần %(stage)s; phần này cần nhập tay trên màn hình kiểm tra.")
            % {"stage": stage}
        )
        return default


def _prose(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind != "item" and not (b.kind == "heading" and b.level == 1)]


def _issued(plan: ParsedPlan) -> date | None:
    """The plan's date, or the first day of the month it gives when the day is blank."""
    if plan.date is not None:
        return plan.date
    partial = plan.date_partial or ""
    if len(partial) == 7 and partial[:4].isdigit() and partial[5:].isdigit():
        return date(int(partial[:4]), int(partial[5:]), 1)
    return None


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
            # A recurring deadline is due first after the plan's date (read from the header).
            for _pos, due, recurrence in deadlines_in(sentence, _issued(plan)):
                if (sentence, due) not in seen_deadlines:
                    seen_deadlines.add((sentence, due))
                    plan.deadlines.append(Deadline(sentence, due, recurrence))


def _skip_clause(clause: str) -> bool:
    return is_coverage_clause(clause) or is_media_clause(clause)


def _unknown_sections(doc: Document, plan: ParsedPlan) -> list[Line]:
    lines: list[Line] = []
    for block in doc.blocks:
        if block.section_kind != "other":
            continue
        if block.kind == "heading" and block.level == 1:
            plan.warnings.append(
                _(
                    "Chưa nhận ra mục “%(number)s. %(title)s”; các dòng của mục được liệt kê là "
                    "chưa hiểu."
                )
                % {"number": block.number, "title": block.title}
            )
        elif block.kind == "para":
            lines.append(block.line)
    return lines


def _apply_header(plan: ParsedPlan, header: Header) -> None:
    for part in fields(DocumentHeader):
        setattr(plan, part.name, getattr(header, part.name))
    plan.warnings.extend(header.warnings)


def _in_document_order(rows: list[TargetRow], table_rows: list[TargetRow]) -> list[TargetRow]:
    """The rows read from the text with the tables' rows placed where the tables stand."""
    out: list[TargetRow] = []
    pending = list(table_rows)
    for row in rows:
        line = row.source.line or 0
        while pending and (pending[0].source.line or 0) < line:
            out.append(pending.pop(0))
        out.append(row)
    return out + pending


def parse_lines(lines: list[Line], tables: Sequence[TargetTable] = ()) -> ParsedPlan:
    """The draft of a plan's lines; ``tables`` are its target tables, whose rows are lines of
    their own (read into targets here, kept out of the outline)."""
    plan = ParsedPlan()
    in_tables = {no for table in tables for no in table.line_nos.values()}
    text_lines = [line for line in lines if line.no not in in_tables]
    doc = _guard(plan, _("bố cục"), lambda: outline(text_lines), Document(front=list(text_lines)))
    plan.warnings.extend(doc.warnings)
    header = _guard(plan, _("phần đầu văn bản"), lambda: parse_header(doc.front), Header())
    _apply_header(plan, header)
    unparsed: list[Line] = list(header.unparsed)
    _guard(
        plan,
        _("quán triệt, truyền thông, thời hạn"),
        lambda: _read_prose_rules(plan, doc.blocks),
        None,
    )
    targets = _guard(
        plan, _("chỉ tiêu"), lambda: read_targets(doc.blocks, _skip_clause), TargetResult()
    )
    table_rows = _guard(
        plan, _("bảng chỉ tiêu"), lambda: read_tables(list(tables), lines), TableResult()
    )
    plan.targets = _in_document_order(targets.rows, table_rows.rows)
    plan.warnings.extend(targets.warnings)
    plan.warnings.extend(table_rows.warnings)
    unparsed.extend(targets.unparsed)
    unparsed.extend(table_rows.unparsed)
    tasks = _guard(plan, _("tổ chức thực hiện"), lambda: read_tasks(doc.blocks), TaskResult())
    plan.tasks = tasks.tasks
    unparsed.extend(tasks.unparsed)
    plan.solutions = _guard(plan, _("giải pháp"), lambda: read_solutions(doc.blocks), [])
    plan.audiences = _guard(plan, _("đối tượng"), lambda: read_audiences(doc.blocks), [])
    unparsed.extend(_guard(plan, _("mục khác"), lambda: _unknown_sections(doc, plan), []))
    if not doc.blocks:
        plan.warnings.append(
            _("Không tìm thấy các mục I, II, III… của kế hoạch; kiểm tra lại tệp đã chọn.")
        )
    seen: set[int] = set()
    for line in sorted(unparsed, key=lambda item: item.no):
        if line.no not in seen:
            seen.add(line.no)
            plan.unparsed.append(Unparsed(line.no, line.text))
    return plan
