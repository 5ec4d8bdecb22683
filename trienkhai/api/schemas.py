"""What the API returns: one schema per resource (these also make the OpenAPI document)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

# Decimal figures leave as JSON numbers: an int when integral, else a float.
Number = int | float


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class ErrorOut(Schema):
    detail: str


class OrgUnitOut(Schema):
    id: int
    org_unit: int
    parent: int | None
    code: str
    name: str
    short_name: str
    kind: str
    depth: int
    valid_from: date | None
    valid_to: date | None
    successor: int | None


class PlanOut(Schema):
    id: int
    org_unit: int
    programme: int | None
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


class TargetOut(Schema):
    id: int
    org_unit: int
    plan: int | None
    programme: int | None
    parent: int | None
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


class ObservationOut(Schema):
    id: int
    org_unit: int
    target: int
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


class TaskOut(Schema):
    id: int
    org_unit: int
    plan: int
    duty: int | None
    solution: int | None
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


class AttendanceOut(Schema):
    group: str
    count: int


class SessionOut(Schema):
    id: int
    org_unit: int
    plan: int
    date: date
    kind: str
    form: str
    place: str
    essays: int
    attendance: list[AttendanceOut]


class MediaItemOut(Schema):
    id: int
    org_unit: int
    date: date
    iso_year: int
    iso_week: int
    channel: int
    channel_kind: str
    channel_name: str
    kind: str
    title: str
    link: str
    targets: list[int]
    solutions: list[int]


class ReportRequestOut(Schema):
    id: int
    org_unit: int
