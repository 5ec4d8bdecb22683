"""The unit's reports (phone first: a card per report, grouped by state) and the reviewer's
queue (submitted reports, the oldest first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, cap_paths
from trienkhai.reporting import selectors
from trienkhai.reporting.models import ReportRequest, RequestState

S = RequestState

# The order of the groups on "Báo cáo của đơn vị": what needs the unit's hand first.
GROUPS: tuple[tuple[str, Promise], ...] = (
    (S.RETURNED, _("Bị trả lại, cần sửa")),
    (S.NOT_STARTED, _("Chưa làm")),
    (S.DRAFT, _("Đang soạn")),
    (S.SUBMITTED, _("Đã gửi, chờ duyệt")),
    (S.ACCEPTED, _("Đã duyệt")),
)


@dataclass(frozen=True)
class Card:
    req: ReportRequest
    overdue: int  # days past the (extended) due date, 0 when not late or already sent
    days_left: int | None  # days to the due date of a report still to send

    @classmethod
    def of(cls, req: ReportRequest, today: date) -> Card:
        if req.state not in selectors.OPEN_STATES:
            return cls(req, 0, None)
        late = selectors.overdue_days(req, today)
        return cls(req, max(late, 0), None if late > 0 else -late)


@dataclass(frozen=True)
class Group:
    state: str
    label: Promise
    cards: list[Card]


@login_required
def mine(request: AuthenticatedRequest) -> HttpResponse:
    if not cap_paths(request.user, Cap.REPORTING_SUBMIT):
        raise PermissionDenied
    today = timezone.localdate()
    by_state: dict[str, list[Card]] = {state: [] for state, _label in GROUPS}
    for req in selectors.my_requests(user=request.user):
        by_state[req.state].append(Card.of(req, today))
    groups = [Group(state, label, by_state[state]) for state, label in GROUPS if by_state[state]]
    return render(
        request,
        "reporting/mine.html",
        {"title": _("Báo cáo của đơn vị"), "groups": groups, "today": today},
    )


@login_required
def review(request: AuthenticatedRequest) -> HttpResponse:
    if not cap_paths(request.user, Cap.REPORTING_REVIEW):
        raise PermissionDenied
    rows = list(selectors.review_queue(user=request.user))
    return render(
        request,
        "reporting/queue.html",
        {"title": _("Báo cáo chờ duyệt"), "rows": rows},
    )
