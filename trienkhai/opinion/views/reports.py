"""The opinion log: the list (page, print, XLSX), the tally by topic and by unit, the quick
entry a chi bộ secretary uses on a phone, and the report's page where the office takes it up
and answers it, with its trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
from trienkhai.core.forms import blank_initial
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.opinion import exports, selectors, services
from trienkhai.opinion.forms import (
    AnswerForm,
    OpinionForm,
    ReopenForm,
    TakeUpForm,
)
from trienkhai.opinion.models import OpinionReport, OpinionState, Sensitivity
from trienkhai.orgs.models import OrgUnit

STATE, KIND, LEVEL, TOPIC, FROM, TO, SEARCH = (
    "tinh_trang",
    "loai",
    "muc_do",
    "chu_de",
    "tu_ngay",
    "den_ngay",
    "q",
)


def _filter(request: HttpRequest) -> selectors.OpinionFilter:
    query = PageQuery.of(request)
    topic = query.get(TOPIC)
    return selectors.OpinionFilter(
        root=page_unit(signed_in(request)),
        state=s if (s := query.get(STATE)) in selectors.STATE_FILTERS else "",
        kind=k if (k := query.get(KIND)) in OpinionReport.Kind.values else "",
        sensitivity=v if (v := query.get(LEVEL)) in Sensitivity.values else "",
        solution_id=int(topic) if topic.isdigit() else None,
        date_from=query.date(FROM),
        date_to=query.date(TO),
        q=query.get(SEARCH)[:100],
    )


def _common(request: HttpRequest, where: selectors.OpinionFilter) -> dict[str, Any]:
    user = signed_in(request).user
    return {
        "where": where,
        "root": where.root,
        "states": [(selectors.UNANSWERED, _("Chưa trả lời")), *OpinionState.choices],
        "kinds": OpinionReport.Kind.choices,
        "levels": Sensitivity.choices,
        # Only those who read sensitive reports are offered to pick them out.
        "reads_sensitive": bool(cap_paths(user, Cap.OPINION_SENSITIVE)),
        "can_record": selectors.entry_units(user).exists(),
        "today": timezone.localdate(),
    }


def _heading(title: str, where: selectors.OpinionFilter) -> str:
    return f"{title} — {where.root.name}"


class OpinionList(ListPage[selectors.OpinionFilter]):
    template = "opinion/list.html"
    print_template = "opinion/list_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> selectors.OpinionFilter:
        return _filter(request)

    def rows(self, request: HttpRequest, state: selectors.OpinionFilter) -> Any:
        return selectors.opinions_for(user=signed_in(request).user, where=state)

    def title(self, request: HttpRequest, state: selectors.OpinionFilter) -> str:
        return _("Dư luận xã hội, tâm tư, kiến nghị")

    def context(self, request: HttpRequest, state: selectors.OpinionFilter) -> dict[str, Any]:
        return {**_common(request, state), "heading": _heading(self.title(request, state), state)}

    def workbook(
        self, request: HttpRequest, state: selectors.OpinionFilter, rows: list[Any]
    ) -> bytes:
        qs = self.rows(request, state)
        return exports.opinions_workbook(
            rows,
            heading=_heading(self.title(request, state), state),
            topics=selectors.by_topic(qs),
            units=selectors.by_unit(qs),
        )

    def filename(self, request: HttpRequest, state: selectors.OpinionFilter) -> str:
        return f"Du luan xa hoi {state.root.code} {timezone.localdate():%d-%m-%Y}.xlsx"


LIST = OpinionList()


class OpinionTally(ListPage[selectors.OpinionFilter]):
    """The same reports counted by unit (the rows) and by topic (beside them)."""

    template = "opinion/tally.html"
    print_template = "opinion/tally_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> selectors.OpinionFilter:
        return _filter(request)

    def rows(self, request: HttpRequest, state: selectors.OpinionFilter) -> Any:
        return selectors.by_unit(selectors.opinions_for(user=signed_in(request).user, where=state))

    def title(self, request: HttpRequest, state: selectors.OpinionFilter) -> str:
        return _("Tổng hợp dư luận theo chủ đề và đơn vị")

    def context(self, request: HttpRequest, state: selectors.OpinionFilter) -> dict[str, Any]:
        qs = selectors.opinions_for(user=signed_in(request).user, where=state)
        topics = selectors.by_topic(qs)
        return {
            **_common(request, state),
            "heading": _heading(self.title(request, state), state),
            "topics": topics,
            "total": sum(t.total for t in topics),
        }


TALLY = OpinionTally()


# --- recording -------------------------------------------------------------------------------


def _input(data: dict[str, Any]) -> services.OpinionInput:
    return services.OpinionInput(
        noted_on=data["noted_on"],
        kind=data["kind"],
        topic=data["topic"],
        content=data["content"],
        source=data["source"],
        source_detail=data.get("source_detail") or "",
        people=data.get("people"),
        sensitivity=data["sensitivity"],
        plan=data.get("plan"),
        solution=data.get("solution"),
        target=data.get("target"),
    )


def entry_unit(request: AuthenticatedRequest, units: QuerySet[OrgUnit]) -> OrgUnit:
    """The unit an entry form is for (its plans, its news items): the one posted, else
    ``?don_vi=``, else the user's first; none at all, the user records nowhere (403)."""
    raw = request.POST.get("unit", "") if request.method == "POST" else ""
    code = PageQuery.of(request).unit_code
    unit = None
    if raw.isdigit():
        unit = units.filter(pk=int(raw)).first()
    elif code:
        unit = units.filter(code=code).first()
    unit = unit or units.first()
    if unit is None:
        raise PermissionDenied
    return unit


