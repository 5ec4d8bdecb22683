"""Reads on tasks, always within the reader's scope; statuses and counts in the database.

The task list, the matrix, the totals and the board all start from `occurrences(...)`: the
same scoped, status-annotated queryset, filtered by the same `status_filter`, so a count on
the matrix is exactly the length of the list it links to.
"""

from trienkhai.tasks.selectors.lists import (
    NO_SECTION,
    URGENCY,
    TaskFilters,
    assignable_plans,
    counts,
    filter_units,
    occurrence_get,
    occurrence_rows,
    occurrences,
    plans_with_tasks,
    sections,
    task_get,
)
from trienkhai.tasks.selectors.overview import (
    Board,
    BoardRow,
    Matrix,
    MatrixColumn,
    MatrixRow,
    UnitPlanProgress,
    matrix,
    unit_counts,
    unit_plan_board,
    unit_plan_progress,
)
from trienkhai.tasks.selectors.scores import on_time_by_unit
from trienkhai.tasks.selectors.slow import overdue_by_unit
from trienkhai.tasks.selectors.task import (
    OccurrenceView,
    TimelineEntry,
    files_for,
    task_occurrences,
    timeline,
)
from trienkhai.tasks.status import Status as Status
from trienkhai.tasks.status import StatusInfo as StatusInfo
from trienkhai.tasks.status import classify as classify

__all__ = [
    "NO_SECTION",
    "URGENCY",
    "Board",
    "BoardRow",
    "Matrix",
    "MatrixColumn",
    "MatrixRow",
    "OccurrenceView",
    "TaskFilters",
    "TimelineEntry",
    "UnitPlanProgress",
    "assignable_plans",
    "counts",
    "files_for",
    "filter_units",
    "matrix",
    "occurrence_get",
    "occurrence_rows",
    "occurrences",
    "on_time_by_unit",
    "overdue_by_unit",
    "plans_with_tasks",
    "sections",
    "task_get",
    "task_occurrences",
    "timeline",
    "unit_counts",
    "unit_plan_board",
    "unit_plan_progress",
]
