"""One settings module, configured from the environment.

Every variable is read here and nowhere else. A value that cannot be
understood stops the process with ImproperlyConfigured rather than being
quietly replaced by a default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .environment import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            "For local development run with DEBUG=true (make run does)."
        )
    # Development only: a fixed key is harmless when DEBUG is on and no real
    # data is served, and it keeps sessions alive across restarts.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name at least one host when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # django.contrib.admin, with a site that asks for a second factor (identity/admin_site.py).
    "identity.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "rest_framework",
    "drf_spectacular",
    # Lowest layer first (README, Layout): the base, the domain apps, the read-side
    # features, then the project package.
    "core",
    "programmes",
    "identity",
    "meetings",
    "projects",
    "contracts",
    "dashboards",
    "reports",
    "notifications",
    "api",
    "demo",
    "portal",
]

MIDDLEWARE = [
    "core.request_id.request_id_middleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): a second factor shown in this session (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "core.sessions.idle_timeout_middleware",
    # Someone the council's provider let in with no role yet sees only the waiting page.
    "identity.middleware.waiting_for_access_middleware",
    # An administrator's session without a second factor reaches only the pages that ask
    # for one (identity/second_factor.py).
    "identity.second_factor.second_factor_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The council's OpenID Connect provider (identity/oidc_backend.py); inert while
# PORTAL_OIDC_ISSUER is unset. A session it began is told apart by this name: such a session
# showed its second factor to the provider (identity.second_factor.signed_in_with_provider).
PORTAL_OIDC_BACKEND = "identity.oidc_backend.CouncilAccountBackend"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, refusing passwords when PORTAL_PASSWORD_SIGN_IN is off but for
    # the break-glass administrators: /admin/login/ too (tests/test_sign_in_with_oidc.py).
    "identity.password_backend.PasswordBackend",
    PORTAL_OIDC_BACKEND,
]

# Widgets render with the project's templates (the GOV.UK date input lives there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.navigation.navigation",
                "csp.context_processors.nonce",
            ],
        },
    },
]


# Sign-in throttling: after AXES_FAILURE_LIMIT wrong passwords for a username from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES (an administrator can
# unlock it sooner by deleting its access attempts in the admin).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
# Attempts while locked out (the right password too) do not restart the cool-off: an
# attacker could otherwise keep a user out for good (tests/test_sign_in_throttling.py).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's address, from the proxy's own hop when TRUSTED_PROXY is on
# (tests/test_sign_in_throttling.py).
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_VERBOSE = False

from .settings_sign_in import *  # noqa: E402, F403 - PORTAL_OIDC_*, OIDC_*, break-glass

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}"),
        # A worker keeps its connection between requests (checked before reuse), rather
        # than opening one a request: PostgreSQL starts a process for each connection
        # (README, Benchmarks; tests/test_settings.py).
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code when its estimated cost passes
    # jit_above_cost. The portal's queries run in milliseconds and compiling them takes
    # longer than running them (README, Benchmarks). `?options=...` in DATABASE_URL
    # overrides this (tests/test_settings.py).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# The papers write 31/03/2022 in tables and 7 March 2022 in prose.
FORMAT_MODULE_PATH = ["core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
# dist: the compiled screen assets; print: the reports' own stylesheet, plain CSS.
STATICFILES_DIRS = [BASE_DIR / "static" / "dist", BASE_DIR / "static" / "print"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_SAMESITE = "Lax"
# Signed out after this many minutes without a request (each request restarts the clock).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60  # see core/sessions.py
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style without this response's nonce; nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS only in production: redirect, and tell browsers to remember it for a year.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Only behind a proxy that sets X-Forwarded-Proto and appends to X-Forwarded-For itself:
# otherwise a client could claim https, or another client's address.
PORTAL_TRUSTED_PROXY = env_bool("TRUSTED_PROXY", default=False)
# The proxy's own addresses: X-Forwarded-For is read only from a request that comes
# from one of them (the proxy on the same machine, by default).
PORTAL_TRUSTED_PROXY_ADDRESSES = [
    address.strip()
    for address in os.environ.get("TRUSTED_PROXY_ADDRESSES", "127.0.0.1,::1").split(",")
    if address.strip()
]
if PORTAL_TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

PORTAL_NAME = "Technology strategy programme portal"
# Two-step verification (README, "Two-step verification"): the name authenticator apps
# show beside the code.
OTP_TOTP_ISSUER = os.environ.get("PORTAL_TOTP_ISSUER", PORTAL_NAME)
# Who people write to about accessibility (the accessibility statement names them).
PORTAL_ACCESSIBILITY_CONTACT = os.environ.get(
    "PORTAL_ACCESSIBILITY_CONTACT", "the council's ICT service desk"
)
# Officers owe a status update once per period: weekly, monthly or quarterly.
REPORTING_PERIOD = os.environ.get("PORTAL_REPORTING_PERIOD", "monthly")
if REPORTING_PERIOD not in {"weekly", "monthly", "quarterly"}:
    raise ImproperlyConfigured(
        f"PORTAL_REPORTING_PERIOD={REPORTING_PERIOD!r}: use weekly, monthly or quarterly."
    )
# Links in reminder emails are absolute: the address people reach the portal at.
PORTAL_BASE_URL = os.environ.get(
    "PORTAL_BASE_URL", "http://127.0.0.1:8000" if DEBUG else ""
).rstrip("/")

# Financial RAG: Green within budget, Amber up to this % of budget, Red beyond it
# (the MoJ product dashboard's rule: 110).
PORTAL_FINANCE_AMBER_LIMIT = env_int("PORTAL_FINANCE_AMBER_LIMIT", 110)
if PORTAL_FINANCE_AMBER_LIMIT < 100:
    raise ImproperlyConfigured(
        f"PORTAL_FINANCE_AMBER_LIMIT={PORTAL_FINANCE_AMBER_LIMIT}: use 100 or more (a % of budget)."
    )

# Work away from the request (README, Background work): report PDFs, highlight reports,
# large imports and every email are tasks. "database" queues them in the portal's own
# database for `manage.py run_worker`; "immediate" runs each as it is queued, in the
# process that queued it (the tests, and a one-off command).
PORTAL_TASKS = os.environ.get("PORTAL_TASKS", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if PORTAL_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"PORTAL_TASKS={PORTAL_TASKS!r}: use database or immediate.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[PORTAL_TASKS]}}
# A worker writes that it is alive this often, in seconds; a worker silent for
# PORTAL_WORKER_LOST_AFTER is taken for dead (killed, or its machine gone) and the task it
# was running is queued again (tests/test_worker_end_to_end.py).
PORTAL_WORKER_HEARTBEAT = env_int("PORTAL_WORKER_HEARTBEAT", 10)
PORTAL_WORKER_LOST_AFTER = env_int("PORTAL_WORKER_LOST_AFTER", 60)
if not 0 < PORTAL_WORKER_HEARTBEAT < PORTAL_WORKER_LOST_AFTER:
    raise ImproperlyConfigured(
        "PORTAL_WORKER_HEARTBEAT must be positive and shorter than PORTAL_WORKER_LOST_AFTER."
    )
# A confirmed tracker import of more projects than this is written by the worker, and its
# page follows the worker; a smaller one is written while its page streams.
PORTAL_IMPORT_IN_BACKGROUND_ABOVE = env_int("PORTAL_IMPORT_IN_BACKGROUND_ABOVE", 200)

# Notifications (README, Background work): a milestone moved more than this many days past
# its baseline tells its project's sponsor and programme owner; officers are reminded of
# their updates due this many days before the cut-off.
PORTAL_SLIP_NOTIFY_DAYS = env_int("PORTAL_SLIP_NOTIFY_DAYS", 14)
PORTAL_REMINDER_DAYS_BEFORE = env_int("PORTAL_REMINDER_DAYS_BEFORE", 7)

from .settings_api import *  # noqa: E402, F403 - PORTAL_API_*, REST_FRAMEWORK, SPECTACULAR_SETTINGS

# Tracker imports: the largest workbook taken, in bytes, in rows and in filled or
# formatted cells (all sheets). A sheet is scanned against them before it is parsed.
PORTAL_IMPORT_MAX_BYTES = env_int("PORTAL_IMPORT_MAX_BYTES", 10_000_000)
PORTAL_IMPORT_MAX_ROWS = env_int("PORTAL_IMPORT_MAX_ROWS", 50_000)
PORTAL_IMPORT_MAX_CELLS = env_int("PORTAL_IMPORT_MAX_CELLS", 500_000)
if min(PORTAL_IMPORT_MAX_BYTES, PORTAL_IMPORT_MAX_ROWS, PORTAL_IMPORT_MAX_CELLS) <= 0:
    raise ImproperlyConfigured(
        "PORTAL_IMPORT_MAX_BYTES, PORTAL_IMPORT_MAX_ROWS and PORTAL_IMPORT_MAX_CELLS must be "
        "positive."
    )

LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.request_id.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},  # narrates every layout step at INFO
        "axes": {"level": "WARNING"},  # logs every sign-in at INFO
    },
}
