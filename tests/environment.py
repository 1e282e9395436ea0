"""Environment the test run needs before Django starts (loaded with `-p`, ahead
of pytest-django). Tests run with DEBUG off, as production does, so they supply
what production would."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ["DEBUG"] = "false"
# Tasks run as they are queued, in the test's own transaction; the end-to-end worker tests
# start real workers on the database backend (tests/test_worker_end_to_end.py).
os.environ.setdefault("PORTAL_TASKS", "immediate")
# The address emails link to.
os.environ.setdefault("PORTAL_BASE_URL", "https://portal.example.gov.uk")
# The test client and live server speak plain HTTP.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
