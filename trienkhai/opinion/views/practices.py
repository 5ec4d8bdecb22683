"""Good practices (mô hình hay, cách làm hiệu quả): the list (page, print, XLSX), the form a
unit proposes one with (its evidence attached), and the practice's page where the office
recognises it, publishes its public version on the public page, or takes it down."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, page_unit, signed_in
from trienkhai.core.files import read_upload
from trienkhai.core.forms import blank_initial
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.opinion import exports, selectors, services
from trienkhai.opinion.forms import (
    PracticeForm,
    PracticeReviewForm,
    PublishForm,
    StepForm,
)
from trienkhai.opinion.models import GoodPractice, PracticeState
from trienkhai.orgs.models import OrgUnit

STATE, FIELD, COMMENDATION = "tinh_trang", "linh_vuc", "khen_thuong"
YES, NO = "co", "khong"


# --- the list ---------------------------------------------------------------------------------


class PracticeList(ListPage[dict[str, Any]]):
    template = "opinion/practice_list.html"
    print_template = "opinion/practice_list_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        query = PageQuery.of(request)
        state, field, commendation = query.get(STATE), query.get(FIELD), query.get(COMMENDATION)
        return {
            "root": page_unit(signed_in(request)),
            "state": state if state in PracticeState.values else "",
            "field": field if field in GoodPractice.Field.values else "",
            "commendation": commendation if commendation in (YES, NO) else "",
            "today": timezone.localdate(),
        }

    def rows(self, request: HttpRequest, state: dict[str, Any]) -> Any:
        commendation = {YES: True, NO: False}.get(state["commendation"])
        return selectors.practices_for(
            user=signed_in(request).user,
            root=state["root"],
            state=state["state"],
            field=state["field"],
            commendation=commendation,
        )

    def title(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return _("Mô hình hay, cách làm hiệu quả")

    def context(self, request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
        return {
            **state,
            "states": PracticeState.choices,
            "fields": GoodPractice.Field.choices,
            "commendations": ((YES, _("Có đề nghị")), (NO, _("Không đề nghị"))),
            "can_propose": selectors.entry_units(signed_in(request).user).exists(),
        }

    def workbook(self, request: HttpRequest, state: dict[str, Any], rows: list[Any]) -> bytes:
        heading = f"{self.title(request, state)} — {state['root'].name}"
        return exports.practices_workbook(rows, heading=heading)

    def filename(self, request: HttpRequest, state: dict[str, Any]) -> str:
        return f"Mo hinh hay {state['root'].code} {state['today']:%d-%m-%Y}.xlsx"


LIST = PracticeList()


# --- proposing and editing --------------------------------------------------------------------


def _input(data: dict[str, Any]) -> services.PracticeInput:
    return services.PracticeInput(
        title=data["title"],
        field=data["field"],
        description=data["description"],
        results=data["results"],
        started_on=data.get("started_on"),
        plan=data.get("plan"),
        solution=data.get("solution"),
        target=data.get("target"),
        commendation=bool(data.get("commendation")),
        commendation_reason=data.get("commendation_reason", ""),
    )


def _files(data: dict[str, Any]) -> list[services.Upload]:
    return [(f.name, read_upload(f)) for f in data.get("evidence") or []]


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


@login_required
def practice_create(request: AuthenticatedRequest) -> HttpResponse:
    units = selectors.entry_units(request.user)
    first = units.first()
    if first is None:
        raise PermissionDenied
    form = PracticeForm(
        *_posted(request),
        units=units,
        # The plans of the first (topmost) unit, which hold for every unit below it too.
        plans=selectors.plans_for_unit(first),
        initial=blank_initial(),
        owner=request.user.pk,
    )

    def propose(data: dict[str, Any]) -> GoodPractice:
        return services.practice_propose(
            actor=request.user,
            unit=data["unit"],
            data=_input(data),
            files=_files(data),
            token=data.get("entry_token"),
        )

    done = submit(
        request, form, propose, success=_("Đã gửi đề xuất mô hình; chờ văn phòng xem xét.")
    )
    if done is not None:
        return redirect("practices:detail", done.result.pk)
    context = {"form": form, "title": _("Đề xuất mô hình hay, cách làm hiệu quả")}
    return render(request, "opinion/practice_form.html", context)


@login_required
def practice_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = selectors.practice_get(user=request.user, pk=pk)
    if not services.can_edit_practice(request.user, practice):
        raise PermissionDenied
    initial = {
        "unit": practice.org_unit,
        "title": practice.title,
        "field": practice.field,
        "solution": practice.solution,
        "target": practice.target,
        "started_on": practice.started_on,
        "description": practice.description,
        "results": practice.results,
        "commendation": practice.commendation,
        "commendation_reason": practice.commendation_reason,
        "version": practice.version,
    }
    form = PracticeForm(
        *_posted(request),
        units=OrgUnit.objects.filter(pk=practice.org_unit_id),
        plans=selectors.plans_for_unit(practice.org_unit),
        initial=initial,
        owner=request.user.pk,
        editing=True,
    )

    def save(data: dict[str, Any]) -> GoodPractice:
        return services.practice_update(
            actor=request.user,
            practice=practice,
            version=data["version"],
            data=_input(data),
            files=_files(data),
        )

    if submit(request, form, save, success=_("Đã lưu.")) is not None:
        return redirect("practices:detail", practice.pk)
    context = {"form": form, "practice": practice, "title": _("Sửa mô hình")}
    return render(request, "opinion/practice_form.html", context)


# --- the practice's page ----------------------------------------------------------------------


def _detail_page(
    request: AuthenticatedRequest, practice: GoodPractice, **refused: Any
) -> HttpResponse:
    """The practice's page; a refused form (`review_form`, `publish_form`, `unpublish_form`)
    is shown as it came back, with what was typed, in place of the blank one."""
    manage = selectors.can_manage(request.user, practice)
    context: dict[str, Any] = {
        "practice": practice,
        "title": practice.title,
        "evidence": selectors.evidence_of(practice),
        "manage": manage,
        "can_edit": services.can_edit_practice(request.user, practice),
        "public_code": selectors.public_page_code(practice.org_unit) if practice.published else "",
    }
    if manage:
        version = {"version": practice.version}
        context["review_form"] = PracticeReviewForm(initial=version)
        if practice.state == PracticeState.RECOGNISED:
            context["publish_form"] = PublishForm(
                initial={
                    **version,
                    "public_title": practice.public_title or practice.title,
                    "public_summary": practice.public_summary or practice.results,
                }
            )
        if practice.published:
            context["unpublish_form"] = StepForm(initial=version)
    context.update(refused)
    return render(request, "opinion/practice_detail.html", context)


@login_required
def practice_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.practice_get(user=request.user, pk=pk))


def _managed(request: AuthenticatedRequest, pk: int) -> GoodPractice:
    practice = selectors.practice_get(user=request.user, pk=pk)
    if not selectors.can_manage(request.user, practice):
        raise PermissionDenied
    return practice


@login_required
@require_POST
def practice_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = _managed(request, pk)
    form = PracticeReviewForm(request.POST)

    def review(data: dict[str, Any]) -> GoodPractice:
        return services.practice_review(
            actor=request.user,
            practice=practice,
            version=data["version"],
            recognised=data["decision"] == "recognised",
            note=data.get("note", ""),
        )

    def said(done: GoodPractice) -> str:
        if done.state == PracticeState.RECOGNISED:
            return _("Đã công nhận mô hình.")
        return _("Đã trả lại cho đơn vị bổ sung.")

    if submit(request, form, review, success=said) is not None:
        return redirect("practices:detail", practice.pk)
    return _detail_page(request, practice, review_form=form)


@login_required
@require_POST
def practice_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = _managed(request, pk)
    form = PublishForm(request.POST)

    def publish(data: dict[str, Any]) -> GoodPractice:
        return services.practice_publish(
            actor=request.user,
            practice=practice,
            version=data["version"],
            public_title=data.get("public_title", ""),
            public_summary=data.get("public_summary", ""),
        )

    if submit(request, form, publish, success=_("Đã công khai trên trang công khai.")) is not None:
        return redirect("practices:detail", practice.pk)
    return _detail_page(request, practice, publish_form=form)


@login_required
@require_POST
def practice_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = _managed(request, pk)
    form = StepForm(request.POST)

    def unpublish(data: dict[str, Any]) -> GoodPractice:
        return services.practice_unpublish(
            actor=request.user, practice=practice, version=data["version"]
        )

    if submit(request, form, unpublish, success=_("Đã thôi công khai mô hình.")) is not None:
        return redirect("practices:detail", practice.pk)
    return _detail_page(request, practice, unpublish_form=form)
