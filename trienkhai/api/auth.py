"""Bearer tokens without a table: a signed, timestamped `<user id>.<fingerprint>`.

The fingerprint is an HMAC of the user's password hash, so changing (or resetting) the
password revokes every token issued before; the signature's timestamp gives the 30-day
lifetime. Nothing is stored, so several app servers verify tokens alike.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac
from ninja.security import HttpBearer

from trienkhai.accounts.models import User

TOKEN_MAX_AGE = timedelta(days=30)
_SIGNER_SALT = "trienkhai.api.token"
_FINGERPRINT_SALT = "trienkhai.api.token.password"


def _fingerprint(user: User) -> str:
    return salted_hmac(_FINGERPRINT_SALT, user.password, algorithm="sha256").hexdigest()[:24]


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_SIGNER_SALT)


def token_issue(user: User) -> str:
    return _signer().sign(f"{user.pk}.{_fingerprint(user)}")


def token_user(token: str) -> User | None:
    """The active user a token belongs to, or None (bad, expired or revoked token)."""
    try:
        value = _signer().unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    user_id, _, fingerprint = value.partition(".")
    if not user_id.isdigit():
        return None
    user = User.objects.filter(pk=int(user_id), is_active=True).first()
    if user is None or not constant_time_compare(fingerprint, _fingerprint(user)):
        return None
    # A user holding a one-time code must choose a password in the web app first.
    if user.must_change_password:
        return None
    return user


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return token_user(token)


def request_user(request: HttpRequest) -> User:
    """The token's user (`BearerAuth` let the request through)."""
    user: User = request.auth  # type: ignore[attr-defined]
    return user
