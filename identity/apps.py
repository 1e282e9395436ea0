from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Who someone is and how they proved it: password or the council's OpenID Connect
    provider, a second factor, and their own account page. It sits on the programmes app
    (a sign-in is matched to its Person by email); the features above link to it by URL
    name only."""

    name = "identity"
    verbose_name = "Sign-in and identity"
