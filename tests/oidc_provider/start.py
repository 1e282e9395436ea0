"""Start the test provider on a free loopback port, wait until it answers, stop it after."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "portal"
CLIENT_SECRET = "portal-client-secret"
PASSWORD = "provider-password"


@dataclass(frozen=True)
class Provider:
    url: str  # http://127.0.0.1:<port>
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    password: str = PASSWORD


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_provider(folder, *, portal_url, people):
    """The provider, with the portal at `portal_url` as its client and `people` (dicts of
    username, email, first_name, last_name, groups) able to sign in with PASSWORD."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_SITE_URL": url,
        "OIDC_PROVIDER_DATABASE": str(Path(folder) / "provider.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    spec = Path(folder) / "provider.json"
    spec.write_text(
        json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "password": PASSWORD,
                "redirect_uris": [f"{portal_url}/oidc/callback/"],
                "post_logout_redirect_uris": [f"{portal_url}/sign-in/"],
                "people": people,
            }
        )
    )
    python = sys.executable
    seed = [python, "-m", "tests.oidc_provider.seed", str(spec)]
    subprocess.run(seed, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    log = (Path(folder) / "provider.log").open("w")
    server = subprocess.Popen(
        [python, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        provider = Provider(url=url, issuer=f"{url}/openid")
        _wait_for(provider, server)
        yield provider
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_for(provider, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the test provider stopped (exit {server.returncode})")
        with contextlib.suppress(requests.ConnectionError):
            if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2).ok:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the test provider did not answer within {seconds} s")
