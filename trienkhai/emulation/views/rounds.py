"""The committee's scoring round of a year: the settings the office sets, the cards by group
of same-kind units with their suggested bands (tham khảo) and the cap, the sign-off; its
print view and its XLSX (the score as one criterion of the annual rating)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, page_unit
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.core.xlsx import xlsx_response
from trienkhai.emulation import exports, selectors, services
from trienkhai.emulation.forms import (
    CRITERION_LABELS,
    CRITERION_SHORT,
    SettingsForm,
    StepForm,
    YearForm,
)
from trienkhai.emulation.models import ScoreRound
from trienkhai.orgs.models import OrgUnit

YEAR = "nam"


def _committee(unit: OrgUnit) -> OrgUnit:
    """The committee whose round a unit's page shows: the unit itself, or the nearest above."""
    committee = unit.nearest(*selectors.COMMITTEE_KINDS)
    if committee is None:
        raise Http404
    return committee


def _year(request: HttpRequest) -> int:
    raw = PageQuery.of(request).get(YEAR)
    this_year = timezone.localdate().year
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year else this_year


def round_url(round_: ScoreRound) -> str:
    query = urlencode({YEAR: str(round_.year), "don_vi": round_.org_unit.code})
    return f"{reverse('emulation:index')}?{query}"


def _page(request: AuthenticatedRequest, round_: ScoreRound, **refused: Any) -> HttpResponse:
    manage = selectors.can_manage(request.user, round_)
    cards = selectors.cards_of(user=request.user, round_=round_)
    context: dict[str, Any] = {
        "title": _("Điểm thực hiện Kế hoạch năm %(year)s") % {"year": round_.year},
        "round": round_,
        "committee": round_.org_unit,
        "groups": selectors.groups_of(cards),
        "criteria": [(CRITERION_SHORT[k], label) for k, label in CRITERION_LABELS.items()],
        "years": selectors.years_of(user=request.user, committee=round_.org_unit),
        "manage": manage,
    }
    if manage and not round_.signed:
        context["settings_form"] = SettingsForm(round_=round_)
        context["step_form"] = StepForm(initial={"version": round_.version})
    context.update(refused)
    return render(request, "emulation/round.html", context)


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    committee = _committee(page_unit(request))
    year = _year(request)
    round_ = selectors.round_of(user=request.user, committee=committee, year=year)
    if round_ is not None:
        return _page(request, round_)
    can_open = selectors.committees_for(request.user).filter(pk=committee.pk).exists()
    context = {
        "title": _("Điểm thực hiện Kế hoạch năm %(year)s") % {"year": year},
        "committee": committee,
        "year": year,
        "years": selectors.years_of(user=request.user, committee=committee),
        "year_form": YearForm(initial={"year": year}) if can_open else None,
    }
    return render(request, "emulation/no_round.html", context)


@login_required
@require_POST
def round_open(request: AuthenticatedRequest) -> HttpResponse:
    committee = _committee(page_unit(request))
    form = YearForm(request.POST)
    if not form.is_valid():
        raise Http404
    done = submit(
        request,
        form,
        lambda data: services.round_open(
            actor=request.user, committee=committee, year=data["year"]
        ),
    )
    if done is None:
        messages.error(request, "; ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(f"{reverse('emulation:index')}?don_vi={committee.code}")
    return redirect(round_url(done.result))


def _managed(request: AuthenticatedRequest, pk: int) -> ScoreRound:
    round_ = selectors.round_get(user=request.user, pk=pk)
    if not selectors.can_manage(request.user, round_):
        raise PermissionDenied
    return round_


@login_required
@require_POST
def round_settings(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _managed(request, pk)
    form = SettingsForm(request.POST, round_=round_)

    def save(data: dict[str, Any]) -> ScoreRound:
        settings = services.Settings(
            weights=form.weights(),
            bonus_per_practice=data["bonus_per_practice"],
            bonus_max=data["bonus_max"],
            penalty_per_violation=data["penalty_per_violation"],
            cap_percent=data["cap_percent"],
        )
        saved = services.round_settings(
            actor=request.user, round_=round_, version=data["version"], settings=settings
        )
        # New weights give new scores: count again at once, so the table never lies.
        return services.round_compute(actor=request.user, round_=saved)

    if submit(request, form, save, success=_("Đã lưu cách tính và tính lại điểm.")) is not None:
        return redirect(round_url(round_))
    return _page(request, round_, settings_form=form)


@login_required
@require_POST
def round_compute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _managed(request, pk)
    form = StepForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.round_compute(actor=request.user, round_=round_),
        success=_("Đã tính điểm theo số liệu mới nhất."),
    )
    if done is None:
        return _page(request, round_, step_form=form)
    return redirect(round_url(round_))


@login_required
@require_POST
def round_sign_off(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _managed(request, pk)
    form = StepForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.round_sign_off(
            actor=request.user, round_=round_, version=data["version"]
        ),
        success=_("Đã ký duyệt: kết quả năm nay không thay đổi nữa."),
    )
    if done is None:
        return _page(request, round_, step_form=form)
    return redirect(round_url(round_))


def _read(request: AuthenticatedRequest, pk: int) -> tuple[ScoreRound, list[Any]]:
    round_ = selectors.round_get(user=request.user, pk=pk)
    cards = selectors.groups_of(selectors.cards_of(user=request.user, round_=round_))
    return round_, cards


@login_required
def round_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_, groups = _read(request, pk)
    data = exports.round_workbook(round_, groups)
    return xlsx_response(data, f"Diem thuc hien ke hoach {round_.org_unit.code} {round_.year}.xlsx")


@login_required
def round_print(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_, groups = _read(request, pk)
    context = {
        "title": _("Điểm thực hiện Kế hoạch năm %(year)s") % {"year": round_.year},
        "round": round_,
        "groups": groups,
        "criteria": list(CRITERION_LABELS.items()),
        "back": round_url(round_),
    }
    return render(request, "emulation/round_print.html", context)
