"""The plan importer's parser: a plan file in, the contract's draft (``ParsedPlan``) out.

    from trienkhai.plans.parser import parse_plan_file, parse_plan_text, PlanParseError

    plan = parse_plan_file("ke_hoach.docx")      # or parse_plan_file(data, "ke_hoach.docx")
    plan.to_dict()                                # the JSON of PRODUCT.md, "import_plan"

``PlanParseError`` (a ``DomainError`` with a Vietnamese message) is raised only for files
that cannot be read at all; everything else not understood is reported in ``unparsed`` and
``warnings``. The parser has no Django dependency beyond the core helpers.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from trienkhai.core.errors import gettext_noop as _
from trienkhai.plans.parser.errors import PlanParseError, too_large
from trienkhai.plans.parser.pipeline import parse_lines
from trienkhai.plans.parser.reader import MAX_BYTES, lines_from_text, read_file
from trienkhai.plans.parser.result import ParsedPlan

__all__ = ["ParsedPlan", "PlanParseError", "parse_plan_file", "parse_plan_text"]


def parse_plan_text(text: str) -> ParsedPlan:
    """Parse a plan given as text. Never raises: problems go to ``unparsed``/``warnings``."""
    return parse_lines(lines_from_text(text))


def parse_plan_file(source: str | PathLike[str] | bytes, name: str | None = None) -> ParsedPlan:
    """Parse a .txt, .docx or .pdf plan from a path or from its bytes (then give ``name``)."""
    if isinstance(source, bytes):
        data, shown = source, name or _("tệp")
    else:
        path = Path(source)
        shown = name or path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise too_large(shown)
            data = path.read_bytes()
        except OSError as exc:
            raise PlanParseError(
                _("Không mở được tệp “%(name)s”: %(error)s.")
                % {"name": shown, "error": exc.strerror or exc}
            ) from exc
    reading = read_file(data, shown)
    return parse_lines(reading.lines, reading.tables)
