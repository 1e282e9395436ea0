"""Production settings as a council's security team will check them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x9!" + "a-long-random-production-secret-for-the-check-only" * 2,
    "ALLOWED_HOSTS": "portal.example.gov.uk",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
}


def test_production_settings_pass_check_deploy():
    test_only = ("SECURE_", "DJANGO_ALLOW_ASYNC_UNSAFE", "PORTAL_RENDER")
    env = {key: value for key, value in os.environ.items() if not key.startswith(test_only)}
    env.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_healthz_answers_without_signing_in_and_checks_the_database(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_when_the_database_is_down(client, monkeypatch):
    from django.db import DatabaseError, connection

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_pages_send_the_security_headers(client, member):
    client.force_login(member)
    response = client.get(reverse("home"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_session_ends_30_minutes_after_the_last_request(client, member, monkeypatch):
    from django.contrib.sessions.models import Session

    from core import sessions

    clock = [1_000_000.0]
    monkeypatch.setattr(sessions.time, "time", lambda: clock[0])
    client.force_login(member)
    key = client.session.session_key

    def expiry():
        return Session.objects.get(session_key=key).expire_date

    first = expiry()
    clock[0] += 30  # within a minute: no write
    client.get(reverse("home"))
    assert expiry() == first
    clock[0] += 120  # a later request restarts the 30 minutes
    client.get(reverse("home"))
    assert expiry() > first
    assert client.session.get_expiry_age() == 30 * 60


def test_session_cookies_are_http_only_and_same_site(settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_AGE == 30 * 60


@pytest.mark.django_db
def test_weak_passwords_are_refused_by_djangos_validators(member):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short", "password123", "12345678901", "member"):
        with pytest.raises(ValidationError):
            validate_password(weak, member)
    validate_password("correct-horse-battery-staple-portal", member)


@pytest.mark.django_db
def test_the_accessibility_statement_is_linked_from_every_page_and_open_to_all(client):
    from .test_home import text_of

    page = text_of(client.get(reverse("accessibility")))
    for heading in (
        "Accessibility statement for the technology strategy programme portal",
        "How accessible this service is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in page
    sign_in = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("accessibility")}"' in sign_in


@pytest.mark.django_db
def test_every_response_carries_a_request_reference(client):
    made = client.get(reverse("healthz"))
    kept = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="lb-1234abcd")
    refused = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="<script>alert(1)</script>")

    assert len(made["X-Request-ID"]) == 32
    assert kept["X-Request-ID"] == "lb-1234abcd"
    assert refused["X-Request-ID"] != "<script>alert(1)</script>"


@pytest.mark.django_db
def test_log_lines_carry_the_request_reference_as_json(client, monkeypatch, caplog):
    import json
    import logging

    from core.request_id import JsonFormatter, RequestIdFilter

    def broken_cursor(*args, **kwargs):
        from django.db import DatabaseError

        raise DatabaseError("connection refused")

    from django.db import connection

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.ERROR, logger="core.health"):
        response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="req-0001abcd")

    record = next(r for r in caplog.records if r.name == "core.health")
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == response["X-Request-ID"] == "req-0001abcd"
    assert entry["level"] == "ERROR"
    assert "DatabaseError: connection refused" in entry["exception"]


def test_the_error_page_gives_the_reference_to_quote(rf):
    from core.errors import server_error

    request = rf.get("/")
    request.request_id = "abc123def456"
    response = server_error(request)

    assert response.status_code == 500
    assert "quote this reference: <strong>abc123def456</strong>" in response.content.decode()
