import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from demo.load import load_demo

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def collected_static(django_db_blocker):
    """Tests run with DEBUG off, so pages use WhiteNoise's manifest as production does."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    built = Path(settings.BASE_DIR) / "static" / "dist" / "portal.css"
    if not built.exists():
        pytest.fail("static/dist is missing: build the front end with `make assets`.")
    sources = [path for folder in settings.STATICFILES_DIRS for path in Path(folder).rglob("*")]
    newest = max(path.stat().st_mtime for path in sources if path.is_file())
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        call_command("collectstatic", "--no-input", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the seed papers' demo data, loaded once per run."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        load_demo()


def demo_user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def officer(db):
    """Lee Brown: manages many Annex B projects and leads action plan projects."""
    return demo_user("officer")


@pytest.fixture
def member(db):
    return demo_user("member")


@pytest.fixture
def clerk(db):
    return demo_user("clerk")


@pytest.fixture
def administrator(db):
    return demo_user("admin")


def officer_signing_in_as(name, username):
    """A sign-in, in the Officer role, for a person the papers name."""
    from django.contrib.auth.models import Group

    from programmes.models import Person

    first, last = name.split(" ", 1)
    user = get_user_model().objects.create_user(
        username, password="portal-demo", first_name=first, last_name=last
    )
    user.groups.add(Group.objects.get(name="Officer"))
    person = Person.objects.get(name=name)
    person.user = user
    person.save()
    return user


@pytest.fixture
def other_officer(db):
    """An officer who owns none of Lee Brown's projects: Shona Ware."""
    return officer_signing_in_as("Shona Ware", "shona")


@pytest.fixture
def owned_project(db):
    """Wifi consolidation: Lee Brown leads it; three quarterly milestones, all open."""
    from projects.models import Project

    return Project.objects.get(name="Wifi consolidation")


@pytest.fixture
def reload_demo(transactional_db):
    """Browser tests run against a live server outside the test transaction, so
    the database is flushed after each: they load the demo data for themselves."""
    with override_settings(DEBUG=True):
        load_demo()


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, serving the collected (hashed) static files.

    Its default handler looks files up through the finders, which know nothing
    of the manifest's hashed names that pages link to when DEBUG is off.
    """
    from django.contrib.staticfiles import handlers
    from django.test.testcases import _StaticFilesHandler
    from pytest_django.live_server_helper import LiveServer

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handlers, "StaticFilesHandler", _StaticFilesHandler)
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: make test installs Debian's chromium.")
        pytest.skip(f"{CHROMIUM} is not installed")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under var/screenshots/ for a person to look at."""

    def take(name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def contract_manager(db):
    """David Wilde, named on the Five Councils contract as its manager."""
    return officer_signing_in_as("David Wilde", "dwilde")


@pytest.fixture
def contract(db):
    from contracts.models import Contract

    return Contract.objects.get(name="Five Councils Capita contract")
