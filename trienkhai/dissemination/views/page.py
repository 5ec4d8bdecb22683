"""Which plan, which subtree and which day a quán triệt page is about.

Read from the query string through `core.pages.PageQuery` (``ke_hoach``, ``don_vi``),
then resolved inside the reader's scope by this app's selectors: `view_for` gives the
`View` every page of the module renders from. A function page gets it through `plan_page`,
a list (`core.listing.ListPage`) as its state through `PlanList`; without a plan in view,
both show the "no plan" page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any, Concatenate, ParamSpec
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest, signed_in
from trienkhai.core.forms import tree_label
from trienkhai.core.listing import Answered, ListPage
from trienkhai.core.pages import PLAN, PageQuery
from trienkhai.dissemination import coverage, selectors
from trienkhai.dissemination.rules import Threshold
from trienkhai.dissemination.selectors import GroupTotal
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, PlanDeadline


@dataclass
class View:
    """The plan, subtree and date every page of the module is about."""

    plan: Plan
    root: OrgUnit
    thresholds: list[Threshold]
    day: date
    today: date
    deadline: PlanDeadline | None
    choices: list[OrgUnit]
    plans: list[Plan]

    @property
    def days_left(self) -> int | None:
        return (self.deadline.due - self.today).days if self.deadline else None

    @property
    def choice_options(self) -> list[tuple[OrgUnit, str]]:
        """Subtrees to filter by, indented by depth so the list reads as a tree."""
        top = min((u.depth for u in self.choices), default=0)
        return [(u, tree_label(u, top)) for u in self.choices]

    # The board's readings of this plan, subtree and day, shared by its page, print and XLSX.

    def units(self, sort: str = "") -> QuerySet[OrgUnit]:
        return selectors.board_units(
            plan=self.plan, root=self.root, thresholds=self.thresholds, day=self.day, sort=sort
        )

    def totals(self) -> list[GroupTotal]:
        return selectors.group_totals(
            plan=self.plan, root=self.root, thresholds=self.thresholds, day=self.day
        )

    def parts(self) -> list[tuple[OrgUnit, list[GroupTotal]]]:
        return selectors.part_totals(
            plan=self.plan, root=self.root, thresholds=self.thresholds, day=self.day
        )

    def query(self, **extra: Any) -> str:
        params = {"ke_hoach": self.plan.pk, "don_vi": self.root.code, **extra}
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})

    def context(self) -> dict[str, Any]:
        return {
            "view": self,
            "plan": self.plan,
            "root": self.root,
            "thresholds": self.thresholds,
            "day": self.day,
            "deadline": self.deadline,
            "days_left": self.days_left,
            "days_overdue": -self.days_left if self.days_left is not None else None,
            "query": self.query(),
        }


def view_for(request: AuthenticatedRequest, plan: Plan | None = None) -> View | None:
    """The page's plan (from `ke_hoach`, or the given one) and subtree (from `don_vi`)."""
    query = PageQuery.of(request)
    code: str | None = query.unit_code
    if plan is None:
        # The raw value: a plan id that is not a number is a 404, not the newest plan.
        if query.get(PLAN) and not query.get(PLAN).isdigit():
            raise Http404
        plan = query.pick_plan(selectors.plans_with_thresholds(user=request.user))
        if plan is None:
            return None
    else:
        code = None
    root = selectors.subtree_root(user=request.user, plan=plan, code=code)
    today = timezone.localdate()
    day = coverage.evaluation_date(plan, today)
    return View(
        plan=plan,
        root=root,
        thresholds=coverage.thresholds_in(plan=plan, root=root, day=day),
        day=day,
        today=today,
        deadline=coverage.dissemination_deadline(plan),
        choices=list(selectors.subtree_choices(user=request.user, plan=plan)),
        plans=list(selectors.plans_with_thresholds(user=request.user)[:20]),
    )


def no_plan(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "dissemination/no_plan.html", {"title": _("Học tập, quán triệt")})


P = ParamSpec("P")


def plan_page(
    page: Callable[Concatenate[AuthenticatedRequest, View, P], HttpResponse],
) -> Callable[Concatenate[AuthenticatedRequest, P], HttpResponse]:
    """A page about the plan in view: it gets its `View`, or the user the "no plan" page."""

    @wraps(page)
    def with_view(request: AuthenticatedRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        view = view_for(request)
        if view is None:
            return no_plan(request)
        return page(request, view, *args, **kwargs)

    return with_view


class PlanList(ListPage[View]):
    """A list about the plan in view (the board, sessions, headcounts): its state is the
    `View`; without a plan, its page, print view and file are the "no plan" page."""

    def state(self, request: HttpRequest, **kwargs: Any) -> View:
        view = view_for(signed_in(request))
        if view is None:
            raise Answered(no_plan(signed_in(request)))
        return view
