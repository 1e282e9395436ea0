"""Signing in with the council's account: mozilla-django-oidc's backend, through its
documented extension points, with the checks it leaves to its users.

The library checks the ID token's signature, expiry and nonce; this adds its issuer and
audience (a token another Entra ID tenant signed has the same keys behind it), the email
domain (and Google's hosted domain), and who the account is here
(identity/council_people.py). Each refusal raises SignInRefused, which the callback view
shows on the sign-in page (tests/test_sign_in_with_oidc.py, tests/test_council_accounts.py).
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .council_people import (
    SignInRefused,
    account_for,
    bind,
    bound_user,
    check_may_bind,
    email_domain_allowed,
    match,
    set_roles_from_groups,
)
from .oidc_discovery import oidc_enabled, oidc_setting

__all__ = ["CouncilAccountBackend", "SignInRefused"]

# Every Google account, a personal one on a council's address too, has this issuer.
GOOGLE_HOST = "accounts.google.com"


class CouncilAccountBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce: a password form's POST never reaches the
        # provider, whatever its query string holds.
        if not oidc_enabled() or "nonce" not in kwargs:
            return None
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def get_user(self, user_id: Any) -> User | None:
        # Every request of a session this backend began: it ends when the person is switched
        # off, or council sign-in is, as PasswordBackend's do (tests/test_council_accounts.py).
        if not oidc_enabled():
            return None
        user: User | None = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        issuer = settings.PORTAL_OIDC_ISSUER
        if payload.get("iss") != issuer:
            raise SignInRefused(
                f"Your sign-in was refused: it was issued by {payload.get('iss')}, not by the "
                "council's sign-in service. Ask the ICT service desk if this keeps happening."
            )
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        client_id = self.OIDC_RP_CLIENT_ID
        # OpenID Connect Core 3.1.3.7: with several audiences, the token must have been
        # issued to this portal (azp), not to another of them; an `azp` given with one
        # audience must be the portal's too.
        needs_azp = len(audiences) > 1 or "azp" in payload
        if client_id not in audiences or (needs_azp and payload.get("azp") != client_id):
            raise SignInRefused("Your sign-in was refused: it was not issued for this portal.")
        return payload

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        userinfo: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):  # OpenID Connect Core 5.3.2
            raise SignInRefused("Your sign-in was refused: the provider described someone else.")
        # The ID token's claims win: it is signed, and Entra ID sends groups only in it.
        return {**userinfo, **payload}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        email = claims.get("email")
        if not email or claims.get("email_verified") is False:
            raise SignInRefused(
                "Your council account did not give a confirmed email address, so the portal "
                "cannot tell who you are. Ask the ICT service desk."
            )
        if not claims.get("sub"):
            raise SignInRefused("Your sign-in was refused: the provider did not say who you are.")
        if not email_domain_allowed(email):
            raise SignInRefused(
                f"{email} is not an address of a council that uses this portal, so you "
                "cannot sign in with it."
            )
        # Google's issuer is every Google account's: only its `hd` claim says the account is
        # the council's Workspace (tests/test_council_accounts.py).
        hosted_domain = str(claims.get("hd") or "").lower()
        if (
            urlsplit(settings.PORTAL_OIDC_ISSUER).hostname == GOOGLE_HOST
            and hosted_domain not in settings.PORTAL_OIDC_ALLOWED_DOMAINS
        ):
            raise SignInRefused(
                f"The Google account for {email} is not one of the council's Google Workspace "
                "accounts, so you cannot sign in with it. Sign in with your council account."
            )
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> list[User]:
        user = bound_user(claims)
        if user is None:  # the first sign-in with this council account
            user = match(claims["email"]).user
            if user is not None:
                check_may_bind(user, claims)
        return [user] if user is not None else []

    def create_user(self, claims: dict[str, Any]) -> User:
        return self.update_user(account_for(claims), claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        if bind(user, claims):
            account_for(claims)  # links the Person, if they were not yet
        set_roles_from_groups(user, _groups(claims))
        return user


def _groups(claims: dict[str, Any]) -> list[str] | None:
    """The groups claim's values; None when Entra ID left them out for being too many (its
    "overage": `_claim_names` names the claim, to be read from Microsoft Graph)."""
    name = settings.PORTAL_OIDC_GROUPS_CLAIM
    if name in (claims.get("_claim_names") or {}) or (
        name not in claims and ("_claim_sources" in claims or claims.get("hasgroups"))
    ):
        return None
    groups = claims.get(name) or []
    if isinstance(groups, str):
        groups = [groups]
    return [str(group) for group in groups]
