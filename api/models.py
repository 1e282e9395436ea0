"""Personal API tokens, and the log of their use.

A token is shown once, when it is made; only its SHA-256 is kept, so a copy of the
database gives no one a working token (tests/test_api_tokens.py). A token reads as its
person, with their roles at the time of each request: revoking the token, switching the
sign-in off or taking the roles away all stop it."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# "tsp_" names where a token came from when it turns up in a log or a leaked file.
TOKEN_PREFIX = "tsp_"
NAME_LENGTH = 100


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token_text() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def for_account_page(self, user: User) -> ApiTokenQuerySet:
        """A person's tokens, newest first, with when each was last used."""
        return (
            self.filter(user=user)
            .annotate(last_used_at=models.Max("uses__at"))
            .order_by("revoked_at", "-created_at")
        )

    def authenticating(self, token: str) -> ApiTokenQuerySet:
        """The live token with this text, with its user, in one query."""
        return self.live().filter(digest=token_digest(token)).select_related("user")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=NAME_LENGTH, help_text="What it is for, e.g. “Power BI: programme board pack”."
    )
    # The first characters, to tell tokens apart on the account page; not enough to use.
    hint = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class ApiTokenUse(models.Model):
    """One request made with a token: what was asked, from where, and the answer."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    address = models.CharField(max_length=45, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["token", "-at"], name="api_token_use_latest")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.path} {self.status}"
