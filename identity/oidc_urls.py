"""mozilla-django-oidc's addresses, at /oidc/, with the portal's views behind them. The
provider's redirect URI is <portal>/oidc/callback/ (README, "Signing in with the council's
account"). The library reverses these names unprefixed, so they have no namespace."""

from django.urls import path

from .views.council_account import CouncilCallbackView, CouncilSignInView

urlpatterns = [
    path("authenticate/", CouncilSignInView.as_view(), name="oidc_authentication_init"),
    path("callback/", CouncilCallbackView.as_view(), name="oidc_authentication_callback"),
]
