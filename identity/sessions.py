"""Ending other people's sessions: Django's session store, searched.

The portal keeps Django's own User, whose session auth hash is made from the password
alone; rotating it would mean a custom user model (and a migration) or changing the
person's password. Searching the sessions needs neither. It decodes each live session,
so it is for rare acts (a lost-device reset), never a page's every request; sessions end
after SESSION_IDLE_MINUTES idle, so the live ones are few (tests/test_second_factor_sessions.py).
"""

from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def end_sessions(where: Callable[[dict[str, Any]], bool]) -> int:
    """End every live session whose data `where` picks; the number ended."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        # A cache-only or cookie session cannot be found to end: refuse rather than
        # leave it open (the act that asked fails with it).
        raise ImproperlyConfigured(
            f"SESSION_ENGINE={settings.SESSION_ENGINE!r} keeps no table of sessions to end: "
            "use django.contrib.sessions.backends.db or cached_db."
        )
    store = store_class()
    live = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    rows = live.values_list("session_key", "session_data").iterator()
    doomed = [key for key, data in rows if where(store.decode(data))]
    for key in doomed:
        # Through the store, so cached_db forgets its cached copy too.
        store_class(session_key=key).delete()
    return len(doomed)
