"""`summary_docx_ms`: rendering a commune's summary report as DOCX (goal ≤ 1500 ms).

The renderer is a pure function, so no database is needed: the document is the size of Tân
Kỳ's summary (six sections, a table of its 31 party organisations).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

NEEDS_DB = False
ROUNDS = 15


def run() -> list[dict[str, Any]]:
    from trienkhai.documents.render import render_docx
    from trienkhai.documents.samples import realistic_summary

    data = realistic_summary(cells=31)
    render_docx(data)  # warm-up: imports and python-docx's template
    timings = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        render_docx(data)
        timings.append((time.perf_counter() - started) * 1000)
    return [
        {"name": "summary_docx_ms", "value": round(statistics.median(timings), 1), "unit": "ms"}
    ]
