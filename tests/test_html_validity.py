"""The Nu Html Checker (vnu-jar from npm, on the machine's Java) on the rendered pages:
no errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from .second_factor import authenticator, log_in, password_again
from .test_accessibility_axe import PAGES, ids
from .test_sign_in_with_oidc import council_account_pages
from .world import PASSWORD

VNU = (
    Path(__file__).resolve().parent.parent
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)
pytestmark = pytest.mark.django_db


def api_token_pages(world):
    """The tokens page as it shows a token just made, and a name left out."""
    client = Client()
    log_in(client, world.member)
    return {
        "api token made": client.post("/account/api-tokens/", {"name": "Power BI"}).content,
        "api token, no name": client.post("/account/api-tokens/", {"name": ""}).content,
    }


def rendered_pages(tmp_path, world):
    numbers = ids(world)
    files = {}
    anonymous = Client()
    files["sign-in"] = anonymous.get("/sign-in/").content
    files.update(council_account_pages(world))
    files.update(two_step_pages(world))
    files.update(api_token_pages(world))
    for persona, paths in PAGES.items():
        client = Client()
        log_in(client, getattr(world, persona))
        for path in paths:
            url = path.format(**numbers)
            response = client.get(url)
            assert response.status_code == 200, url
            files[f"{persona} {url}"] = response.content
    written = {}
    for index, (name, content) in enumerate(files.items()):
        target = tmp_path / f"page-{index}.html"
        target.write_bytes(content)
        written[str(target)] = name
    return written


def two_step_pages(world):
    """The pages of two-step verification that only a sign-in half done shows, with
    their errors: the code after a password, the password again, a wrong setup code,
    new recovery codes."""
    authenticator(world.admin)
    halfway = Client()
    halfway.post("/sign-in/", {"username": world.admin.username, "password": PASSWORD})
    pages = {
        "two-step code": halfway.get("/account/two-step/code/").content,
        "two-step code, wrong": halfway.post("/account/two-step/code/", {"code": "x"}).content,
    }
    clerk = Client()
    clerk.force_login(world.clerk)
    pages["two-step password, wrong"] = password_again(clerk, "wrong").content
    password_again(clerk)
    clerk.get("/account/two-step/set-up/")
    pages["two-step setup, wrong"] = clerk.post("/account/two-step/set-up/", {"code": "a"}).content
    admin = log_in(Client(), world.admin)
    admin.post("/account/two-step/recovery-codes/new/")
    pages["recovery codes"] = admin.get("/account/two-step/recovery-codes/").content
    assert b"recovery code" in pages["recovery codes"]
    return pages


def check(paths):
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *paths,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    if not (shutil.which("java") and VNU.exists()):
        pytest.skip("needs Java and `npm ci` (make test provides both)")
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></p></html>")
    assert check([str(broken)])


def test_every_page_type_is_valid_html(tmp_path, world):
    if not (shutil.which("java") and VNU.exists()):
        pytest.skip("needs Java and `npm ci` (make test provides both)")
    pages = rendered_pages(tmp_path, world)
    errors = [
        f"{pages[m['url'].removeprefix('file:')]}: line {m.get('lastLine')}: {m['message']}"
        for m in check(list(pages))
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors[:40])
