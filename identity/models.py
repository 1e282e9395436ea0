"""What the identity app keeps of its own: the audit of second factors removed by another
administrator, and which council account (the provider's issuer and `sub`) signs in as
whom. The factors themselves are django-otp's devices (TOTPDevice for the
authenticator app, StaticDevice and its StaticTokens for recovery codes)."""

from django.conf import settings
from django.db import models


class SecondFactorReset(models.Model):
    """One lost-device reset: who removed whose second factor, when and why.

    The usernames are kept as they were, so the record still reads right after either
    sign-in is renamed or deleted (tests/test_second_factor.py)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="second_factor_resets",
    )
    person_username = models.CharField(max_length=150)
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="second_factor_resets_made",
    )
    reset_by_username = models.CharField(max_length=150)
    reset_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()

    class Meta:
        ordering = ["-reset_at", "-pk"]
        verbose_name = "two-step verification reset"

    def __str__(self) -> str:
        return f"{self.person_username}, reset by {self.reset_by_username}"


class CouncilAccount(models.Model):
    """The council's provider's own, permanent name for a person (issuer and `sub`), bound to
    their sign-in at their first sign-in through it, or by an administrator here. Later
    sign-ins are found by it, not by the email address, which can change hands
    (tests/test_council_accounts.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_account"
    )
    issuer = models.CharField(max_length=255, help_text="PORTAL_OIDC_ISSUER, exactly.")
    subject = models.CharField(
        max_length=255,
        help_text="The provider's `sub` for this person: the refusal they were shown gives it.",
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_sign_in_per_subject")
        ]
        verbose_name = "council account"

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"
