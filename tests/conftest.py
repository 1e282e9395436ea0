import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from contracts.models import Contract
from core.roles import OFFICER
from demo.load import load_demo
from projects.models import Project

from .factories import make_user
from .world import World

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


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The seed papers' data: loaded once a module, inside a transaction rolled back after
    it, so the next module starts from an empty database again. Each test's own
    transaction nests inside. `test_demo_*` modules get it by their name; the benchmarks
    (tests/benchmarks/conftest.py) ask for it by name."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            load_demo()
        yield
        transaction.set_rollback(True)


def is_demo_module(module):
    return module.__name__.rpartition(".")[2].startswith("test_demo_")


@pytest.fixture(scope="module", autouse=True)
def seed_papers_for_demo_modules(request):
    """Only `test_demo_*` modules, which check the seed papers' transcription, load them."""
    if is_demo_module(request.module):
        request.getfixturevalue("demo_data")


@pytest.fixture
def world(db):
    """The small world tests of behaviour run on (tests/world.py)."""
    return World.build()


def on_demo_data(request):
    return is_demo_module(request.module) or "demo_data" in request.fixturenames


def demo_user(username):
    return get_user_model().objects.get(username=username)


def officer_signing_in_as(name, username):
    """A sign-in, in the Officer role, for a person the papers name."""
    from programmes.models import Person

    first, last = name.split(" ", 1)
    person = Person.objects.get(name=name)
    return make_user(
        role=OFFICER, username=username, first_name=first, last_name=last, person=person
    )


# The same personas in a module on the seed papers' data: the demo's sign-ins and records.
DEMO_CAST = {
    "owner": lambda: demo_user("officer"),
    "member": lambda: demo_user("member"),
    "clerk": lambda: demo_user("clerk"),
    "admin": lambda: demo_user("admin"),
    "other_officer": lambda: officer_signing_in_as("Shona Ware", "shona"),
    "contract_manager": lambda: officer_signing_in_as("David Wilde", "dwilde"),
    "project": lambda: Project.objects.get(name="Wifi consolidation"),
    "contract": lambda: Contract.objects.get(name="Five Councils Capita contract"),
}


def cast(request, name):
    """`world.<name>`, or its counterpart in the demo data for a module that loads it."""
    if on_demo_data(request):
        return DEMO_CAST[name]()
    return getattr(request.getfixturevalue("world"), name)


@pytest.fixture
def officer(request, db):
    """The officer who leads `owned_project`: world.owner."""
    return cast(request, "owner")


@pytest.fixture
def member(request, db):
    return cast(request, "member")


@pytest.fixture
def clerk(request, db):
    return cast(request, "clerk")


@pytest.fixture
def administrator(request, db):
    return cast(request, "admin")


@pytest.fixture
def other_officer(request, db):
    """An officer who owns none of the owner's projects."""
    return cast(request, "other_officer")


@pytest.fixture
def owned_project(request, db):
    """world.project: the owner leads it; three quarterly milestones, all open."""
    return cast(request, "project")


@pytest.fixture
def contract_manager(request, db):
    """An officer named on the contract as its manager."""
    return cast(request, "contract_manager")


@pytest.fixture
def contract(request, db):
    return cast(request, "contract")


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