@login_required
def opinion_create(request: AuthenticatedRequest) -> HttpResponse:
    units = selectors.entry_units(request.user)
    unit = entry_unit(request, units)
    form = OpinionForm(
        request.POST if request.method == "POST" else None,
        units=units,
        plans=selectors.plans_for_unit(unit),
        initial=blank_initial(unit=unit),
    )

    def record(data: dict[str, Any]) -> OpinionReport:
        return services.opinion_record(
            actor=request.user, unit=data["unit"], data=_input(data), token=data.get("entry_token")
        )

    done = submit(request, form, record, success=_("Đã ghi nhận ý kiến, phản ánh."))
    if done is not None:
        return redirect("opinion:detail", done.result.pk)
    return render(
        request, "opinion/form.html", {"form": form, "title": _("Ghi nhận dư luận, kiến nghị")}
    )


@login_required
def opinion_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = selectors.opinion_get(user=request.user, pk=pk)
    if not services.can_correct(request.user, report):
        raise PermissionDenied
    initial = {
        "unit": report.org_unit,
        "noted_on": report.noted_on,
        "kind": report.kind,
        "topic": report.topic,
        "content": report.content,
        "source": report.source,
        "source_detail": report.source_detail,
        "people": report.people,
        "sensitivity": report.sensitivity,
        "solution": report.solution,
        "target": report.target,
        "version": report.version,
    }
    form = OpinionForm(
        request.POST if request.method == "POST" else None,
        units=OrgUnit.objects.filter(pk=report.org_unit_id),
        plans=selectors.plans_for_unit(report.org_unit),
        initial=initial,
        editing=True,
    )

    def save(data: dict[str, Any]) -> OpinionReport:
        return services.opinion_update(
            actor=request.user, report=report, version=data["version"], data=_input(data)
        )

    done = submit(request, form, save, success=_("Đã lưu."))
    if done is not None:
        return redirect("opinion:detail", report.pk)
    context = {"form": form, "report": report, "title": _("Sửa ý kiến, phản ánh")}
    return render(request, "opinion/form.html", context)


# --- the report's page -----------------------------------------------------------------------


def _detail_page(request: AuthenticatedRequest, report: OpinionReport, **refused: Any) -> Any:
    """The report's page; a refused step form comes back as it was posted, with its error."""
    manage = selectors.can_manage(request.user, report)
    context: dict[str, Any] = {
        "report": report,
        "title": report.topic,
        "events": selectors.events_of(report),
        "manage": manage,
        "can_correct": services.can_correct(request.user, report),
    }
    if manage:
        version = {"version": report.version}
        if report.state == OpinionState.NEW:
            context["take_up_form"] = TakeUpForm(initial=version)
        if report.state != OpinionState.ANSWERED:
            context["answer_form"] = AnswerForm(
                initial={**version, "answered_on": timezone.localdate()}
            )
        else:
            context["reopen_form"] = ReopenForm(initial=version)
    context.update(refused)
    return render(request, "opinion/detail.html", context)


@login_required
def opinion_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.opinion_get(user=request.user, pk=pk))


def _managed(request: AuthenticatedRequest, pk: int) -> OpinionReport:
    report = selectors.opinion_get(user=request.user, pk=pk)
    if not selectors.can_manage(request.user, report):
        raise PermissionDenied
    return report


@login_required
@require_POST
def opinion_take_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _managed(request, pk)
    form = TakeUpForm(request.POST)

    def take(data: dict[str, Any]) -> object:
        return services.opinion_take_up(
            actor=request.user, report=report, version=data["version"], note=data["note"]
        )

    if submit(request, form, take, success=_("Đã tiếp nhận xử lý.")) is not None:
        return redirect("opinion:detail", report.pk)
    return _detail_page(request, report, take_up_form=form)


@login_required
@require_POST
def opinion_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _managed(request, pk)
    form = AnswerForm(request.POST)

    def answer(data: dict[str, Any]) -> object:
        return services.opinion_answer(
            actor=request.user,
            report=report,
            version=data["version"],
            response=data["response"],
            responder=data["responder"],
            answered_on=data["answered_on"],
        )

    if submit(request, form, answer, success=_("Đã ghi nội dung trả lời.")) is not None:
        return redirect("opinion:detail", report.pk)
    return _detail_page(request, report, answer_form=form)


@login_required
@require_POST
def opinion_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _managed(request, pk)
    form = ReopenForm(request.POST)

    def reopen(data: dict[str, Any]) -> object:
        return services.opinion_reopen(
            actor=request.user, report=report, version=data["version"], reason=data["reason"]
        )

    if submit(request, form, reopen, success=_("Đã mở lại để xử lý tiếp.")) is not None:
        return redirect("opinion:detail", report.pk)
    return _detail_page(request, report, reopen_form=form)
