"""The REST API (PRODUCT.md "Contracts"): /api/v1/, bearer tokens, scoped reads, and the
review steps of reports (`reporting.py`, its own router).

Mounted by `config/urls.py` as `path("api/v1/", api.urls)`. The interactive docs page is
off: django-ninja's Swagger UI loads from a CDN, which the CSP forbids; the OpenAPI
document itself is served at /api/v1/openapi.json.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from pydantic import create_model

from trienkhai.accounts.models import User
from trienkhai.api.auth import BearerAuth, request_user, token_issue
from trienkhai.api.emulation import router as emulation_router
from trienkhai.api.inspections import router as inspections_router
from trienkhai.api.reporting import router as reporting_router
from trienkhai.api.resources import DEFAULT_LIMIT, NOT_FOUND, RESOURCES, Resource, page_of
from trienkhai.api.schemas import ErrorOut, TokenIn, TokenOut

UNAUTHORIZED = _("Chưa xác thực: cần mã truy cập hợp lệ (Authorization: Bearer …).")
BAD_CREDENTIALS = _("Tên đăng nhập hoặc mật khẩu không đúng.")
LOCKED_OUT = _("Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.")
MUST_CHANGE = _("Tài khoản phải đổi mật khẩu trên trang web trước khi dùng API.")

api = NinjaAPI(
    title="Triển Khai API",
    version="1",
    description="API của Triển Khai: đọc đơn vị, kế hoạch, chỉ tiêu, số liệu, nhiệm vụ, "
    "buổi học tập, tin bài, báo cáo định kỳ, đơn vị chậm triển khai, điểm thực hiện Kế hoạch; "
    "gửi, trả lại, duyệt, mở lại báo cáo. Mỗi người "
    "dùng chỉ đọc được dữ liệu trong phạm vi của mình.",
    auth=BearerAuth(),
    urls_namespace="api-v1",
    docs_url=None,
)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = api.create_response(request, {"detail": str(UNAUTHORIZED)}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 401: ErrorOut, 403: ErrorOut, 429: ErrorOut},
    summary="Lấy mã truy cập (token)",
    operation_id="auth_token",
)
def auth_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, str]]:
    # Through authenticate() so django-axes counts failures and refuses a locked account.
    user = authenticate(request=request, username=payload.username, password=payload.password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            # Axes' middleware would swap this for its HTML page; an API client wants JSON.
            # The lockout itself is already enforced: authenticate() refused the login.
            request.axes_locked_out = False  # type: ignore[attr-defined]
            return Status(429, {"detail": str(LOCKED_OUT)})
        return Status(401, {"detail": str(BAD_CREDENTIALS)})
    assert isinstance(user, User)  # the AUTH_USER_MODEL
    if user.must_change_password:
        return Status(403, {"detail": str(MUST_CHANGE)})
    return Status(200, {"token": token_issue(user)})


def _page_schema(resource: Resource) -> type[Schema]:
    name = resource.schema.__name__.removesuffix("Out") + "List"
    items: Any = list[resource.schema]  # type: ignore[name-defined]
    model: type[Schema] = create_model(name, __base__=Schema, items=(items, ...), count=(int, ...))
    return model


def _register(resource: Resource) -> None:
    slug = resource.name.replace("-", "_")

    # The views hand model instances over; the response schema makes the rows from them.
    def list_view(
        request: HttpRequest, limit: int = DEFAULT_LIMIT, offset: int = 0
    ) -> dict[str, Any]:
        return page_of(resource.queryset(request_user(request)), limit, offset)

    def detail_view(request: HttpRequest, obj_id: int) -> Model:
        # Outside the read scope looks exactly like missing: the same 404.
        obj = resource.queryset(request_user(request)).filter(pk=obj_id).first()
        if obj is None:
            raise HttpError(404, str(NOT_FOUND))
        return obj

    api.get(
        f"/{resource.name}",
        response={200: _page_schema(resource), 401: ErrorOut},
        summary=f"{resource.title}: danh sách",
        operation_id=f"{slug}_list",
        tags=[resource.name],
    )(list_view)
    api.get(
        f"/{resource.name}/{{int:obj_id}}",
        response={200: resource.schema, 401: ErrorOut, 404: ErrorOut},
        summary=f"{resource.title}: chi tiết",
        operation_id=f"{slug}_detail",
        tags=[resource.name],
    )(detail_view)


for _resource in RESOURCES:
    _register(_resource)

# The reporting API: report requests (filters, submit / return / accept / reopen) and rates.
api.add_router("", reporting_router)
# The slow-unit list of a subtree, with each unit's reasons.
api.add_router("", inspections_router)
# The plan scorecards of a subtree, year by year.
api.add_router("", emulation_router)
