"""Signing in with a username and password."""

from django.contrib.auth import views as auth_views

from core.sign_in import SignInForm


class PasswordSignInView(auth_views.LoginView):
    template_name = "core/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
