"""The session middleware, with one exception to "save the session on every request".

Sessions slide (SESSION_SAVE_EVERY_REQUEST): each page a user opens keeps them signed in.
A page of the dashboard loads some thirty chart images at once; saving the session for each
is thirty writes of the same row racing each other (SQLite refuses them: "table is locked").
A view whose response says `keeps_session` (an image, a fragment) leaves the session as it
is, unless it changed it; the page around it has already moved the expiry on.
"""

from __future__ import annotations

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse

ATTRIBUTE = "keeps_session"


def keep_session(response: HttpResponse) -> HttpResponse:
    """Mark `response` as one that need not save an unchanged session."""
    setattr(response, ATTRIBUTE, True)
    return response


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        if getattr(response, ATTRIBUTE, False) and session is not None and not session.modified:
            return response
        return super().process_response(request, response)
