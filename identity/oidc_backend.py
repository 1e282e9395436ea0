"""Signing in with the council's account: mozilla-django-oidc's backend, through its
documented extension points, with the checks it leaves to its users.

The library checks the ID token's signature, expiry and nonce; this adds its issuer and
audience (a token another Entra ID tenant signed has the same keys behind it), the email
domain, and who the account is here (identity/council_people.py). Each refusal raises
SignInRefused, which the callback view shows on the sign-in page
(tests/test_sign_in_with_oidc.py).
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .council_people import (
    SignInRefused,
    account_for,
    email_domain_allowed,
    match,
    set_roles_from_groups,
)
from .oidc_discovery import oidc_enabled, oidc_setting

__all__ = ["CouncilAccountBackend", "SignInRefused"]


class CouncilAccountBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce: a password form's POST never reaches the
        # provider, whatever its query string holds.
        if not oidc_enabled() or "nonce" not in kwargs:
            return None
        user: User | None = super().authenticate(request, **kwargs)
        return user

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
        if self.OIDC_RP_CLIENT_ID not in audiences:
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
        if not email_domain_allowed(email):
            raise SignInRefused(
                f"{email} is not an address of a council that uses this portal, so you "
                "cannot sign in with it."
            )
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> list[User]:
        user = match(claims["email"]).user
        return [user] if user is not None else []

    def create_user(self, claims: dict[str, Any]) -> User:
        return self.update_user(account_for(claims), claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        account_for(claims)  # links the Person, if they were not yet
        set_roles_from_groups(user, _groups(claims))
        return user


def _groups(claims: dict[str, Any]) -> list[str]:
    groups = claims.get(settings.PORTAL_OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return [str(group) for group in groups]
