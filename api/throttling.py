"""A limit on each token's requests: a BI tool refreshing on a schedule needs far fewer,
and a leaked token is slowed while it is revoked. The rate is PORTAL_API_RATE, read at
each request (tests/test_api.py), and counted in the cache (README, The API)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PerTokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_rate(self):
        return settings.PORTAL_API_RATE

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
