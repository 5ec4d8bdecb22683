"""The API's resources: each is the UI's scoped queryset and the schema of its rows.

Scoping reuses the models' `visible_to` so the API never reads more than the pages do:
another unit's object is absent from lists and a 404 in detail, like a missing one.
Every queryset joins or prefetches what its rows print, so a page of 500 costs the same
number of queries as a page of 5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import scope_for, widest_path
from trienkhai.api import schemas
from trienkhai.dissemination.models import StudySession
from trienkhai.media.models import MediaItem
from trienkhai.monitoring.models import Observation
from trienkhai.orgs.models import STEPLEN, OrgUnit
from trienkhai.plans.models import Plan, Target
from trienkhai.tasks.models import Task

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

NOT_FOUND = _("Không tìm thấy đối tượng.")


def page_of(queryset: QuerySet[Any], limit: int, offset: int) -> dict[str, Any]:
    """`{"items", "count"}`: one page of a list (limit kept within 1…500) and the total."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return {"items": list(queryset[offset : offset + limit]), "count": queryset.count()}


@dataclass(frozen=True)
class Resource:
    name: str  # the URL segment: /api/v1/<name>
    title: str  # Vietnamese summary in the OpenAPI document
    schema: type[Schema]  # the row: validated from each object of the queryset
    queryset: Callable[[User], QuerySet[Any]]


def _org_units(user: User) -> QuerySet[OrgUnit]:
    # The parent is the unit whose path is this path minus one step (treebeard's layout).
    parent = OrgUnit.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEPLEN)
    ).values("pk")[:1]
    return OrgUnit.objects.visible_to(user).annotate(parent_id=Subquery(parent)).order_by("path")


def _plans(user: User) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user).order_by("pk")


def _targets(user: User) -> QuerySet[Target]:
    return Target.objects.visible_to(user).order_by("pk")


def _observations(user: User) -> QuerySet[Observation]:
    # Every stored figure, provisional and official alike: `status` tells them apart.
    return Observation.objects.visible_to(user).order_by("pk")


def _tasks(user: User) -> QuerySet[Task]:
    return Task.objects.visible_to(user).prefetch_related("helpers").order_by("pk")


def _sessions(user: User) -> QuerySet[StudySession]:
    return StudySession.objects.visible_to(user).prefetch_related("attendance").order_by("pk")


def _media_items(user: User) -> QuerySet[MediaItem]:
    return (
        MediaItem.objects.visible_to(user)
        .annotate(channel_kind=F("channel__kind"), channel_name=F("channel__name"))
        .prefetch_related("targets", "solutions")
        .order_by("pk")
    )


RESOURCES: tuple[Resource, ...] = (
    Resource("org-units", "Đơn vị", schemas.OrgUnitOut, _org_units),
    Resource("plans", "Kế hoạch", schemas.PlanOut, _plans),
    Resource("targets", "Chỉ tiêu", schemas.TargetOut, _targets),
    Resource("observations", "Số liệu chỉ tiêu", schemas.ObservationOut, _observations),
    Resource("tasks", "Nhiệm vụ", schemas.TaskOut, _tasks),
    Resource("sessions", "Buổi học tập, quán triệt", schemas.SessionOut, _sessions),
    Resource("media-items", "Tin, bài", schemas.MediaItemOut, _media_items),
)
# `report-requests` has its own router (`api/reporting.py`): filters, the review steps, rates.


def asked_unit(user: User, code: str) -> OrgUnit | None:
    """The unit a list asks for (`?unit=CODE`) among the user's own subtrees, or the top of
    its widest one; None when the code is not among them (404)."""
    if code.strip():
        return OrgUnit.objects.in_own_subtrees(user).filter(code=code.strip()).first()
    paths = scope_for(user).subtree_paths
    return OrgUnit.objects.filter(path=widest_path(paths)).first() if paths else None
