"""The break-glass sign-in: a password form for the administrators named in
PORTAL_BREAK_GLASS_USERNAMES, for the day the council's provider is down. It refuses everyone
else, whether or not password sign-in is on (tests/test_sign_in_with_oidc.py)."""

from typing import Any

from core.sign_in import SignInForm

from ..password_backend import is_break_glass
from .sign_in import PasswordSignInView


class BreakGlassForm(SignInForm):
    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not is_break_glass(user):
            raise self.get_invalid_login_error()


class BreakGlassSignInView(PasswordSignInView):
    template_name = "identity/break_glass.html"
    authentication_form = BreakGlassForm
    break_glass = True
