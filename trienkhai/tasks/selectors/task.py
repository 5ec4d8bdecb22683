"""One task: its occurrences with their status, its timeline and evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Prefetch,
    QuerySet,
)

from trienkhai.core.models import StoredFile
from trienkhai.tasks.models import Task, TaskOccurrence, TaskUpdate
from trienkhai.tasks.status import (
    StatusInfo,
    classify,
)

# --- one task --------------------------------------------------------------------------------


def files_for(updates: Iterable[TaskUpdate] | QuerySet[TaskUpdate]) -> dict[int, list[StoredFile]]:
    """Evidence files of the given updates, in one query."""
    ids = [str(u.pk) for u in updates]
    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(TaskUpdate)
    out: dict[int, list[StoredFile]] = defaultdict(list)
    for stored in StoredFile.objects.filter(owner_type=content_type, owner_id__in=ids).order_by(
        "created_at"
    ):
        out[int(stored.owner_id)].append(stored)
    return out


@dataclass
class OccurrenceView:
    occurrence: TaskOccurrence
    info: StatusInfo | None  # None before the period starts


@dataclass
class TimelineEntry:
    update: TaskUpdate
    files: list[StoredFile]


def task_occurrences(*, task: Task, ref: date) -> list[OccurrenceView]:
    """Each occurrence of one task with its status (bounded by one task's periods)."""
    items = list(
        task.occurrences.select_related("completed_by", "confirmed_by").prefetch_related(
            Prefetch(
                "updates",
                queryset=TaskUpdate.objects.filter(
                    kind__in=(TaskUpdate.Kind.PROGRESS, TaskUpdate.Kind.COMPLETION)
                ).only("pk", "occurrence_id", "date"),
                to_attr="progress_updates",
            )
        )
    )
    out: list[OccurrenceView] = []
    for o in items:
        live = o.starts_on <= ref and task.assigned_on <= ref
        info = (
            classify(
                ref=ref,
                due=o.due,
                completed_on=o.completed_on,
                not_applicable_on=o.not_applicable_on,
                has_progress=any(u.date <= ref for u in o.progress_updates),  # type: ignore[attr-defined]
            )
            if live
            else None
        )
        out.append(OccurrenceView(o, info))
    return out


def timeline(*, task: Task) -> list[TimelineEntry]:
    updates = list(
        task.updates.select_related("created_by", "occurrence").order_by("created_at", "pk")
    )
    files = files_for(updates)
    return [TimelineEntry(u, files.get(u.pk, [])) for u in updates]
