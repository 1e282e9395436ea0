"""Making, revoking and checking personal API tokens: the one place tokens are written."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.roles import ADMINISTRATOR, has_role

from .models import NAME_LENGTH, ApiToken, ApiTokenUse, new_token_text, token_digest

logger = logging.getLogger(__name__)
MAX_LIVE_TOKENS = 10


class TokenRefused(Exception):
    """A token cannot be made or revoked; the message says why, for the person."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    text: str  # shown once, never stored


@transaction.atomic
def token_issue(*, user: User, name: str, by: User | None = None) -> NewToken:
    """A new token for `user`, made by them (or by an administrator's command)."""
    name = name.strip()
    if not name:
        raise TokenRefused("Enter what the token is for")
    if len(name) > NAME_LENGTH:
        raise TokenRefused("What the token is for must be 100 characters or fewer")
    if not user.is_active:
        raise TokenRefused(f"{user.get_username()}'s sign-in is switched off")
    # Counted under a lock on the person's row, so two forms sent at once cannot both
    # pass the limit (tests/test_api_tokens.py).
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.live().filter(user=user).count() >= MAX_LIVE_TOKENS:
        raise TokenRefused(
            f"You have {MAX_LIVE_TOKENS} tokens already: revoke one you no longer use first"
        )
    text = new_token_text()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        hint=text[:8],
        digest=token_digest(text),
        created_by=by or user,
    )
    logger.info("API token %s made for %s", token.pk, user.get_username())
    return NewToken(token, text)


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> None:
    """Stops a token for good. Its owner may revoke it; so may an administrator."""
    if token.user_id != by.pk and not has_role(by, ADMINISTRATOR):
        raise TokenRefused("You can only revoke your own tokens")
    revoked = (
        ApiToken.objects.live().filter(pk=token.pk).update(revoked_at=timezone.now(), revoked_by=by)
    )
    if revoked:
        logger.info("API token %s revoked by %s", token.pk, by.get_username())


def token_user(text: str) -> tuple[ApiToken, User] | None:
    """The live token with this text and the person it reads as, if it is good."""
    token = ApiToken.objects.authenticating(text).first()
    if token is None or not token.user.is_active:
        return None
    return token, token.user


def token_use_record(*, token: ApiToken, path: str, status: int, address: str | None) -> None:
    ApiTokenUse.objects.create(token=token, path=path[:500], status=status, address=address or "")
