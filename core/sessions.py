"""Signing out after inactivity, without a database write on every request.

Django's SESSION_SAVE_EVERY_REQUEST would rewrite the session row on each page.
Instead the session is marked active at most once a minute: saving it restarts
its SESSION_COOKIE_AGE, so a session ends SESSION_IDLE_MINUTES (±1) after the
last request.
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

REFRESH_SECONDS = 60
SEEN = "_portal_seen"


def idle_timeout_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        # Only a session that exists: an API request signs in by its token and has none
        # to keep alive (tests/test_api_query_counts.py).
        if (
            session is not None
            and session.session_key is not None
            and user is not None
            and user.is_authenticated
        ):
            now = int(time.time())
            if now - session.get(SEEN, 0) >= REFRESH_SECONDS:
                session[SEEN] = now  # modified: the session middleware saves it, with a new expiry
        return response

    return middleware


@receiver(user_logged_in)
def mark_seen_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = int(time.time())
