"""Sessions (list, phone form, detail, edit, delete, files) and headcounts; thin views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, require_cap, signed_in
from trienkhai.core.errors import DomainError
from trienkhai.core.pages import PageQuery
from trienkhai.core.plausibility import NeedsConfirmation
from trienkhai.core.submit import attach_posted_file
from trienkhai.dissemination import selectors, services
from trienkhai.dissemination.forms import FileForm, HeadcountForm, SessionForm
from trienkhai.dissemination.models import (
    GROUP_NOUNS,
    HEADCOUNT_GROUP_CHOICES,
    SessionAttendance,
    StudySession,
    groups_owned_by,
)
from trienkhai.dissemination.services import SessionInvalid
from trienkhai.dissemination.views.page import PlanList, View, no_plan, plan_page, view_for
from trienkhai.orgs.selectors import unit_get

Kind = StudySession.Kind


def draft_key(plan_pk: int, code: str) -> str:
    """Where the phone keeps an unsent session in localStorage."""
    return f"trienkhai:buoi-hoc:{plan_pk}:{code}"


class SessionList(PlanList):
    """The sessions held in the subtree, newest first, by kind (``loai``)."""

    template = "dissemination/session_list.html"
    page_size = 50

    def rows(self, request: HttpRequest, state: View) -> Any:  # a queryset, sliced
        kind = PageQuery.of(request).get("loai")
        user = signed_in(request).user
        return selectors.sessions_for(user=user, plan=state.plan, root=state.root, kind=kind)

    def title(self, request: HttpRequest, state: View) -> str:
        return _("Buổi học tập, quán triệt")

    def context(self, request: HttpRequest, state: View) -> dict[str, Any]:
        kind = PageQuery.of(request).get("loai")
        user = signed_in(request).user
        return {
            **state.context(),
            "kind": kind,
            "kinds": Kind.choices,
            "page_query": state.query(loai=kind),
            "nouns": GROUP_NOUNS,
            "can_enter": selectors.entry_units(user=user, plan=state.plan).exists(),
        }


@login_required
@require_GET
@plan_page
def session_choose(request: AuthenticatedRequest, view: View) -> HttpResponse:
    """Which unit to record for; straight to the form when there is only one."""
    units = list(selectors.entry_units(user=request.user, plan=view.plan)[:500])
    if not units:
        raise PermissionDenied
    if len(units) == 1:
        url = reverse("dissemination:session_create", args=[units[0].code])
        return redirect(f"{url}?ke_hoach={view.plan.pk}")
    return render(
        request,
        "dissemination/session_choose.html",
        {**view.context(), "title": _("Ghi buổi học tập"), "units": units},
    )


def _session_form_page(
    request: AuthenticatedRequest, view: View, form: SessionForm, **extra: object
) -> HttpResponse:
    context = {
        **view.context(),
        "form": form,
        "attendee_fields": [form[services.attendees_field(g)] for g in form.groups],
        **extra,
    }
    return render(request, "dissemination/session_form.html", context)


@login_required
def session_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit_get(user=request.user, code=code)  # another unit is a 404 before anything else
    view = view_for(request)
    if view is None:
        return no_plan(request)
    unit = selectors.entry_unit_get(user=request.user, plan=view.plan, code=code)
    groups = services.unit_groups(plan=view.plan, unit=unit)
    has_main = SessionAttendance.objects.filter(
        plan=view.plan, org_unit=unit, kind=Kind.MAIN
    ).exists()
    initial = {
        "date": view.today if view.today <= view.day else None,
        "kind": Kind.MAKE_UP if has_main else Kind.MAIN,
        "format": StudySession.Form.CELL_MEETING
        if unit.kind == unit.Kind.PARTY_CELL
        else StudySession.Form.CONFERENCE,
    }
    form = SessionForm(request.POST or None, initial=initial, groups=groups)
    if request.method == "POST" and groups and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user, plan=view.plan, unit=unit, data=form.to_data()
            )
        except SessionInvalid as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Đã lưu buổi học tập."))
            url = reverse("dissemination:session_detail", args=[session.pk])
            return redirect(f"{url}?da_luu={draft_key(view.plan.pk, unit.code)}")
    return _session_form_page(
        request,
        view,
        form,
        title=_("Ghi buổi học tập · %(unit)s") % {"unit": unit.display_name},
        unit=unit,
        groups=groups,
        draft=draft_key(view.plan.pk, unit.code),
        has_main=has_main,
    )


@login_required
def session_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DATA_ENTER, session.org_unit)
    view = _view_of(request, session)
    groups = services.unit_groups(plan=session.plan, unit=session.org_unit)
    form = SessionForm(
        request.POST or None, initial=SessionForm.initial_for(session), groups=groups
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, data=form.to_data())
        except SessionInvalid as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("dissemination:session_detail", pk=session.pk)
    return _session_form_page(
        request,
        view,
        form,
        title=_("Sửa buổi học tập · %(unit)s") % {"unit": session.org_unit.display_name},
        unit=session.org_unit,
        groups=groups,
        session=session,
    )


def _view_of(request: AuthenticatedRequest, session: StudySession) -> View:
    """The session's own plan, whatever the query string says."""
    view = view_for(request, plan=session.plan)
    assert view is not None
    return view


