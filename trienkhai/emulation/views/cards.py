"""One unit's scorecard: what was counted, the points, the conditions of each band, the cap
and its tie-break, and the office's override with its reason."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.submit import submit
from trienkhai.emulation import selectors, services
from trienkhai.emulation.forms import CRITERION_LABELS, OverrideForm, StepForm
from trienkhai.emulation.models import Band, Scorecard
from trienkhai.emulation.views.rounds import round_url


def _page(request: AuthenticatedRequest, card: Scorecard, form: OverrideForm | None) -> Any:
    manage = selectors.can_manage(request.user, card.round)
    context: dict[str, Any] = {
        "title": card.org_unit.name,
        "card": card,
        "round": card.round,
        "criteria": [(CRITERION_LABELS[row.key], row) for row in selectors.criteria_of(card)],
        "conditions": [(Band(band).label, rows) for band, rows in card.conditions],
        "manage": manage and not card.round.signed,
        "back": round_url(card.round),
    }
    if context["manage"] and card.band_suggested is not None:
        context["override_form"] = form or OverrideForm(
            initial={"version": card.version, "band": card.band_final}
        )
        if card.band_override:
            context["clear_form"] = StepForm(initial={"version": card.version})
    return render(request, "emulation/card.html", context)


@login_required
def card_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    card = selectors.card_get(user=request.user, pk=pk)
    if request.method != "POST":
        return _page(request, card, None)
    if not selectors.can_manage(request.user, card.round):
        raise PermissionDenied
    form = OverrideForm(request.POST)

    def override(data: dict[str, Any]) -> Scorecard:
        return services.card_override(
            actor=request.user,
            card=card,
            version=data["version"],
            band=data["band"],
            reason=data["reason"],
        )

    if submit(request, form, override, success=_("Đã điều chỉnh mức xếp loại.")) is not None:
        return redirect(round_url(card.round))
    return _page(request, card, form)


@login_required
@require_POST
def card_clear(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    card = selectors.card_get(user=request.user, pk=pk)
    if not selectors.can_manage(request.user, card.round):
        raise PermissionDenied
    form = StepForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.card_clear_override(
            actor=request.user, card=card, version=data["version"]
        ),
        success=_("Đã bỏ điều chỉnh: dùng lại mức theo điểm."),
    )
    if done is None:
        return _page(request, card, None)
    return redirect("emulation:card", card.pk)
