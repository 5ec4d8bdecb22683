"""Entry pages besides news items: the weekly tallies grid, the banners register and the
channels."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, require_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import parse_number
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.media import selectors, services
from trienkhai.media.forms import (
    BannerForm,
    ChannelForm,
    parse_week,
)
from trienkhai.media.models import Banner
from trienkhai.media.views.page import (
    entry_units_or_403,
    page_context,
    page_unit,
    upload_of,
    with_unit,
)
from trienkhai.media.weeks import monday, week_code, week_label, week_of, weeks_between
from trienkhai.orgs.models import OrgUnit

TALLY_WEEKS = 6


# --- weekly tallies -------------------------------------------------------------------------


def _tally_weeks(request: AuthenticatedRequest) -> list[tuple[int, int]]:
    today = timezone.localdate()
    last = week_of(today)
    raw = PageQuery.of(request).get("tuan")
    if raw:
        with contextlib.suppress(DomainError):
            last = min(parse_week(raw), last)
    end = monday(last)
    return weeks_between(end - timedelta(weeks=TALLY_WEEKS - 1), end)


@login_required
def tallies(request: AuthenticatedRequest) -> HttpResponse:
    unit = page_unit(request)
    can_edit = has_cap(request.user, Cap.DATA_ENTER, unit)
    weeks = _tally_weeks(request)
    rows = selectors.tally_grid(unit=unit, weeks=weeks)
    errors: list[str] = []
    values: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        counts: dict[Any, int | None] = {}
        for row in rows:
            for week, old, _logged in row.cells:
                name = f"t-{row.channel.pk}-{week[0]}-{week[1]}"
                raw = request.POST.get(name, "").strip()
                values[name] = raw
                value: int | None = None
                if raw:
                    try:
                        number = parse_number(raw)
                        if number < 0 or number != int(number):
                            raise DomainError(_("cần một số nguyên không âm"))
                        value = int(number)
                    except DomainError as exc:
                        errors.append(
                            _("%(channel)s, %(week)s: %(error)s")
                            % {"channel": row.channel.name, "week": week_label(week), "error": exc}
                        )
                        continue
                if value != old and not (value == 0 and old is None):
                    counts[(row.channel, week)] = value
        if not errors:
            try:
                changed = services.media_tallies_save(actor=request.user, unit=unit, counts=counts)
            except DomainError as exc:
                errors.append(str(exc))
            else:
                messages.success(
                    request,
                    _("Đã lưu %(n)d ô.") % {"n": changed}
                    if changed
                    else _("Không có gì thay đổi."),
                )
                return redirect(request.get_full_path())
    previous = week_code(week_of(monday(weeks[0]) - timedelta(days=1)))
    following = monday(weeks[-1]) + timedelta(weeks=TALLY_WEEKS)
    return render(
        request,
        "media/tallies.html",
        {
            **page_context(request, unit, None, "tallies"),
            "title": _("Số lượng tin, bài theo tuần"),
            "weeks": [(w, f"t-{w[0]}-{w[1]}", week_label(w), monday(w)) for w in weeks],
            "rows": rows,
            "values": values,
            "errors": errors,
            "can_edit": can_edit,
            "entry_units": selectors.entry_units(request.user)[:300],
            "previous": previous,
            "following": week_code(week_of(following)) if following <= timezone.localdate() else "",
        },
    )


# --- banners ----------------------------------------------------------------------------------


@login_required
def banner_list(request: AuthenticatedRequest) -> HttpResponse:
    unit = page_unit(request)
    banners = selectors.banners_for(user=request.user, unit=unit)
    return render(
        request,
        "media/banner_list.html",
        {
            **page_context(request, unit, None, "banners"),
            "title": _("Băng rôn, pa nô, khẩu hiệu"),
            "page": PageQuery.of(request).paginate(banners, 50),
        },
    )


def _banner_fields(data: dict[str, Any]) -> services.BannerFields:
    """What a banner form gives the create and update services alike."""
    return {
        "place": data["place"],
        "kind": data["kind"],
        "count": data["count"],
        "date_from": data["date_from"],
        "date_to": data.get("date_to"),
        "content": data.get("content") or "",
        "photo": upload_of(data, "photo_file"),
    }


def _banner_save(request: AuthenticatedRequest, banner: Banner | None, data: Any) -> Banner:
    if banner is None:
        return services.banner_create(actor=request.user, unit=data["unit"], **_banner_fields(data))
    return services.banner_update(actor=request.user, banner=banner, **_banner_fields(data))


@login_required
def banner_form(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Adding a banner to the register and editing one (`pk`): one body. A new banner goes
    to one of the units the user enters for; an edited one stays in its unit."""
    banner = selectors.banner_get(user=request.user, pk=pk) if pk is not None else None
    units: Iterable[OrgUnit]
    if banner is None:
        units, _first = entry_units_or_403(request)
    else:
        require_cap(request.user, Cap.DATA_ENTER, banner.org_unit)
        units = [banner.org_unit]
    form = BannerForm(request.POST or None, request.FILES or None, instance=banner, units=units)
    saved = submit(
        request,
        form,
        lambda data: _banner_save(request, banner, data),
        success=_("Đã lưu.") if banner else _("Đã ghi vào sổ băng rôn, pa nô."),
    )
    if saved:
        return redirect(with_unit("media:banners", saved.result.org_unit))
    return render(
        request,
        "media/banner_form.html",
        {
            "title": _("Sửa băng rôn, pa nô") if banner else _("Thêm băng rôn, pa nô"),
            "form": form,
            "banner": banner,
        },
    )


# --- channels -----------------------------------------------------------------------------------


@login_required
def channel_list(request: AuthenticatedRequest) -> HttpResponse:
    unit = page_unit(request)
    units = selectors.entry_units(request.user)
    form = ChannelForm(request.POST or None, units=units, initial={"unit": unit})
    if request.method == "POST":
        if not units.exists():
            raise PermissionDenied
        if submit(
            request,
            form,
            lambda data: services.channel_create(actor=request.user, **data),
            success=_("Đã thêm kênh."),
        ):
            return redirect(with_unit("media:channels", unit))
    channels = list(selectors.channels_for(user=request.user, unit=unit))
    return render(
        request,
        "media/channels.html",
        {
            **page_context(request, unit, None, "channels"),
            "title": _("Kênh tuyên truyền"),
            "channels": [(c, has_cap(request.user, Cap.DATA_ENTER, c.org_unit)) for c in channels],
            "form": form if units.exists() else None,
        },
    )


@login_required
@require_POST
def channel_toggle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    channel = selectors.channel_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DATA_ENTER, channel.org_unit)
    services.channel_set_active(actor=request.user, channel=channel, active=not channel.active)
    messages.success(request, _("Đã cập nhật kênh."))
    return redirect(with_unit("media:channels", page_unit(request)))
