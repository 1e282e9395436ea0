"""The admin site, open only to a session that has shown a second factor.

PortalAdminConfig (identity/apps.py) makes this the default `admin.site`, so every app's
`admin.register` lands here (Django's documented way to replace the default site)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .second_factor import session_is_strong


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        # Deny by default: staff rights alone are not enough without a second factor,
        # shown here or to the council's provider (tests/test_second_factor.py).
        return super().has_permission(request) and session_is_strong(request)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """No password is taken here: the portal's own sign-in asks for the second factor."""
        if request.user.is_authenticated:
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, settings.LOGIN_URL)
