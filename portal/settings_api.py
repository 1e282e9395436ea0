"""Settings of the read-only API for BI tools (README, The API); portal/settings.py reads
them in."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

from .environment import env_int

# The read-only API for BI tools (README, The API): personal Bearer tokens only, no
# session cookie; pages of 100; JSON or CSV. Each token may make PORTAL_API_RATE requests
# (DRF's "N/minute" or "N/hour"), counted in each server process's cache.
PORTAL_API_RATE = os.environ.get("PORTAL_API_RATE", "120/minute")
if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", PORTAL_API_RATE):
    raise ImproperlyConfigured(
        f"PORTAL_API_RATE={PORTAL_API_RATE!r}: write it as 120/minute (or /second, /hour, /day)."
    )
# Each use of a token is logged; `run_schedule` forgets uses older than this.
PORTAL_API_LOG_DAYS = env_int("PORTAL_API_LOG_DAYS", 400)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.access.MayReadThroughApi"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.csv_rendering.ApiCsvRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Money as numbers, not strings: BI tools sum them.
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Technology strategy programme portal API",
    "DESCRIPTION": (
        "Read-only. Send a personal API token (made on your account page) as "
        "`Authorization: Bearer <token>`. Add `format=csv` for CSV."
    ),
    "VERSION": "1",
    # 3.1: a nullable nested record (a project with no RAG yet) is written so that
    # validators agree on it; 3.0's `nullable` beside `allOf` is read two ways.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
