"""The council's provider, as its discovery document describes it.

Read from <issuer>/.well-known/openid-configuration the first time a sign-in needs it, with a
timeout, and kept for an hour: never at import, so the portal starts (and password sign-in
works) while the provider is unreachable. Entra ID, Google Workspace, Okta and Keycloak all
publish one, so the issuer, a client id and a secret are all a council configures.
"""

import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.utils.functional import lazy
from mozilla_django_oidc.utils import import_from_settings

KEEP_FOR_SECONDS = 3600


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not fit: the sign-in page
    says so, and the log has the detail."""


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str | None  # RP-initiated sign-out, where the provider offers it


_kept: dict[str, tuple[float, ProviderMetadata]] = {}
_lock = threading.Lock()


def oidc_enabled() -> bool:
    return bool(settings.PORTAL_OIDC_ISSUER)


def provider_metadata() -> ProviderMetadata:
    issuer = settings.PORTAL_OIDC_ISSUER
    with _lock:
        kept = _kept.get(issuer)
    if kept and time.monotonic() - kept[0] < KEEP_FOR_SECONDS:
        return kept[1]
    metadata = _discover(issuer)
    with _lock:
        _kept[issuer] = (time.monotonic(), metadata)
    return metadata


def _discover(issuer: str) -> ProviderMetadata:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"Could not read {url}: {error}") from error
    # OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was
    # asked for; Entra ID's "common" endpoint, or a tenant named by domain, does not.
    if document.get("issuer") != issuer:
        raise ProviderUnavailable(
            f"{url} names the issuer {document.get('issuer')!r}, not PORTAL_OIDC_ISSUER "
            f"{issuer!r}: set PORTAL_OIDC_ISSUER to exactly the provider's issuer."
        )
    try:
        return ProviderMetadata(
            issuer=issuer,
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            userinfo_endpoint=document["userinfo_endpoint"],
            jwks_uri=document["jwks_uri"],
            end_session_endpoint=document.get("end_session_endpoint"),
        )
    except KeyError as missing:
        raise ProviderUnavailable(f"{url} does not give {missing}.") from None


def _endpoint(name: str) -> str:
    value: str = getattr(provider_metadata(), name)
    return value


# mozilla-django-oidc reads its endpoints from settings as its backend and views are built,
# which Django does for every sign-in (password ones too); a lazy string defers discovery to
# the moment an endpoint is used.
_lazy_endpoint = lazy(_endpoint, str)
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def oidc_setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's documented `get_settings`, with the endpoints discovered."""
    if attr in DISCOVERED:
        return _lazy_endpoint(DISCOVERED[attr])
    return import_from_settings(attr, *default)
