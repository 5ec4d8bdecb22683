"""The small chart of a target on the leaders' dashboard, as an SVG image.

Sent gzipped when the browser takes it (almost always), with the cache key as its ETag so a
dashboard opened again gets 304s for the charts whose data did not change. Compressing a
response beside a secret is what BREACH attacks; this one holds only a target's figures,
which its reader already sees in the table beside it and which nothing secret shares a
response with, so there is nothing for that attack to recover.
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.csp import svg_image
from trienkhai.core.sessions import keep_session
from trienkhai.dashboard.charts import chart_image, small_chart
from trienkhai.plans.selectors import target_get

# Long enough for the dashboard's reloads in a meeting, short enough that a value entered
# in the office shows on the next visit even without revalidation.
MAX_AGE = 5 * 60
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _not_modified(request: AuthenticatedRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    # A proxy that recompresses may weaken the tag; the picture is still the same.
    tags = [t.removeprefix("W/") for t in parse_etags(header)]
    return "*" in tags or etag in tags


def _headers(response: HttpResponse, etag: str) -> HttpResponse:
    keep_session(response)
    response["ETag"] = etag
    # Private: the image is behind a login, and a shared cache must not hand it to another.
    patch_cache_control(response, private=True, max_age=MAX_AGE)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


@login_required
@require_safe
@svg_image
def target_chart(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_get(user=request.user, pk=pk)
    small = small_chart(target=target)
    etag = f'"{small.key}"'
    if _not_modified(request, etag):
        return _headers(HttpResponseNotModified(), etag)
    image = chart_image(small)
    if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(image.gzipped, content_type="image/svg+xml")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(image.svg, content_type="image/svg+xml")
    return _headers(response, etag)
