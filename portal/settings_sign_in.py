"""Settings for signing in with the council's account (OpenID Connect) and for password
sign-in; portal/settings.py reads them in."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .environment import env_bool, env_list

# Signing in with the council's account (README, "Signing in with the council's account"):
# OpenID Connect through mozilla-django-oidc, off while PORTAL_OIDC_ISSUER is unset. The
# provider's endpoints are read from <issuer>/.well-known/openid-configuration when first
# needed (identity/oidc_discovery.py), never here: the portal starts while the provider is down.
PORTAL_OIDC_ISSUER = os.environ.get("PORTAL_OIDC_ISSUER", "").strip()
OIDC_RP_CLIENT_ID = os.environ.get("PORTAL_OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("PORTAL_OIDC_CLIENT_SECRET", "")
# Only these email domains may sign in this way (a provider may vouch for anyone's address).
PORTAL_OIDC_ALLOWED_DOMAINS = [
    domain.lower().lstrip("@") for domain in env_list("PORTAL_OIDC_ALLOWED_DOMAINS")
]
# "group-id=Officer,other-id=Member": set at every sign-in from the groups claim. Unset,
# administrators give roles and a newcomer waits (identity/middleware.py).
PORTAL_OIDC_GROUPS_CLAIM = os.environ.get("PORTAL_OIDC_GROUPS_CLAIM", "groups").strip()
PORTAL_OIDC_GROUP_ROLES: dict[str, str] = {}
_ROLE_NAMES = {"Officer", "Member", "Clerk", "Administrator"}  # core/roles.py's ROLES
for _pair in env_list("PORTAL_OIDC_GROUP_ROLES"):
    _group, _, _role = (part.strip() for part in _pair.rpartition("="))
    if not _group or _role not in _ROLE_NAMES:
        raise ImproperlyConfigured(
            f"PORTAL_OIDC_GROUP_ROLES: {_pair!r} is not group=role with a role among "
            f"{', '.join(sorted(_ROLE_NAMES))}."
        )
    PORTAL_OIDC_GROUP_ROLES[_group] = _role
OIDC_RP_SCOPES = os.environ.get("PORTAL_OIDC_SCOPES", "openid email profile")
# Password sign-in: off leaves it to the break-glass administrators named here, at
# /sign-in/break-glass/ (identity/password_backend.py).
PORTAL_PASSWORD_SIGN_IN = env_bool("PORTAL_PASSWORD_SIGN_IN", default=True)
PORTAL_BREAK_GLASS_USERNAMES = env_list("PORTAL_BREAK_GLASS_USERNAMES")
if PORTAL_OIDC_ISSUER:
    # Plain http only for a provider on this machine (a developer's Keycloak, the tests'):
    # by host name, not prefix, which http://localhost.evil.example would pass
    # (tests/test_sign_in_with_oidc_settings.py).
    _issuer = urlsplit(PORTAL_OIDC_ISSUER)
    if not _issuer.hostname or not (
        _issuer.scheme == "https"
        or (_issuer.scheme == "http" and _issuer.hostname in {"localhost", "127.0.0.1", "::1"})
    ):
        raise ImproperlyConfigured(
            f"PORTAL_OIDC_ISSUER={PORTAL_OIDC_ISSUER!r}: an issuer is an https:// address, "
            "e.g. https://login.microsoftonline.com/<tenant id>/v2.0."
        )
    if not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
        raise ImproperlyConfigured(
            "PORTAL_OIDC_ISSUER is set: PORTAL_OIDC_CLIENT_ID and PORTAL_OIDC_CLIENT_SECRET "
            "must be too (the provider's app registration gives both)."
        )
    if not PORTAL_OIDC_ALLOWED_DOMAINS:
        raise ImproperlyConfigured(
            "PORTAL_OIDC_ISSUER is set: name the council's email domains in "
            "PORTAL_OIDC_ALLOWED_DOMAINS, e.g. southoxon.gov.uk,whitehorsedc.gov.uk."
        )
elif not PORTAL_PASSWORD_SIGN_IN:
    raise ImproperlyConfigured(
        "PORTAL_PASSWORD_SIGN_IN=off needs PORTAL_OIDC_ISSUER: nobody could sign in otherwise."
    )
# mozilla-django-oidc's own settings. RS256 is the algorithm every provider must offer.
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10  # seconds, for every call to the provider
# Kept for the id_token_hint of the provider's sign-out (identity/views/sign_out.py).
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
