"""Tasks done on time per unit over a year's window, for the plan scorecard (emulation)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.tasks.models import TaskOccurrence
from trienkhai.tasks.status import ON_AXES, Status, annotate_status


def on_time_by_unit(*, root: OrgUnit, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Assignee unit pk → (occurrences done on time, occurrences counted) for the units of
    `root`'s subtree (root included): one grouped query, whatever the number of units.

    Counted: the occurrences due in [start, end], as the task list shows them on `end`
    (`annotate_status`): "thường xuyên" has no due date and "không phát sinh" is off the two
    axes, so neither counts. Good: "hoàn thành đúng hạn" on `end`."""
    live = annotate_status(
        TaskOccurrence.objects.filter(
            subtree_q([root.path], "task__assignee"), due__gte=start, due__lte=end
        ),
        end,
    )
    rows = (
        live.filter(status__in=ON_AXES)
        .order_by()
        .values("task__assignee")
        .annotate(n=Count("pk"), good=Count("pk", filter=Q(status=Status.DONE_ON_TIME)))
    )
    return {row["task__assignee"]: (row["good"], row["n"]) for row in rows}
