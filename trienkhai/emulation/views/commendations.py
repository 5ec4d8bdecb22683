"""The commendations of a round: the list the office builds (by hand, or in one click from the
cards rated "xuất sắc" and the good practices put forward for commendation), and the tờ trình
that lists them, issued in the committee's register and downloaded as Word."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number
from trienkhai.core.submit import submit
from trienkhai.documents.data import DocumentData, document_from_dict
from trienkhai.documents.issuers import lower_first
from trienkhai.documents.render import render_docx
from trienkhai.emulation import counting, selectors, services
from trienkhai.emulation.documents import proposal_data
from trienkhai.emulation.forms import CommendationForm, StepForm
from trienkhai.emulation.models import Band, Commendation, ScoreRound
from trienkhai.emulation.views.rounds import round_url
from trienkhai.opinion import selectors as opinion
from trienkhai.orgs.models import OrgUnit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _managed(request: AuthenticatedRequest, pk: int) -> ScoreRound:
    round_ = selectors.round_get(user=request.user, pk=pk)
    if not selectors.can_manage(request.user, round_):
        raise PermissionDenied
    return round_


def _scored_units(round_: ScoreRound) -> QuerySet[OrgUnit]:
    """The units the round scores (the form's choices), as of the day it was counted to."""
    day = round_.counted_to or counting.window(round_.year, timezone.localdate())[1]
    return counting.scored_units(round_.org_unit, day)


def _items(request: AuthenticatedRequest, round_: ScoreRound) -> list[Commendation]:
    return list(selectors.commendations_of(user=request.user, round_=round_))


@dataclass(frozen=True)
class Suggestion:
    """A one-click proposal: the collective form's fields, filled in."""

    unit: OrgUnit
    reason: str
    why: str  # what the row shows beside the button
    scorecard: int | None = None
    practice: int | None = None
    taken: bool = False  # the unit is already proposed as a collective


def _suggestions(
    request: AuthenticatedRequest,
    round_: ScoreRound,
    items: list[Commendation],
    units: list[OrgUnit],
) -> list[Suggestion]:
    proposed_units = {i.unit_id for i in items if i.kind == Commendation.Kind.COLLECTIVE}
    proposed_practices = {i.practice_id for i in items if i.practice_id}
    rows: list[Suggestion] = []
    for card in selectors.cards_of(user=request.user, round_=round_):
        if card.band_final != Band.EXCELLENT or card.org_unit_id in proposed_units:
            continue
        score = format_number(card.score, 2)
        rows.append(
            Suggestion(
                unit=card.org_unit,
                # The tờ trình adds the card's score beside the reason.
                reason=_("Hoàn thành xuất sắc nhiệm vụ năm %(year)s.") % {"year": round_.year},
                why=_("Hoàn thành xuất sắc nhiệm vụ · %(score)s điểm") % {"score": score},
                scorecard=card.pk,
            )
        )
    # Only the practices of units the round scores can be put in its tờ trình.
    by_pk = {u.pk: u for u in units}
    practices = opinion.practices_for(
        user=request.user, root=round_.org_unit, commendation=True, recognised=True
    )
    for practice in practices:
        unit = by_pk.get(practice.org_unit_id)
        if unit is None or practice.pk in proposed_practices:
            continue
        rows.append(
            Suggestion(
                unit=unit,
                reason=practice.commendation_reason or practice.title,
                why=_("Mô hình hay: %(title)s") % {"title": practice.title},
                practice=practice.pk,
                taken=unit.pk in proposed_units,
            )
        )
    return rows


def _page(
    request: AuthenticatedRequest, round_: ScoreRound, form: CommendationForm | None = None
) -> HttpResponse:
    items = _items(request, round_)
    manage = selectors.can_manage(request.user, round_)
    context: dict[str, Any] = {
        "round": round_,
        "items": items,
        "collectives": [i for i in items if i.kind == Commendation.Kind.COLLECTIVE],
        "people": [i for i in items if i.kind == Commendation.Kind.INDIVIDUAL],
        "manage": manage,
        "open": manage and round_.proposal_id is None,
        "title": _("Đề nghị khen thưởng năm %(year)s") % {"year": round_.year},
        "back": round_url(round_),
    }
    if context["open"]:
        units = _scored_units(round_)
        form = form or CommendationForm(units=units, initial={"kind": Commendation.Kind.COLLECTIVE})
        context["suggestions"] = _suggestions(request, round_, items, list(units))
        context["step_form"] = StepForm(initial={"version": round_.version})
    # A refused form comes back even when the list has just closed: it says why.
    context["form"] = form
    return render(request, "emulation/commendations.html", context)


def _proposal(
    request: AuthenticatedRequest, round_: ScoreRound, data: dict[str, Any]
) -> services.Proposal:
    """The posted proposal; a card or practice id not of this round (or not readable) is
    left off rather than linked."""
    card = None
    if data.get("scorecard"):
        cards = selectors.cards_of(user=request.user, round_=round_)
        card = cards.filter(pk=data["scorecard"]).first()
    practice = None
    if data.get("practice"):
        practices = opinion.practices_for(
            user=request.user, root=round_.org_unit, commendation=True
        )
        practice = practices.filter(pk=data["practice"]).first()
    return services.Proposal(
        kind=data["kind"],
        unit=data["unit"],
        reason=data["reason"],
        level=data["level"],
        person=data.get("person", ""),
        scorecard=card,
        practice=practice,
    )


@login_required
def commendation_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _page(request, selectors.round_get(user=request.user, pk=pk))
    round_ = _managed(request, pk)
    form = CommendationForm(request.POST, units=_scored_units(round_))

    def add(data: dict[str, Any]) -> Commendation:
        return services.commendation_add(
            actor=request.user, round_=round_, proposal=_proposal(request, round_, data)
        )

    done = submit(
        request,
        form,
        add,
        success=lambda item: (
            _("Đã thêm %(who)s vào danh sách đề nghị khen thưởng.")
            % {"who": item.person or item.unit.name}
        ),
    )
    if done is not None:
        return redirect("emulation:commendations", round_.pk)
    return _page(request, round_, form)


@login_required
@require_POST
def commendation_remove(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    round_ = _managed(request, pk)
    item = get_object_or_404(
        selectors.commendations_of(user=request.user, round_=round_), pk=item_pk
    )
    try:
        services.commendation_remove(actor=request.user, item=item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã bỏ %(who)s khỏi danh sách đề nghị.") % {"who": item.person or item.unit.name},
        )
    return redirect("emulation:commendations", round_.pk)


@login_required
@require_POST
def proposal_issue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _managed(request, pk)
    form = StepForm(request.POST)

    def issue(data: dict[str, Any]) -> Any:
        return services.proposal_issue(actor=request.user, round_=round_, version=data["version"])

    done = submit(request, form, issue)
    if done is not None:
        messages.success(
            request,
            _("Đã ban hành tờ trình %(reference)s.")
            % {"reference": lower_first(done.result.reference)},
        )
    else:
        for error in form.non_field_errors() or [_("Trang đã cũ: hãy tải lại.")]:
            messages.error(request, str(error))
    return redirect("emulation:commendations", round_.pk)


def _docx(data: DocumentData, name: str) -> HttpResponse:
    response = HttpResponse(render_docx(data), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def proposal_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The issued tờ trình as it was numbered; before that, the draft as it would be issued
    today ("Số    -TTr/ĐU"), for the office to check: only the office reads drafts."""
    round_ = selectors.round_get(user=request.user, pk=pk)
    issued = round_.proposal
    if issued is not None and issued.content:
        if not issued.file_readable_by(request.user):
            raise Http404
        data = document_from_dict(issued.content)
        day = issued.date or timezone.localdate()
        return _docx(data, f"To trinh {issued.number or 0:02d}-TTr {day:%d%m%Y}.docx")
    if not selectors.can_manage(request.user, round_):
        raise Http404
    items = list(selectors.commendations_of(user=request.user, round_=round_))
    if not items:
        raise Http404
    # Undated and unnumbered, as the register holds a draft until it is issued.
    data = replace(proposal_data(round_, items, timezone.localdate()), date=None)
    return _docx(data, f"Du thao To trinh {round_.year}.docx")