@login_required
@require_GET
def session_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    view = _view_of(request, session)
    counted = session.kind != Kind.OTHER and session.date <= view.day
    return render(
        request,
        "dissemination/session_detail.html",
        {
            **view.context(),
            "title": _("%(kind)s · %(unit)s")
            % {"kind": session.get_kind_display(), "unit": session.org_unit.display_name},
            "session": session,
            "attendance": list(session.attendance.all()),
            "nouns": GROUP_NOUNS,
            "counted": counted,
            "files": selectors.session_files(session),
            "file_form": FileForm(),
            "can_enter": selectors.can_enter(request.user, session.org_unit),
            "clear_draft": PageQuery.of(request).get("da_luu")[:200],
        },
    )


@login_required
@require_POST
def session_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    plan_pk = session.plan_id
    try:
        services.session_delete(actor=request.user, session=session)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("dissemination:session_detail", pk=pk)
    messages.success(request, _("Đã xóa buổi học tập."))
    return redirect(reverse("dissemination:session_list") + f"?ke_hoach={plan_pk}")


@login_required
@require_POST
def session_file(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DATA_ENTER, session.org_unit)
    attach_posted_file(
        request,
        FileForm,
        lambda data, name: services.session_file_add(
            actor=request.user, session=session, data=data, name=name
        ),
        success=_("Đã đính kèm tệp."),
        missing=_("Chưa chọn tệp để đính kèm."),
    )
    return redirect("dissemination:session_detail", pk=pk)


# --- headcounts ---------------------------------------------------------------------------------


class HeadcountList(PlanList):
    """Each unit's headcount per group in use today, 100 units a page."""

    template = "dissemination/headcount_list.html"
    page_size = 100

    def rows(self, request: HttpRequest, state: View) -> Any:  # a queryset, sliced
        return selectors.headcount_units(
            plan=state.plan, root=state.root, thresholds=state.thresholds, day=state.today
        )

    def decorate(self, request: HttpRequest, state: View, rows: list[Any]) -> list[Any]:
        """Each unit with, per group, whether it owns the group, its count and since when,
        and whether the reader may enter it."""
        user = signed_in(request).user
        return [
            (
                unit,
                [
                    (
                        t,
                        t.group in groups_owned_by(unit.kind),
                        getattr(unit, f"hc_{t.group}"),
                        getattr(unit, f"asof_{t.group}"),
                    )
                    for t in state.thresholds
                ],
                selectors.can_enter(user, unit),
            )
            for unit in rows
        ]

    def title(self, request: HttpRequest, state: View) -> str:
        return _("Sĩ số đối tượng quán triệt")

    def context(self, request: HttpRequest, state: View) -> dict[str, Any]:
        return {**state.context(), "page_query": state.query()}


@login_required
def headcount_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = unit_get(user=request.user, code=code)  # another unit is a 404 before anything else
    view = view_for(request)
    if view is None:
        return no_plan(request)
    owned = groups_owned_by(unit.kind)
    choices = [(g, label) for g, label in HEADCOUNT_GROUP_CHOICES if g in owned]
    can_enter = selectors.can_enter(request.user, unit)
    if request.method == "POST" and not can_enter:
        raise PermissionDenied
    form = HeadcountForm(request.POST or None, groups=choices, initial={"as_of": view.today})
    if request.method == "POST" and choices and form.is_valid():
        data = form.cleaned_data
        try:
            services.headcount_set(
                actor=request.user,
                unit=unit,
                group=data["group"],
                as_of=data["as_of"],
                count=data["count"],
                note=data["note"],
                confirm_note=data.get("confirm_note") or "",
            )
        except NeedsConfirmation as exc:
            form.ask_confirmation(exc)
        except SessionInvalid as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Đã lưu sĩ số."))
            return redirect(
                reverse("dissemination:headcount_edit", args=[unit.code]) + "?" + view.query()
            )
    return render(
        request,
        "dissemination/headcount_edit.html",
        {
            **view.context(),
            "title": _("Sĩ số · %(unit)s") % {"unit": unit.display_name},
            "unit": unit,
            "form": form,
            "choices": choices,
            "can_enter": can_enter,
            "history": selectors.headcount_history(unit=unit),
        },
    )


SESSIONS = SessionList()
HEADCOUNTS = HeadcountList()
