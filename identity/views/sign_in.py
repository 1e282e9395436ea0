"""Signing in with a username and password."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseNotAllowed

from core.sign_in import SignInForm

from .. import second_factor
from ..oidc_discovery import oidc_enabled
from ..password_backend import password_sign_in_on


class PasswordSignInView(auth_views.LoginView):
    template_name = "core/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    break_glass = False  # the break-glass page's form is open when password sign-in is off

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "council_account": oidc_enabled(),
            "password_sign_in": password_sign_in_on(),
        }

    def post(self, request, *args, **kwargs):
        # With password sign-in off this page has no form to post: the break-glass page has
        # (identity/views/break_glass.py; tests/test_sign_in_with_oidc.py).
        if not (password_sign_in_on() or self.break_glass):
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # A person with a second factor, or who must have one, is not signed in until they
        # show it (identity/second_factor.py; tests/test_second_factor.py).
        step = second_factor.second_step(self.request, form.get_user(), self.get_success_url())
        return step or super().form_valid(form)
