"""What the API returns: one schema per resource, read straight off the model instance.

Each schema is both the row (the response is validated from the object, `from_attributes`)
and its OpenAPI description. A field named as in the model needs nothing more; a foreign key
is read from its `<name>_id` column (`Field(validation_alias=…)`), and a computed field from a
`resolve_<field>` method (django-ninja's resolvers). The querysets in `resources` join or
prefetch whatever these read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from operator import attrgetter
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator

from trienkhai.dissemination.models import SessionAttendance, StudySession
from trienkhai.media.models import MediaItem
from trienkhai.tasks.models import Task


def json_number(value: Any) -> Any:
    """Decimal figures leave as JSON numbers: an int when integral, else a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


Number = Annotated[int | float, BeforeValidator(json_number)]


def _ids(objects: Iterable[Any]) -> list[int]:
    """The ids of a many-to-many (prefetched), in order."""
    return sorted(obj.pk for obj in objects)


def _fk(name: str) -> Any:
    """A foreign key, printed as the id it stores."""
    return Field(validation_alias=f"{name}_id")


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class ErrorOut(Schema):
    detail: str


class OwnedOut(Schema):
    """Every row says which unit it belongs to (PRODUCT.md): the API's scope is by unit."""

    id: int
    org_unit: int = _fk("org_unit")


class OrgUnitOut(OwnedOut):
    # A unit is its own owning unit.
    org_unit: int = Field(validation_alias="pk")
    parent: int | None = _fk("parent")  # annotated by the queryset
    code: str
    name: str
    short_name: str
    kind: str
    depth: int
    valid_from: date | None
    valid_to: date | None
    successor: int | None = _fk("successor")


class PlanOut(OwnedOut):
    programme: int | None = _fk("programme")
    doc_type: str
    symbol: str
    number: int | None
    reference: str
    superior: str
    issuer: str
    place: str
    date: date | None
    date_partial: str
    title: str
    start_year: int | None
    end_year: int | None


class TargetOut(OwnedOut):
    plan: int | None = _fk("plan")
    programme: int | None = _fk("programme")
    parent: int | None = _fk("parent")
    ref: str
    label: str
    text: str
    kind: str
    comparator: str
    value: Number | None
    low: Number | None
    high: Number | None
    stretch: Number | None
    measure_unit: str
    target_year: int | None
    base_year: int | None
    base_value: Number | None
    direction: str
    measure: str
    scope: str
    weight: Number


class ObservationOut(OwnedOut):
    target: int = _fk("target")
    period: str
    period_kind: str
    year: int
    period_start: date
    period_end: date
    value: Number
    measure: str
    status: str
    source: str
    entered_at: datetime


class TaskOut(OwnedOut):
    # A task belongs to the unit that carries it out (đơn vị chủ trì).
    org_unit: int = _fk("assignee")
    plan: int = _fk("plan")
    duty: int | None = _fk("duty")
    solution: int | None = _fk("solution")
    section: str
    body: str
    text: str
    helpers: list[int]
    recurrence: str
    due: date | None
    assigned_on: date
    ends_on: date | None
    deliverable: str
    is_unit_plan: bool

    @staticmethod
    def resolve_helpers(task: Task) -> list[int]:
        return _ids(task.helpers.all())


class AttendanceOut(Schema):
    group: str
    count: int


class SessionOut(OwnedOut):
    plan: int = _fk("plan")
    date: date
    kind: str
    form: str
    place: str
    essays: int
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_attendance(session: StudySession) -> list[SessionAttendance]:
        return sorted(session.attendance.all(), key=attrgetter("group"))


class MediaItemOut(OwnedOut):
    date: date
    iso_year: int
    iso_week: int
    channel: int = _fk("channel")
    channel_kind: str  # annotated by the queryset, like the name
    channel_name: str
    kind: str
    title: str
    link: str
    targets: list[int]
    solutions: list[int]

    @staticmethod
    def resolve_targets(item: MediaItem) -> list[int]:
        return _ids(item.targets.all())

    @staticmethod
    def resolve_solutions(item: MediaItem) -> list[int]:
        return _ids(item.solutions.all())
