"""The counts an inspection's row shows, on the list page and in its XLSX: findings,
corrective actions, those verified and those overdue on a day.

Each is a correlated subquery on the inspection, so a page of inspections is one query
whatever the number of findings, and the page and the export count the same way.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from trienkhai.inspections.models import ActionState, CorrectiveAction, Finding, Inspection

__all__ = ["annotate_counts"]


def _count(qs: QuerySet[Finding] | QuerySet[CorrectiveAction], link: str) -> Coalesce:
    """COUNT of ``qs`` rows whose ``link`` is the outer inspection; 0 when there are none."""
    counted = (
        qs.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def annotate_counts(qs: QuerySet[Inspection], today: date) -> QuerySet[Inspection]:
    """``qs`` with ``finding_count``, ``action_count``, ``verified_count`` and
    ``overdue_count`` (not verified and due before ``today``: what the slow-unit list counts)."""
    link = "finding__inspection"
    actions = CorrectiveAction.objects.all()
    return qs.annotate(
        finding_count=_count(Finding.objects.all(), "inspection"),
        action_count=_count(actions, link),
        verified_count=_count(actions.filter(state=ActionState.VERIFIED), link),
        overdue_count=_count(actions.overdue_on(today), link),
    )
