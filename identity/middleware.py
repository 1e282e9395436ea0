"""Someone the council's provider let in, to whom no one has given a role yet, sees only the
page that says so (and can sign out). Password sign-ins are as they were: an administrator
made those by hand (tests/test_sign_in_with_oidc.py)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from core.roles import roles_of

# What a person without a role may still reach.
OPEN_URL_NAMES = ("identity:waiting", "logout", "accessibility", "healthz", "rag_css")


def waiting_for_access_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and request.session.get(BACKEND_SESSION_KEY) == settings.PORTAL_OIDC_BACKEND
            and not roles_of(request.user)
            and request.path not in {reverse(name) for name in OPEN_URL_NAMES}
        ):
            return redirect("identity:waiting")
        return get_response(request)

    return middleware
