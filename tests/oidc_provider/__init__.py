"""A real OpenID Connect provider for the tests: a tiny Django project around
django-oidc-provider, run on loopback in a process of its own by
tests/test_sign_in_with_oidc.py (start.py). It stands in for Entra ID: RS256 ID tokens with
the standard claims and a `groups` claim, discovery, JWKS, userinfo and end-session."""
