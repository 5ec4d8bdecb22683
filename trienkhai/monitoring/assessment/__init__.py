"""Progress assessment of targets (PRODUCT.md "Progress assessment"), pure Python.

``assess(spec, series, as_of=…)`` gives a target's status (achieved, on_track,
needs_acceleration, off_track, regressing, no_data, not_due) with R, the figures used, the rate
the remaining years need, the calculation step by step, one Vietnamese sentence and the
required path for the chart. ``tally``/``tally_rows`` count numbered items the way offices do.
No Django model is imported here: ``monitoring.progress`` builds the inputs from the database.
"""

from __future__ import annotations

from trienkhai.monitoring.assessment.judge import assess
from trienkhai.monitoring.assessment.tally import (
    SEVERITY,
    TALLY_WORDS,
    Tally,
    item_of,
    item_status,
    tally,
    tally_rows,
)
from trienkhai.monitoring.assessment.types import (
    DEFAULT_TOLERANCE,
    ON_TRACK_THRESHOLD,
    SLOW_THRESHOLD,
    STATUS_CSS,
    STATUS_LABELS,
    STATUS_ORDER,
    Assessment,
    Point,
    Status,
    StretchResult,
    TargetSpec,
    is_yearly,
)

__all__ = [
    "DEFAULT_TOLERANCE",
    "ON_TRACK_THRESHOLD",
    "SEVERITY",
    "SLOW_THRESHOLD",
    "STATUS_CSS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "TALLY_WORDS",
    "Assessment",
    "Point",
    "Status",
    "StretchResult",
    "Tally",
    "TargetSpec",
    "assess",
    "is_yearly",
    "item_of",
    "item_status",
    "tally",
    "tally_rows",
]
