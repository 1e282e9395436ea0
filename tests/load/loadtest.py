"""`make load`: a bounded load test against gunicorn and PostgreSQL on loopback.

50 members browse dashboards and lists and 10 officers save status updates for
LOAD_SECONDS (default 120), then it stops by itself. Passes when no response was a
server error and the database holds exactly as many new updates as saves reported.
Prints p50 and p95 per page. Needs PostgreSQL on 127.0.0.1:5432 (make load starts it).
"""

import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "portal_load"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
PORT = int(os.environ.get("LOAD_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
MEMBERS, OFFICERS = 50, 10
MARK = "load test save"
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": "load-test-only-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "AXES_FAILURE_LIMIT": "1000",
    "LOG_LEVEL": "WARNING",
}
MEMBER_PAGES = [
    "/",
    "/?strategy=south-vale-jts-2018",
    "/projects/",
    "/contracts/changes/",
    "/strategies/",
]


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def prepare():
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    manage("migrate", "--no-input", "-v0")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.test import override_settings\n"
            "from demo.load import load_demo\n"
            "with override_settings(DEBUG=True): load_demo()",
        ],
        cwd=ROOT,
        env=ENV,
        check=True,
    )
    manage("collectstatic", "--no-input", "-v0")


class Visitor:
    def __init__(self, username):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.sign_in(username)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Referer": BASE + path}
        try:
            with self.opener.open(
                urllib.request.Request(BASE + path, body, headers), timeout=30
            ) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def sign_in(self, username):
        self.request("/sign-in/")
        status, _ = self.request(
            "/sign-in/",
            {"username": username, "password": "portal-demo", "csrfmiddlewaretoken": self.csrf()},
        )
        assert status == 302, f"{username} could not sign in ({status})"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = {}
        self.statuses = {}
        self.saved = 0
        self.conflicts = 0

    def record(self, page, status, seconds):
        with self.lock:
            self.timings.setdefault(page, []).append(seconds * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def timed(results, visitor, page, path, data=None):
    started = time.perf_counter()
    status, body = visitor.request(path, data)
    results.record(page, status, time.perf_counter() - started)
    return status, body


def member(results, stop, index):
    visitor = Visitor("member")
    while not stop.is_set():
        for path in MEMBER_PAGES:
            timed(results, visitor, path.split("?")[0] or "/", path)


def officer(results, stop, index, projects):
    visitor = Visitor("officer")
    pk = projects[index % len(projects)]
    while not stop.is_set():
        status, form = timed(results, visitor, "update form", f"/projects/{pk}/update/")
        fields = dict(re.findall(r'name="(milestones-[^"]+|version)"[^>]*value="([^"]*)"', form))
        fields.update(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        for name, options in re.findall(
            r'name="(milestones-\d+-[a-z_]+)">(.*?)</select>', form, re.S
        ):
            chosen = re.search(r'<option value="([^"]*)" selected', options)
            fields[name] = chosen.group(1) if chosen else ""
        rag = re.search(r'name="rag" type="radio" value="(\d+)"', form).group(1)
        data = {
            **fields,
            "csrfmiddlewaretoken": visitor.csrf(),
            "rag": rag,
            "delivery_status": "started",
            "progress": f"{MARK} {index}",
            "issues": "Load test: a reason for Red or Amber",
        }
        status, _ = timed(results, visitor, "save update", f"/projects/{pk}/update/", data)
        with results.lock:
            if status == 302:
                results.saved += 1
            elif status == 409:
                results.conflicts += 1


def django_shell(code):
    """Run Python in the load database's Django shell; its last line of output."""
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


def saved_in_database():
    return int(
        django_shell(
            "from projects.models import StatusUpdate\n"
            f"print(StatusUpdate.objects.filter(progress__startswith={MARK!r}).count())"
        )
    )


def officer_projects():
    pks = django_shell(
        "from projects.models import Project\n"
        "print(' '.join(str(p) for p in Project.objects.filter(lead__name='Lee Brown')"
        ".values_list('pk', flat=True)[:10]))"
    )
    return [int(pk) for pk in pks.split()]


def main():
    prepare()
    projects = officer_projects()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "portal.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--threads",
            "4",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        results, stop = Results(), threading.Event()
        workers = [threading.Thread(target=member, args=(results, stop, i)) for i in range(MEMBERS)]
        workers += [
            threading.Thread(target=officer, args=(results, stop, i, projects))
            for i in range(OFFICERS)
        ]
        for worker in workers:
            worker.start()
        time.sleep(SECONDS)
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=30)
    in_database = saved_in_database()
    print(
        f"\n{MEMBERS} members and {OFFICERS} officers for {SECONDS} s against gunicorn + PostgreSQL"
    )
    for page, values in sorted(results.timings.items()):
        values.sort()
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        p50 = statistics.median(values)
        print(f"  {page:<22} {len(values):6} requests  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    errors = sum(n for status, n in results.statuses.items() if status >= 500)
    print(f"  responses by status: {dict(sorted(results.statuses.items()))}")
    print(
        f"  saves reported {results.saved}, conflicts {results.conflicts}, "
        f"updates in the database {in_database}"
    )
    if errors or in_database != results.saved:
        print("FAILED: server errors, or saves and stored updates differ")
        return 1
    print("PASSED: no server errors; every reported save is stored, none twice")
    return 0


if __name__ == "__main__":
    sys.exit(main())
