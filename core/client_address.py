"""The address a request came from, for sign-in throttling.

Behind the TLS proxy the README recommends, every request arrives from the proxy's
address; the proxy appends the address it was connected from to X-Forwarded-For. With
TRUSTED_PROXY on, that last hop is the client: earlier entries are whatever the client
sent and are never believed. Without it, the header is ignored, since anyone could write
it. Guarded by tests/test_sign_in_throttling.py."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    if settings.PORTAL_TRUSTED_PROXY:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if hops[-1]:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")
