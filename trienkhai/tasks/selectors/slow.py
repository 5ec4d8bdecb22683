"""Overdue tasks per unit, for the slow-unit list ("đơn vị chậm triển khai")."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Min
from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.tasks.models import TaskOccurrence
from trienkhai.tasks.status import Status, annotate_status


def overdue_by_unit(*, root: OrgUnit, today: date) -> dict[int, tuple[int, str]]:
    """Assignee unit pk → (occurrences overdue on `today`, the sentence saying so), for the
    units of `root`'s subtree: one grouped query, whatever the number of units.

    The status is the one the task list shows (`annotate_status`), so the count is exactly
    the length of the list filtered by the unit and "quá hạn"."""
    live = annotate_status(
        TaskOccurrence.objects.filter(subtree_q([root.path], "task__assignee")), today
    )
    rows = (
        live.filter(status=Status.OVERDUE)
        .order_by()
        .values("task__assignee")
        .annotate(n=Count("pk"), oldest=Min("due"))
    )
    return {
        row["task__assignee"]: (row["n"], _overdue_text(row["n"], (today - row["oldest"]).days))
        for row in rows
    }


def _overdue_text(count: int, days: int) -> str:
    return _("%(n)s nhiệm vụ quá hạn (lâu nhất %(days)s ngày)") % {
        "n": format_number(count),
        "days": format_number(days),
    }
