"""The reporting API (PRODUCT.md "Contract additions (2026-12)", "Reporting API"): the report
requests a user reads, the four review steps on one of them, and the rates of a subtree.

Reads are the pages' own: `ReportRequest.objects.visible_to(user)` and
`reporting.selectors.request_get`, so another unit's report is a 404 like a missing one.
Every step goes through `reporting.services`, like the pages, so the API checks the same
rights, the same version and the same rules and leaves the same timeline and audit entries.
Every refusal has one shape, `{"detail", "code", "fields"}`, with a Vietnamese `detail`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from trienkhai.accounts.models import User
from trienkhai.api.auth import request_user
from trienkhai.api.resources import DEFAULT_LIMIT, NOT_FOUND, page_of
from trienkhai.api.schemas import ErrorOut, OwnedOut
from trienkhai.core.errors import DomainError
from trienkhai.core.periods import PeriodError, parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.reporting import selectors, services
from trienkhai.reporting.content import FiguresRefused
from trienkhai.reporting.models import ReportRequest, ReportRequestQuerySet, RequestState
from trienkhai.reporting.rates import rates_of
from trienkhai.reporting.services import StaleRequest

router = Router(tags=["report-requests"])

Reply = Status[Any] | ReportRequest

# --- schemas -------------------------------------------------------------------------------------


class ReportRequestOut(OwnedOut):
    unit_code: str = Field(validation_alias="org_unit.code")
    schedule: int = Field(validation_alias="schedule_id")
    period: str
    state: str
    due: date = Field(validation_alias="effective_due")  # the extension, when granted
    version: int
    submitted_at: datetime | None
    accepted_at: datetime | None
    returns: int


class ReportRequestDetailOut(ReportRequestOut):
    narrative: str
    fields: dict[str, Any]
    notes: dict[str, str]
    sections: dict[str, str]


class ReportRequestList(Schema):
    items: list[ReportRequestOut]
    count: int


class ReportErrorOut(Schema):
    detail: str
    code: str
    fields: dict[str, str] = {}


class StaleOut(ReportErrorOut):
    version: int  # the request's version now: read it again, then send that one


class SubmitIn(Schema):
    version: int
    fields: dict[str, Any] | None = None
    notes: dict[str, str] | None = None
    narrative: str | None = None
    sections: dict[str, str] | None = None


class ReasonIn(Schema):
    version: int
    # Optional here so that a missing reason is the service's refusal, under fields.reason.
    reason: str = ""


class VersionIn(Schema):
    version: int


class RatesOut(Schema):
    expected: int
    submitted: int
    accepted: int
    on_time: int
    completeness: float
    timeliness: float


ERRORS: dict[int, Any] = {401: ErrorOut, 404: ReportErrorOut, 422: ReportErrorOut}
STEP_ERRORS: dict[int, Any] = {**ERRORS, 403: ReportErrorOut, 409: StaleOut}

# --- helpers -------------------------------------------------------------------------------------


def _error(
    status: int, message: str, code: str, *, field: str | None = None, **extra: Any
) -> Status[dict[str, Any]]:
    fields = {field: message} if field else {}
    return Status(status, {"detail": message, "code": code, "fields": fields, **extra})


def _not_found() -> Status[dict[str, Any]]:
    return _error(404, str(NOT_FOUND), "not_found")


def _period(raw: str) -> str | Status[dict[str, Any]]:
    """The period's code (`2026-Q3`), or the 422 saying how to write one."""
    try:
        return parse_period(raw.strip()).code
    except PeriodError as exc:
        return _error(422, exc.message, exc.code or "period_format", field="period")


def _visible(user: User) -> ReportRequestQuerySet:
    return ReportRequest.objects.visible_to(user).select_related("org_unit")


def _step(
    request: HttpRequest, obj_id: int, act: Callable[[User, ReportRequest], ReportRequest]
) -> Reply:
    """Read the request in the user's scope, run one service step on it, answer the result."""
    user = request_user(request)
    try:
        report = selectors.request_get(user=user, pk=obj_id)
    except Http404:
        return _not_found()
    try:
        return act(user, report)
    except StaleRequest as exc:
        return _error(409, exc.message, "stale", version=exc.current.version)
    except FiguresRefused as exc:
        # Each figure's message under its key, as the page shows it under the figure.
        return Status(422, {"detail": exc.message, "code": exc.code, "fields": exc.errors})
    except DomainError as exc:  # StepRefused among them
        return _error(422, exc.message, exc.code or "invalid", field=exc.field)
    except PermissionDenied:
        return _error(
            403, _("Đồng chí không có quyền thực hiện bước này trên báo cáo này."), "forbidden"
        )


# --- report requests -----------------------------------------------------------------------------


