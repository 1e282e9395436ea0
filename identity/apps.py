from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Who someone is and how they proved it: password or the council's OpenID Connect
    provider, a second factor, and their own account page. It sits on the programmes app
    (a sign-in is matched to its Person by email); the features above link to it by URL
    name only."""

    name = "identity"
    verbose_name = "Sign-in and identity"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .second_factor import drop_someone_elses_steps

        # A half-done sign-in left in the browser does not pass to the next person's session.
        user_logged_in.connect(drop_someone_elses_steps, dispatch_uid="identity.someone_elses")
