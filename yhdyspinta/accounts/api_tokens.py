"""Personal API tokens: issued on the account page, stored hashed, read-only unless write-enabled.

A key looks like ``<prefix>.<secret>``. The prefix (12 hex characters) is not secret: it is indexed
and unique, finds the row and is what the token list shows. Only the SHA-256 of the whole key is
stored, compared in constant time; the key itself is shown once, right after it is created.

Requests send ``Authorization: Token <key>``. An unknown, malformed, expired or revoked key, or one
of a deactivated user, is a 401 with a message that says which; a read-only token's changing request
(POST, PUT, PATCH, DELETE) is a 403. `last_used` is written at most once a minute, with an
``update()`` so that it leaves no change-log entry.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from yhdyspinta.core.actions import audited

from .models import ApiToken

PREFIX_BYTES = 6  # 12 hex characters
SECRET_BYTES = 32
LAST_USED_EVERY = timedelta(minutes=1)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user, *, description: str = "", write_enabled: bool = False, expires=..., actor=None):
    """Creates a token for `user`; returns (token, key). The key is not stored and cannot be shown again.

    `expires`: a datetime, None for no expiry, or left out for the default (API_TOKEN_DEFAULT_DAYS).
    """
    key = f"{secrets.token_hex(PREFIX_BYTES)}.{secrets.token_urlsafe(SECRET_BYTES)}"
    token = ApiToken(user=user, description=description, write_enabled=write_enabled,
                     prefix=key.split(".", 1)[0], key_hash=hash_key(key))
    if expires is not ...:
        token.expires = expires
    with audited(actor if actor is not None else user):
        token.save()
    return token, key


def revoke(token: ApiToken, *, actor) -> None:
    """Revokes a token of `actor` (superusers: anyone's). The row stays, so a reused key is refused by name."""
    from django.core.exceptions import PermissionDenied

    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied
    if token.revoked_at is None:
        with audited(actor):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])


class ApiTokenAuthentication(TokenAuthentication):
    """DRF authentication with `accounts.ApiToken` (replaces DRF's plaintext authtoken)."""

    keyword = "Token"

    def authenticate(self, request):
        result = super().authenticate(request)  # parses the header, calls authenticate_credentials
        if result is not None and request.method not in SAFE_METHODS and not result[1].write_enabled:
            raise exceptions.PermissionDenied(_("This API token is read-only; create a token with write "
                                                "access to change data."))
        return result

    def authenticate_credentials(self, key):
        prefix, dot, _secret = key.partition(".")
        if not dot or not prefix:
            raise exceptions.AuthenticationFailed(_("Invalid API token."))
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        if token is None or not hmac.compare_digest(token.key_hash, hash_key(key)):
            raise exceptions.AuthenticationFailed(_("Invalid API token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This API token has been revoked."))
        now = timezone.now()
        if token.expires is not None and token.expires <= now:
            raise exceptions.AuthenticationFailed(_("This API token has expired; create a new one on your "
                                                    "account page."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The API token's user is deactivated."))
        if token.last_used is None or now - token.last_used >= LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return token.user, token
