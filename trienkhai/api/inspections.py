"""The slow-unit API (PRODUCT.md "Contract additions (2026-12)"): `GET /api/v1/slow-units`,
the units of a subtree that are behind, each with its reasons (`inspections.slow`).

Only the user's own subtrees are read: the list of a commune tells which chi bộ are behind,
which a chi bộ reporter does not read of its neighbours. Another code is a 404, like a
missing one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from trienkhai.api.auth import request_user
from trienkhai.api.resources import DEFAULT_LIMIT, MAX_LIMIT, NOT_FOUND, asked_unit
from trienkhai.api.schemas import ErrorOut
from trienkhai.inspections.slow import SlowUnit, slow_units

router = Router(tags=["slow-units"])


class ReasonOut(Schema):
    kind: str
    count: int
    text: str


class SlowUnitOut(Schema):
    org_unit: int
    unit_code: str
    name: str
    reasons: list[ReasonOut]


class SlowUnitList(Schema):
    items: list[SlowUnitOut]
    count: int


def _row(row: SlowUnit) -> dict[str, Any]:
    return {
        "org_unit": row.unit.pk,
        "unit_code": row.unit.code,
        "name": row.unit.name,
        "reasons": [{"kind": r.kind, "count": r.count, "text": r.text} for r in row.reasons],
    }


@router.get(
    "/slow-units",
    response={200: SlowUnitList, 401: ErrorOut, 404: ErrorOut},
    summary="Đơn vị chậm triển khai",
    operation_id="slow_units_list",
)
def slow_units_list(
    request: HttpRequest, unit: str = "", limit: int = DEFAULT_LIMIT, offset: int = 0
) -> Status[Any] | dict[str, Any]:
    """Các đơn vị của `unit` (mã đơn vị; mặc định đơn vị cao nhất của người dùng) và các đơn
    vị trực thuộc đang chậm triển khai, theo thứ tự cây, mỗi đơn vị với mọi lý do: nhiệm vụ
    quá hạn, báo cáo chậm nộp, quán triệt chưa đạt, tuyên truyền chưa đủ, khắc phục quá hạn."""
    user = request_user(request)
    root = asked_unit(user, unit)
    if root is None:
        if unit.strip():
            return Status(404, {"detail": str(NOT_FOUND)})
        return {"items": [], "count": 0}
    rows = slow_units(root=root, today=timezone.localdate())
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return {"items": [_row(r) for r in rows[offset : offset + limit]], "count": len(rows)}
