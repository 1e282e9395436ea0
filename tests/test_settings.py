import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_django(code="print('started')", **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = start_django(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "started" not in result.stdout


def test_debug_off_with_secret_key_starts():
    result = start_django(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_debug_on_starts_without_secret_key_for_local_development():
    result = start_django(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_debug_that_is_not_a_boolean_is_refused():
    result = start_django(DEBUG="maybe", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_settings_use_london_time_and_british_english(settings):
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"


def test_dates_are_written_as_the_papers_write_them():
    from datetime import date

    from django.template import Context, Template

    rendered = Template('{{ d|date }} | {{ d|date:"SHORT_DATE_FORMAT" }}').render(
        Context({"d": date(2022, 3, 7)})
    )
    assert rendered == "7 March 2022 | 07/03/2022"


@pytest.mark.django_db
def test_migrations_match_the_models():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def database_options(url):
    result = start_django(
        "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))",
        DEBUG="true",
        DATABASE_URL=url,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_connections_turn_off_jit_compiling_unless_the_url_says_otherwise():
    """PostgreSQL's JIT took 42 ms compiling a dashboard query that ran in under 1 ms."""
    assert database_options("postgres://u@db.example:5432/portal") == "{'options': '-c jit=off'}"
    overridden = database_options("postgres://u@db.example:5432/portal?options=-c%20jit%3Don")
    assert overridden == "{'options': '-c jit=on'}"
    assert "jit" not in database_options("sqlite:////tmp/portal.sqlite3")


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="needs the PostgreSQL server CI runs on",
)
def test_the_portals_postgresql_sessions_run_without_jit(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def database_connection_settings(**env):
    result = start_django(
        "from django.conf import settings; d = settings.DATABASES['default'];"
        " print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DEBUG="true",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_workers_keep_their_database_connection_and_check_it_before_reuse():
    assert database_connection_settings() == "600 True"
    assert database_connection_settings(CONN_MAX_AGE="0") == "0 True"
    assert (
        "CONN_MAX_AGE='ten' is not a whole number"
        in start_django(DEBUG="true", CONN_MAX_AGE="ten").stderr
    )
