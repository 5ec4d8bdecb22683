"""Who is late, the rates, a unit's history: the pages the office (and the leaders) read to
chase the units, each about a subtree of the reader's own (`?don_vi=`, the widest by
default) and a period (`?ky=`, every period by default).

The board is a `ListPage`: its page, print view and XLSX come from one `late_board` call, so
the three show the same rows; its query count does not depend on the number of units.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import (
    AuthenticatedRequest,
    Cap,
    cap_paths,
    page_unit,
    scope_for,
    signed_in,
)
from trienkhai.core.dates import format_date_short
from trienkhai.core.forms import tree_label
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.periods import PeriodFormatError, parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths
from trienkhai.reporting import exports, selectors
from trienkhai.reporting import rates as rates_

PERIOD = "ky"


# --- what a page is about: the subtree and the period -----------------------------------------


def _unit(request: AuthenticatedRequest) -> OrgUnit:
    """`?don_vi=` among the units of the user's own subtrees (else 404), or the top of its
    widest subtree."""
    return page_unit(request)


def _period(request: HttpRequest) -> str:
    """The period asked for, as its code; "" for every period (and for a code not readable)."""
    raw = PageQuery.of(request).get(PERIOD).strip()
    if not raw:
        return ""
    try:
        return parse_period(raw).code
    except PeriodFormatError:
        return ""


def _choices(user: User, root: OrgUnit) -> list[tuple[str, str]]:
    """Subtrees to choose from: the user's own tops and every unit with units under it (a
    chi bộ is reached by drilling down), so the list stays short with thousands of chi bộ."""
    tops = scope_for(user).subtree_paths
    units = list(
        OrgUnit.objects.in_own_subtrees(user)
        .filter(Q(numchild__gt=0) | Q(path__in=tops) | Q(pk=root.pk))
        .order_by("path")
    )
    top = min((u.depth for u in units), default=1)
    return [(u.code, tree_label(u, top)) for u in units]


@dataclass(frozen=True)
class Scope:
    """The subtree, the period and the day a page is about."""

    root: OrgUnit
    period: str
    today: date

    def heading(self, title: str) -> str:
        text = f"{title} — {self.root.name}"
        if self.period:
            text += f" — {exports.period_label(self.period)}"
        return text

    @property
    def subtitle(self) -> str:
        return _("Tính đến ngày %(day)s") % {"day": format_date_short(self.today)}


def _scope(request: HttpRequest) -> Scope:
    user_request = signed_in(request)
    return Scope(
        root=_unit(user_request),
        period=_period(request),
        today=PageQuery.of(request).day_or_today(),
    )


def _filters(request: HttpRequest, scope: Scope) -> dict[str, Any]:
    """What the filter bar of the board and the rates needs."""
    user = signed_in(request).user
    return {
        "root": scope.root,
        "period": scope.period,
        "today": scope.today,
        "unit_choices": _choices(user, scope.root),
        "periods": [
            (code, exports.period_label(code)) for code in selectors.periods_of(scope.root)
        ],
        "subtitle": scope.subtitle,
        "unit_name": scope.root.name,
        "is_office": bool(cap_paths(user, Cap.PLANS_EDIT)),
    }


# --- the late board ---------------------------------------------------------------------------


class LateBoard(ListPage[Scope]):
    template = "reporting/board.html"
    print_template = "reporting/board_print.html"
    max_rows = exports.MAX_ROWS

    def state(self, request: HttpRequest, **kwargs: Any) -> Scope:
        return _scope(request)

    def rows(self, request: HttpRequest, state: Scope) -> Any:
        return selectors.late_board(root=state.root, today=state.today, period=state.period or None)

    def title(self, request: HttpRequest, state: Scope) -> str:
        return _("Đơn vị chậm nộp báo cáo")

    def decorate(self, request: HttpRequest, state: Scope, rows: list[Any]) -> list[Any]:
        for row in rows:
            row.overdue = selectors.overdue_days(row, state.today)
        return rows

    def context(self, request: HttpRequest, state: Scope) -> dict[str, Any]:
        return _filters(request, state)

    def workbook(self, request: HttpRequest, state: Scope, rows: list[Any]) -> bytes:
        title = self.title(request, state)
        heading = f"{state.heading(title)} — {state.subtitle.lower()}"
        notes = [_("Có %(n)s báo cáo chậm nộp.") % {"n": len(rows)}]
        if len(rows) >= self.max_rows:
            notes.append(
                _("Chỉ xuất %(n)s dòng đầu: hãy chọn một kỳ để xem đủ.") % {"n": self.max_rows}
            )
        return exports.board_workbook(rows, title=title, heading=heading, notes=notes)

    def filename(self, request: HttpRequest, state: Scope) -> str:
        return f"Don vi cham nop bao cao {state.root.code} {state.today:%d-%m-%Y}.xlsx"


BOARD = LateBoard()


# --- the rates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BranchRow:
    unit: OrgUnit
    rates: rates_.Rates
    own: bool  # the root's own requests, not a branch under it


@login_required
def rates(request: AuthenticatedRequest) -> HttpResponse:
    """Completeness and timeliness of the subtree, then of each branch directly under it."""
    scope = _scope(request)
    root, period = scope.root, scope.period or None
    total = rates_.rates_of(root, period)
    branches = rates_.rates_by_branch(root, period)
    own = branches.pop(root.path, None)
    # Only the branches that have requests, a page at a time: a commune of thousands of
    # chi bộ costs the same few queries.
    page = PageQuery.of(request).paginate(sorted(branches), per_page=50)
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=list(page.object_list))}
    rows = [BranchRow(units[path], branches[path], False) for path in page.object_list]
    if own is not None and page.number == 1:
        rows.insert(0, BranchRow(root, own, True))
    trail = OrgUnit.objects.in_own_subtrees(request.user).filter(path__in=ancestor_paths(root.path))
    context = {
        "title": _("Tỉ lệ báo cáo"),
        "total": total,
        "rows": rows,
        "page": page,
        "trail": list(trail.order_by("path")),
        "query": PageQuery.of(request).urlencode(),
        **_filters(request, scope),
    }
    return render(request, "reporting/rates.html", context)


# --- a unit's history -------------------------------------------------------------------------


@login_required
def history(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Every report of one unit, the newest first, with its state and dates."""
    unit = get_object_or_404(OrgUnit.objects.in_own_subtrees(request.user), code=code)
    page = Paginator(selectors.unit_history(unit=unit), 50).get_page(PageQuery.of(request).page)
    context = {
        "title": _("Báo cáo của %(unit)s qua các kỳ") % {"unit": unit.name},
        "unit": unit,
        "page": page,
        "today": PageQuery.of(request).day_or_today(),
        "query": PageQuery.of(request).urlencode(),
    }
    return render(request, "reporting/history.html", context)
