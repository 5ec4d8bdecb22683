"""Reads on inspections, always within the reader's scope.

The body and the units above it read an inspection and all its findings; an inspected unit
reads the inspection once its decision is issued, and only its own findings and actions.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths, has_cap
from trienkhai.core.models import StoredFile
from trienkhai.inspections.models import (
    BODY_KINDS,
    ActionEvent,
    ActionState,
    CorrectiveAction,
    Finding,
    Inspection,
    InspectionState,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.plans.models import Plan
from trienkhai.tasks.selectors import StatusInfo, classify


def inspection_get(*, user: User, pk: int) -> Inspection:
    qs = Inspection.objects.visible_to(user).select_related(
        "org_unit", "plan", "decision", "conclusion_doc", "created_by"
    )
    return get_object_or_404(qs, pk=pk)


def inspections_for(
    *, user: User, root: OrgUnit | None = None, state: str = "", kind: str = ""
) -> QuerySet[Inspection]:
    """The inspections the user reads: those of the bodies in `root`'s subtree, and those
    inspecting a unit of it."""
    qs = Inspection.objects.visible_to(user)
    if root is not None:
        qs = qs.filter(
            Q(pk__in=Inspection.objects.in_subtree(root).values("pk"))
            | Q(
                pk__in=Inspection.units.through.objects.filter(
                    subtree_q([root.path], "orgunit")
                ).values("inspection_id")
            )
        )
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("org_unit", "plan", "decision", "conclusion_doc")
        .prefetch_related(Prefetch("units", queryset=OrgUnit.objects.order_by("path")))
        .order_by("-start", "-pk")
    )


def findings_of(*, user: User, inspection: Inspection) -> list[Finding]:
    """The findings the user reads, in tree order, with their actions (two queries)."""
    actions = CorrectiveAction.objects.order_by("due", "pk")
    return list(
        Finding.objects.visible_to(user)
        .filter(inspection=inspection)
        .select_related("org_unit")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("org_unit__path", "pk")
    )


def inspected_units(inspection: Inspection) -> list[OrgUnit]:
    return list(inspection.units.order_by("path"))


def action_get(*, user: User, pk: int) -> CorrectiveAction:
    qs = CorrectiveAction.objects.visible_to(user).select_related(
        "org_unit",
        "finding__inspection__org_unit",
        "finding__inspection__decision",
        "finding__inspection__conclusion_doc",
        "reported_by",
        "verified_by",
    )
    return get_object_or_404(qs, pk=pk)


def actions_for(
    *, user: User, root: OrgUnit, state: str = "", overdue_on: date | None = None
) -> QuerySet[CorrectiveAction]:
    """Corrective actions of `root`'s subtree the user reads (the unit's own view), the
    ones still to do first, then by date."""
    qs = CorrectiveAction.objects.visible_to(user).in_subtree(root)
    if state:
        qs = qs.filter(state=state)
    if overdue_on is not None:
        qs = qs.overdue_on(overdue_on)
    return qs.select_related(
        "org_unit",
        "verified_by",
        "finding__inspection__org_unit",
        "finding__inspection__conclusion_doc",
    ).order_by("state", "due", "org_unit__path", "pk")


def events_of(action: CorrectiveAction) -> QuerySet[ActionEvent]:
    return action.events.select_related("actor").order_by("at", "pk")


def evidence_of(action: CorrectiveAction) -> QuerySet[StoredFile]:
    owner = ContentType.objects.get_for_model(CorrectiveAction)
    return StoredFile.objects.filter(owner_type=owner, owner_id=str(action.pk)).order_by(
        "created_at"
    )


def bodies_for(*, user: User) -> QuerySet[OrgUnit]:
    """The bodies on whose behalf the user opens inspections."""
    paths = cap_paths(user, Cap.INSPECTIONS_MANAGE)
    return OrgUnit.objects.valid_on().filter(subtree_q(paths), kind__in=BODY_KINDS).order_by("path")


def inspectable_units(*, body: OrgUnit, day: date | None = None) -> QuerySet[OrgUnit]:
    """The units a body may inspect: those of its committee, below the committee, but for
    the body itself and the committee's other advisory bodies."""
    committee = OrgUnit.objects.get_parent(body)
    if committee is None:
        return OrgUnit.objects.none()
    return (
        OrgUnit.objects.valid_on(day)
        .in_subtree(committee)
        .exclude(pk=committee.pk)
        .exclude(
            kind__in=(*BODY_KINDS, OrgUnit.Kind.PARTY_OFFICE, OrgUnit.Kind.PARTY_BUILDING_BOARD)
        )
        .order_by("path")
    )


def inspection_plans(*, user: User) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user).order_by("-date", "-pk")


def can_manage(user: User, inspection: Inspection) -> bool:
    return has_cap(user, Cap.INSPECTIONS_MANAGE, inspection.org_unit)


def can_report(user: User, action: CorrectiveAction) -> bool:
    return action.state == ActionState.OPEN and has_cap(user, Cap.TASKS_UPDATE, action.org_unit)


def action_status(action: CorrectiveAction, today: date) -> StatusInfo:
    """The action on the task axes: done only once verified, on the unit's own date."""
    return classify(ref=today, due=action.due, completed_on=action.completed_on)


# --- the plan scorecard -----------------------------------------------------------------------


def resolved_by_unit(*, root: OrgUnit, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Unit pk → (corrective actions verified by `end`, corrective actions due in [start,
    end]) for the units of `root`'s subtree (root included), each counted for the unit that
    must make the correction: one grouped query, whatever the number of units.

    Verified by `end` on the body's own day (`verified_at`, local date): a correction the
    unit reported but the body has not verified yet is not resolved (as on the task axes)."""
    verified = Q(state=ActionState.VERIFIED, verified_at__date__lte=end)
    rows = (
        CorrectiveAction.objects.in_subtree(root)
        .filter(due__gte=start, due__lte=end)
        .order_by()
        .values("org_unit")
        .annotate(n=Count("pk"), good=Count("pk", filter=verified))
    )
    return {row["org_unit"]: (row["good"], row["n"]) for row in rows}


# The conclusion (thông báo kết luận) is issued: what was found is on the record.
CONCLUDED_STATES = (InspectionState.CONCLUDED, InspectionState.CLOSED)


def violations_by_unit(*, root: OrgUnit, start: date, end: date) -> dict[int, int]:
    """Unit pk → findings of severity "vi phạm" at that unit, of the inspections whose
    conclusion is issued and whose end date lies in [start, end], for the units of `root`'s
    subtree (root included): one grouped query, whatever the number of units."""
    rows = (
        Finding.objects.in_subtree(root)
        .filter(
            severity=Finding.Severity.VIOLATION,
            inspection__state__in=CONCLUDED_STATES,
            inspection__end__gte=start,
            inspection__end__lte=end,
        )
        .order_by()
        .values("org_unit")
        .annotate(n=Count("pk"))
    )
    return {row["org_unit"]: row["n"] for row in rows}


def open_actions_of(*, unit: OrgUnit) -> QuerySet[CorrectiveAction]:
    """The corrections the unit itself still has to make (not reported yet), the earliest
    date first: the unit's home lists them (no reader scope: the home has decided the reader
    belongs to the unit)."""
    return CorrectiveAction.objects.filter(org_unit=unit, state=ActionState.OPEN).order_by(
        "due", "pk"
    )
