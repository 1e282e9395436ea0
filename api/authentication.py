"""`Authorization: Bearer <token>` for the API, through DRF's authentication hook.

Only a token signs a request in: the API takes no session cookie, so a page elsewhere
cannot make a signed-in person's browser read it (tests/test_api.py)."""

from __future__ import annotations

import logging
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from core.client_address import client_address

from .tokens import token_user

logger = logging.getLogger(__name__)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _, text = header.partition(" ")
        if scheme.lower() != self.keyword.lower() or not text.strip() or " " in text.strip():
            raise exceptions.AuthenticationFailed(
                "Send your API token as: Authorization: Bearer <token>"
            )
        found = token_user(text.strip())
        if found is None:
            logger.warning(
                "API request with an unknown or revoked token from %s",
                client_address(request._request),
            )
            raise exceptions.AuthenticationFailed(
                "This API token is not valid: it may have been revoked. Make a new one on "
                "your account page."
            )
        token, user = found
        return user, token

    def authenticate_header(self, request: Request) -> str:
        # A 401 rather than a 403 for a request without a token, saying what to send.
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Says in the OpenAPI document how the API is signed in to (drf-spectacular's hook)."""

    target_class = BearerTokenAuthentication
    name = "BearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A personal API token."}
