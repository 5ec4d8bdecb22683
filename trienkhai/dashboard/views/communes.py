"""The city's tables of its communes, one per module, sortable, each row linking to the
commune's own page of the module.

``don_vi`` names the level looked at (within the user's own subtrees, else 404); by default
the user's widest one. A level without communes under it has no such table (404).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest, page_unit
from trienkhai.core.pages import PageQuery
from trienkhai.dashboard.communes import MODULES, TABLES, Table, communes_of
from trienkhai.orgs.models import OrgUnit


def city_root(request: AuthenticatedRequest) -> OrgUnit:
    """The level whose communes are shown: ``?don_vi=`` or the user's widest unit."""
    return page_unit(request)


@login_required
def table(request: AuthenticatedRequest, module: str) -> HttpResponse:
    if module not in TABLES:
        raise Http404
    root = city_root(request)
    today = timezone.localdate()
    if not communes_of(root, today).exists():
        raise Http404
    result = TABLES[module](root, today)
    sort = PageQuery.of(request).sort
    links = _sort_links_for(request, result, sort)
    return render(
        request,
        "dashboard/communes.html",
        {
            "title": _("%(module)s — các xã, phường của %(unit)s")
            % {"module": result.title, "unit": root.name},
            "root": root,
            "table": result,
            "rows": [
                (row, [(c, row.cells.get(c.key)) for c in result.columns])
                for row in result.sorted_by(sort)
            ],
            "sort_links": links,
            "headers": [(c, links[c.key]) for c in result.columns],
            "modules": MODULES,
            "today": today,
        },
    )


def _sort_links_for(
    request: AuthenticatedRequest, table: Table, sort: str
) -> dict[str, dict[str, str]]:
    """Per column: the link that sorts by it (toggling) and its arrow. Figures sort lowest
    first, where the city has to look; names A→Z."""
    query = PageQuery.of(request)
    links = {}
    for column in [*table.columns, None]:
        key = column.key if column else "ten"
        active = sort.lstrip("-") == key
        descending = sort.startswith("-")
        target = (f"-{key}" if not descending else key) if active else key
        links[key] = {
            "url": "?" + query.with_(sort=target),
            "arrow": ("↓" if descending else "↑") if active else "",
            "aria": "descending" if active and descending else "ascending" if active else "none",
        }
    return links
