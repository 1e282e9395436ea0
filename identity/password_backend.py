"""Password sign-in, which a council can switch off for everyone but its named break-glass
administrators (PORTAL_PASSWORD_SIGN_IN=off, PORTAL_BREAK_GLASS_USERNAMES).

The rule is the backend's, not a page's: the sign-in page, the break-glass page and
/admin/login/ all authenticate through it, so no form can let a password in that it refuses
(tests/test_sign_in_with_oidc.py). django-axes still counts the wrong passwords before it.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from core.roles import ADMINISTRATOR, has_role


def password_sign_in_on() -> bool:
    return bool(settings.PORTAL_PASSWORD_SIGN_IN)


def is_break_glass(user: Any) -> bool:
    """Named in PORTAL_BREAK_GLASS_USERNAMES and an administrator: both, or not at all."""
    return user.username in settings.PORTAL_BREAK_GLASS_USERNAMES and has_role(user, ADMINISTRATOR)


class PasswordBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        # ModelBackend asks this of a password sign-in and of every later request of a
        # session it began: turning passwords off also ends the password sessions.
        if not super().user_can_authenticate(user):
            return False
        return password_sign_in_on() or is_break_glass(user)
