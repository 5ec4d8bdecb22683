"""The tasks demo tells one story: it passes the rules the pages enforce."""

from __future__ import annotations

import pytest
from django.utils import timezone

from trienkhai.core.demo import DemoContext
from trienkhai.tasks.models import TaskOccurrence


@pytest.mark.django_db
def test_demo_has_no_completion_before_assignment_nor_confirmation_before_report(
    seed: DemoContext,
) -> None:
    done = TaskOccurrence.objects.filter(completed_on__isnull=False).select_related("task")
    assert done.exists()
    today = timezone.localdate()
    for occ in done:
        assert occ.completed_on is not None
        assert occ.task.assigned_on <= occ.completed_on <= today, occ.pk
        if occ.confirmed_at is not None:
            assert timezone.localdate(occ.confirmed_at) >= occ.completed_on, occ.pk
    assert done.filter(confirmed_at__isnull=False).exists()
