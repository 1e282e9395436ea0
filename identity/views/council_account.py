"""Signing in with the council's account: mozilla-django-oidc's views, which say on the
sign-in page why a sign-in failed, and the page a newcomer waits on for a role."""

import logging
from typing import Any

import requests
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from mozilla_django_oidc import views as oidc_views

from core.roles import roles_of

from ..council_people import SignInRefused
from ..oidc_discovery import ProviderUnavailable, oidc_enabled, oidc_setting

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "The council's sign-in service cannot be reached just now. Try again in a few minutes, "
    "or ask the ICT service desk."
)
FAILED = "You could not be signed in with your council account. Try again."


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    messages.error(request, reason)
    return HttpResponseRedirect(reverse("login"))


class WhileCouncilSignInIsOn:
    """The library's views, with the settings read for the configured provider, and not
    there at all (404) while council sign-in is off."""

    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc_enabled():
            raise Http404("Signing in with a council account is not set up.")
        response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response


class CouncilSignInView(WhileCouncilSignInIsOn, oidc_views.OIDCAuthenticationRequestView):
    """/oidc/authenticate/: off to the provider."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            response: HttpResponse = super().get(request)
        except ProviderUnavailable as error:
            logger.error("OpenID Connect provider unavailable: %s", error)
            return _refused(request, UNAVAILABLE)
        return response


class CouncilCallbackView(WhileCouncilSignInIsOn, oidc_views.OIDCAuthenticationCallbackView):
    """/oidc/callback/: where the provider sends the person back, with a code."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            response: HttpResponse = super().get(request)
        except SignInRefused as refusal:
            logger.warning("Council sign-in refused: %s", refusal)
            return _refused(request, str(refusal))
        except (ProviderUnavailable, requests.RequestException) as error:
            logger.error("OpenID Connect provider unavailable: %s", error)
            return _refused(request, UNAVAILABLE)
        except SuspiciousOperation as error:
            # The library's own refusals: a bad signature or nonce, a state this browser
            # never asked for (a stale tab, the back button). Said plainly, not as a 400.
            logger.warning("Council sign-in failed: %s", error)
            return _refused(request, FAILED)
        return response

    def login_failure(self) -> HttpResponse:
        return _refused(self.request, FAILED)


@login_required
def waiting_page(request: HttpRequest) -> HttpResponse:
    """Signed in, but with no role yet: every other page sends them here
    (identity/middleware.py)."""
    if roles_of(request.user):
        return redirect("home")
    return render(request, "identity/waiting.html", {})
