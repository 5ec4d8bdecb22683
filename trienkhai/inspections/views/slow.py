"""The slow-unit list ("đơn vị chậm triển khai") of a subtree, with its reasons; from it the
office ticks units and opens an inspection of them, or nudges one unit (đôn đốc)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import (
    AuthenticatedRequest,
    Cap,
    cap_paths,
    page_unit,
    signed_in,
)
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.inspections import exports, slow
from trienkhai.orgs.models import OrgUnit
from trienkhai.reminders.services import unit_nudge

KIND = "ly_do"


class SlowList(ListPage[dict[str, Any]]):
    template = "inspections/slow.html"
    print_template = "inspections/slow_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        kind = PageQuery.of(request).get(KIND)
        return {
            "root": page_unit(signed_in(request)),
            "kind": kind if kind in slow.KINDS else "",
            "today": PageQuery.of(request).day_or_today(),
        }

    def rows(self, request: HttpRequest, state: dict[str, Any]) -> Any:
        kinds = (state["kind"],) if state["kind"] else None
        return slow.slow_units(root=state["root"], today=state["today"], kinds=kinds)

    def title(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return _("Đơn vị chậm triển khai")

    def context(self, request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
        user = signed_in(request).user
        return {
            **state,
            "kinds": list(slow.KIND_LABELS.items()),
            "can_act": bool(cap_paths(user, Cap.INSPECTIONS_MANAGE)),
        }

    def workbook(self, request: HttpRequest, state: dict[str, Any], rows: list[Any]) -> bytes:
        heading = f"{self.title(request, state)} — {state['root'].name}"
        return exports.slow_workbook(rows, heading=heading, today=state["today"])

    def filename(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return f"Don vi cham trien khai {state['root'].code} {state['today']:%d-%m-%Y}.xlsx"


SLOW = SlowList()


@login_required
@require_POST
def nudge(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Nudge one unit of the list; the text is shown for the office to paste into Zalo."""
    unit = get_object_or_404(OrgUnit.objects.in_own_subtrees(request.user), code=code)
    today = timezone.localdate()
    found = slow.slow_units(root=unit, today=today)
    own = next((row for row in found if row.unit.pk == unit.pk), None)
    if own is None:
        messages.info(request, _("%(unit)s hiện không chậm triển khai.") % {"unit": unit.name})
        return redirect(_back(request))
    what = "; ".join(r.text for r in own.reasons)
    url = reverse("inspections:unit") + f"?don_vi={unit.code}"
    done = unit_nudge(actor=request.user, unit=unit, what=what, url=url)
    if done.again:
        messages.info(
            request,
            _("Hôm nay đã đôn đốc %(unit)s; tin không gửi lại. Nội dung để gửi Zalo: %(text)s")
            % {"unit": unit.name, "text": done.text},
        )
    else:
        messages.success(
            request,
            _(
                "Đã đôn đốc %(unit)s (%(n)s người nhận trong ứng dụng). "
                "Nội dung để gửi Zalo: %(text)s"
            )
            % {"unit": unit.name, "n": done.notified, "text": done.text},
        )
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    back = request.POST.get("tiep", "")
    return back if back.startswith("/kiem-tra/") else reverse("inspections:slow")
