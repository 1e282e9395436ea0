"""Signing out: the portal's session ends, and someone who signed in with the council's
account is sent to the provider's sign-out (RP-initiated logout) and back to the sign-in
page, where the provider offers one (tests/test_sign_in_with_oidc.py)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from ..oidc_discovery import ProviderUnavailable, oidc_enabled, provider_metadata


class SignOutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        provider_sign_out = provider_sign_out_url(request)  # before the session is gone
        response: HttpResponse = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_sign_out) if provider_sign_out else response


def provider_sign_out_url(request: HttpRequest) -> str | None:
    backend = request.session.get(BACKEND_SESSION_KEY)
    if not oidc_enabled() or backend != settings.PORTAL_OIDC_BACKEND:
        return None
    try:
        endpoint = provider_metadata().end_session_endpoint
    except ProviderUnavailable:
        return None  # the portal's own session ends all the same
    if not endpoint:
        return None
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    if id_token := request.session.get("oidc_id_token"):
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"
