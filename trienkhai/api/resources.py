"""The API's resources: each is the UI's scoped queryset plus a flat JSON row.

Scoping reuses the models' `visible_to` so the API never reads more than the pages do:
another unit's object is absent from lists and a 404 in detail, like a missing one.
Every queryset joins or prefetches what its rows print, so a page of 500 costs the same
number of queries as a page of 5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from ninja import Schema

from trienkhai.api import schemas
from trienkhai.dissemination.models import StudySession
from trienkhai.media.models import MediaItem
from trienkhai.monitoring.models import Observation
from trienkhai.orgs.models import STEPLEN, OrgUnit
from trienkhai.plans.models import Plan, Target
from trienkhai.tasks.models import Task


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Resource:
    name: str  # the URL segment: /api/v1/<name>
    title: str  # Vietnamese summary in the OpenAPI document
    schema: type[Schema]
    queryset: Callable[[Any], QuerySet[Any]]
    row: Callable[[Any], dict[str, Any]]


# --- org-units -------------------------------------------------------------------------


def _org_units(user: Any) -> QuerySet[Any]:
    # The parent is the unit whose path is this path minus one step (treebeard's layout).
    parent = OrgUnit.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEPLEN)
    ).values("pk")[:1]
    return OrgUnit.objects.visible_to(user).annotate(parent_id=Subquery(parent)).order_by("path")


def _org_unit_row(unit: Any) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "org_unit": unit.pk,
        "parent": unit.parent_id,
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "depth": unit.depth,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successor": unit.successor_id,
    }


# --- plans, targets --------------------------------------------------------------------


def _plans(user: Any) -> QuerySet[Any]:
    return Plan.objects.visible_to(user).order_by("pk")


def _plan_row(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "org_unit": plan.org_unit_id,
        "programme": plan.programme_id,
        "doc_type": plan.doc_type,
        "symbol": plan.symbol,
        "number": plan.number,
        "reference": plan.reference,
        "superior": plan.superior,
        "issuer": plan.issuer,
        "place": plan.place,
        "date": plan.date,
        "date_partial": plan.date_partial,
        "title": plan.title,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
    }


def _targets(user: Any) -> QuerySet[Any]:
    return Target.objects.visible_to(user).order_by("pk")


def _target_row(target: Target) -> dict[str, Any]:
    return {
        "id": target.pk,
        "org_unit": target.org_unit_id,
        "plan": target.plan_id,
        "programme": target.programme_id,
        "parent": target.parent_id,
        "ref": target.ref,
        "label": target.label,
        "text": target.text,
        "kind": target.kind,
        "comparator": target.comparator,
        "value": number(target.value),
        "low": number(target.low),
        "high": number(target.high),
        "stretch": number(target.stretch),
        "measure_unit": target.measure_unit,
        "target_year": target.target_year,
        "base_year": target.base_year,
        "base_value": number(target.base_value),
        "direction": target.direction,
        "measure": target.measure,
        "scope": target.scope,
        "weight": number(target.weight),
    }


# --- observations ----------------------------------------------------------------------


def _observations(user: Any) -> QuerySet[Any]:
    # Every stored figure, provisional and official alike: `status` tells them apart.
    return Observation.objects.visible_to(user).order_by("pk")


def _observation_row(obs: Observation) -> dict[str, Any]:
    return {
        "id": obs.pk,
        "org_unit": obs.org_unit_id,
        "target": obs.target_id,
        "period": obs.period,
        "period_kind": obs.period_kind,
        "year": obs.year,
        "period_start": obs.period_start,
        "period_end": obs.period_end,
        "value": number(obs.value),
        "measure": obs.measure,
        "status": obs.status,
        "source": obs.source,
        "entered_at": obs.entered_at,
    }


# --- tasks -----------------------------------------------------------------------------


def _tasks(user: Any) -> QuerySet[Any]:
    return Task.objects.visible_to(user).prefetch_related("helpers").order_by("pk")


def _task_row(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        # A task belongs to the unit that carries it out (đơn vị chủ trì).
        "org_unit": task.assignee_id,
        "plan": task.plan_id,
        "duty": task.duty_id,
        "solution": task.solution_id,
        "section": task.section,
        "body": task.body,
        "text": task.text,
        "helpers": sorted(unit.pk for unit in task.helpers.all()),
        "recurrence": task.recurrence,
        "due": task.due,
        "assigned_on": task.assigned_on,
        "ends_on": task.ends_on,
        "deliverable": task.deliverable,
        "is_unit_plan": task.is_unit_plan,
    }


# --- sessions --------------------------------------------------------------------------


def _sessions(user: Any) -> QuerySet[Any]:
    return StudySession.objects.visible_to(user).prefetch_related("attendance").order_by("pk")


def _session_row(session: StudySession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "org_unit": session.org_unit_id,
        "plan": session.plan_id,
        "date": session.date,
        "kind": session.kind,
        "form": session.form,
        "place": session.place,
        "essays": session.essays,
        "attendance": [
            {"group": row.group, "count": row.count}
            for row in sorted(session.attendance.all(), key=lambda row: row.group)
        ],
    }


# --- media-items -----------------------------------------------------------------------


def _media_items(user: Any) -> QuerySet[Any]:
    return (
        MediaItem.objects.visible_to(user)
        .annotate(channel_kind=F("channel__kind"), channel_name=F("channel__name"))
        .prefetch_related("targets", "solutions")
        .order_by("pk")
    )


def _media_item_row(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "org_unit": item.org_unit_id,
        "date": item.date,
        "iso_year": item.iso_year,
        "iso_week": item.iso_week,
        "channel": item.channel_id,
        "channel_kind": item.channel_kind,
        "channel_name": item.channel_name,
        "kind": item.kind,
        "title": item.title,
        "link": item.link,
        "targets": sorted(t.pk for t in item.targets.all()),
        "solutions": sorted(s.pk for s in item.solutions.all()),
    }


# --- report-requests -------------------------------------------------------------------


def _report_requests(user: Any) -> QuerySet[Any]:
    # No reporting module yet: the resource exists (the contract names it) and is empty.
    return OrgUnit.objects.none()


def _report_request_row(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "org_unit": obj.org_unit_id}


RESOURCES: tuple[Resource, ...] = (
    Resource("org-units", "Đơn vị", schemas.OrgUnitOut, _org_units, _org_unit_row),
    Resource("plans", "Kế hoạch", schemas.PlanOut, _plans, _plan_row),
    Resource("targets", "Chỉ tiêu", schemas.TargetOut, _targets, _target_row),
    Resource(
        "observations",
        "Số liệu chỉ tiêu",
        schemas.ObservationOut,
        _observations,
        _observation_row,
    ),
    Resource("tasks", "Nhiệm vụ", schemas.TaskOut, _tasks, _task_row),
    Resource("sessions", "Buổi học tập, quán triệt", schemas.SessionOut, _sessions, _session_row),
    Resource("media-items", "Tin, bài", schemas.MediaItemOut, _media_items, _media_item_row),
    Resource(
        "report-requests",
        "Yêu cầu báo cáo (chưa có dữ liệu)",
        schemas.ReportRequestOut,
        _report_requests,
        _report_request_row,
    ),
)