@router.get(
    "/report-requests",
    response={200: ReportRequestList, **ERRORS},
    summary="Báo cáo của đơn vị: danh sách",
    operation_id="report_requests_list",
)
def report_requests_list(
    request: HttpRequest,
    period: str = "",
    unit: str = "",
    state: str = "",
    schedule: int | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Status[Any] | dict[str, Any]:
    """Lọc theo kỳ (`period`), mã đơn vị (`unit`: đơn vị đó và các đơn vị trực thuộc),
    tình trạng (`state`) và lịch báo cáo (`schedule`)."""
    user = request_user(request)
    queryset = _visible(user)
    if period:
        code = _period(period)
        if isinstance(code, Status):
            return code
        queryset = queryset.filter(period=code)
    if state:
        if state not in RequestState.values:
            message = _("Tình trạng không hợp lệ: dùng một trong %(states)s.") % {
                "states": ", ".join(RequestState.values)
            }
            return _error(422, message, "invalid", field="state")
        queryset = queryset.filter(state=state)
    if schedule is not None:
        queryset = queryset.filter(schedule_id=schedule)
    if unit:
        root = OrgUnit.objects.visible_to(user).filter(code=unit.strip()).first()
        if root is None:
            return _not_found()
        queryset = queryset.in_subtree(root)
    return page_of(queryset.order_by("pk"), limit, offset)


@router.get(
    "/report-requests/{int:obj_id}",
    response={200: ReportRequestDetailOut, **ERRORS},
    summary="Báo cáo của đơn vị: chi tiết",
    operation_id="report_requests_detail",
)
def report_requests_detail(request: HttpRequest, obj_id: int) -> Reply:
    report = _visible(request_user(request)).filter(pk=obj_id).first()
    return _not_found() if report is None else report


@router.post(
    "/report-requests/{int:obj_id}/submit",
    response={200: ReportRequestDetailOut, **STEP_ERRORS},
    summary="Gửi báo cáo",
    operation_id="report_requests_submit",
)
def report_requests_submit(request: HttpRequest, obj_id: int, payload: SubmitIn) -> Reply:
    """Đơn vị gửi báo cáo (hoặc Văn phòng nhập thay); `fields`, `narrative` thay nội dung."""
    return _step(
        request,
        obj_id,
        lambda user, report: services.request_submit(
            actor=user,
            request=report,
            version=payload.version,
            fields=payload.fields,
            notes=payload.notes,
            narrative=payload.narrative,
            sections=payload.sections,
        ),
    )


@router.post(
    "/report-requests/{int:obj_id}/return",
    response={200: ReportRequestDetailOut, **STEP_ERRORS},
    summary="Trả lại báo cáo",
    operation_id="report_requests_return",
)
def report_requests_return(request: HttpRequest, obj_id: int, payload: ReasonIn) -> Reply:
    return _step(
        request,
        obj_id,
        lambda user, report: services.request_return(
            actor=user, request=report, version=payload.version, reason=payload.reason
        ),
    )


@router.post(
    "/report-requests/{int:obj_id}/accept",
    response={200: ReportRequestDetailOut, **STEP_ERRORS},
    summary="Duyệt báo cáo",
    operation_id="report_requests_accept",
)
def report_requests_accept(request: HttpRequest, obj_id: int, payload: VersionIn) -> Reply:
    return _step(
        request,
        obj_id,
        lambda user, report: services.request_accept(
            actor=user, request=report, version=payload.version
        ),
    )


@router.post(
    "/report-requests/{int:obj_id}/reopen",
    response={200: ReportRequestDetailOut, **STEP_ERRORS},
    summary="Mở lại báo cáo đã duyệt",
    operation_id="report_requests_reopen",
)
def report_requests_reopen(request: HttpRequest, obj_id: int, payload: ReasonIn) -> Reply:
    return _step(
        request,
        obj_id,
        lambda user, report: services.request_reopen(
            actor=user, request=report, version=payload.version, reason=payload.reason
        ),
    )


# --- rates ---------------------------------------------------------------------------------------


@router.get(
    "/report-rates",
    response={200: RatesOut, **ERRORS},
    summary="Tỷ lệ báo cáo đầy đủ, đúng hạn",
    operation_id="report_rates",
    tags=["report-rates"],
)
def report_rates(
    request: HttpRequest, unit: str = "", period: str = "", schedule: int | None = None
) -> Status[Any] | dict[str, Any]:
    """Đầy đủ = đã duyệt ÷ phải nộp; đúng hạn = gửi lần đầu trước hạn (kể cả gia hạn) ÷ phải
    nộp; trên cùng một tập (đơn vị, kỳ) của đơn vị `unit` và các đơn vị trực thuộc."""
    if not period.strip():
        return _error(
            422, _("Cần chọn kỳ báo cáo (period), ví dụ 2026-Q3."), "required", field="period"
        )
    code = _period(period)
    if isinstance(code, Status):
        return code
    if not unit.strip():
        return _error(422, _("Cần chọn đơn vị (unit): mã đơn vị."), "required", field="unit")
    # Only the user's own subtrees: a rate of the commune would tell a chi bộ of its siblings.
    root = OrgUnit.objects.in_own_subtrees(request_user(request)).filter(code=unit.strip()).first()
    if root is None:
        return _not_found()
    rates = rates_of(root, code, schedule)
    return {
        "expected": rates.expected,
        "submitted": rates.submitted,
        "accepted": rates.accepted,
        "on_time": rates.on_time,
        "completeness": float(rates.completeness),
        "timeliness": float(rates.timeliness),
    }
