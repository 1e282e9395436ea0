"""The address a request came from, for sign-in throttling.

Behind the TLS proxy the README recommends, every request arrives from the proxy's
address; the proxy appends the address it was connected from to X-Forwarded-For. With
TRUSTED_PROXY on, and the request arriving from one of TRUSTED_PROXY_ADDRESSES, that
last hop is the client: earlier entries are whatever the client sent and are never
believed. Otherwise the header is ignored, since anyone could write it. An entry that
is not an address (a port, a name) is not believed either.
Guarded by tests/test_sign_in_throttling.py."""

from __future__ import annotations

import ipaddress
import logging
import re

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)
# "203.0.113.9:5555" and "[2001:db8::1]:443": proxies may add the client's port.
WITH_PORT = re.compile(r"^\[?(?P<address>[^\]]+?)\]?(?::\d+)?$")


def client_address(request: HttpRequest) -> str | None:
    connected = request.META.get("REMOTE_ADDR")
    if settings.PORTAL_TRUSTED_PROXY and connected in settings.PORTAL_TRUSTED_PROXY_ADDRESSES:
        hop = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        address = _address(hop)
        if address:
            return address
        if hop:
            logger.warning("X-Forwarded-For ends in %r, not an address: using the proxy's", hop)
    return connected


def _address(written: str) -> str | None:
    """`written` as an IP address, without any port; None if it is not one."""
    match = WITH_PORT.match(written)
    for candidate in (written, match.group("address") if match else ""):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
