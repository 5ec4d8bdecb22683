"""The scorecard API (issue 22): `GET /api/v1/scorecards`, the plan scorecards ("điểm thực hiện
Kế hoạch") of the units of a subtree, year by year (`emulation.selectors.scorecards_for`).

Only the user's own subtrees are read, as for the slow units: a commune's cards rank its chi
bộ against each other, which a chi bộ reporter does not read of its neighbours. Another code
is a 404, like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from trienkhai.api.auth import request_user
from trienkhai.api.resources import DEFAULT_LIMIT, NOT_FOUND, asked_unit, page_of
from trienkhai.api.schemas import ErrorOut, Number
from trienkhai.emulation.selectors import scorecards_for

router = Router(tags=["scorecards"])


class ScorecardOut(Schema):
    org_unit: int = Field(validation_alias="org_unit_id")
    unit_code: str = Field(validation_alias="org_unit.code")
    kind: str
    year: int = Field(validation_alias="round.year")
    score: Number
    # Null for the units that are not party organisations (UBND, MTTQ, mass organisations).
    band_suggested: str | None
    band_final: str | None
    rank_in_group: int
    frozen: bool = Field(validation_alias="round.signed")


class ScorecardList(Schema):
    items: list[ScorecardOut]
    count: int


@router.get(
    "/scorecards",
    response={200: ScorecardList, 401: ErrorOut, 404: ErrorOut},
    summary="Điểm thực hiện Kế hoạch của các đơn vị",
    operation_id="scorecards_list",
)
def scorecards_list(
    request: HttpRequest,
    unit: str = "",
    year: int | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Status[Any] | dict[str, Any]:
    """Điểm thực hiện Kế hoạch của `unit` (mã đơn vị; mặc định đơn vị cao nhất của người dùng)
    và các đơn vị trực thuộc, theo năm (`year`; mặc định mọi năm) rồi theo thứ tự cây: điểm,
    mức gợi ý và mức cuối cùng (chỉ với tổ chức đảng), thứ hạng trong nhóm, đã ký duyệt hay
    chưa."""
    user = request_user(request)
    root = asked_unit(user, unit)
    if root is None:
        if unit.strip():
            return Status(404, {"detail": str(NOT_FOUND)})
        return {"items": [], "count": 0}
    return page_of(scorecards_for(user=user, root=root, year=year), limit, offset)
