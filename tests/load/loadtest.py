"""`make load`: a bounded load test against gunicorn and PostgreSQL on loopback.

50 members browse dashboards and lists and 10 officers save status updates for
LOAD_SECONDS (default 120), while an administrator imports a tracker (upload, preview,
confirm) and a clerk issues a cabinet report, each every few seconds; then it stops by
itself. Passes when no response was a server error, the database holds exactly as many
new updates as saves reported, every import and issue succeeded, and no gunicorn
worker's memory grew 10% or more from the end of the warm-up (once every worker's memory
has settled under the full load; at most half the run) to the end of the run.
Prints p50 and p95 per page and each worker's memory. Needs PostgreSQL on
127.0.0.1:5432 (make load starts it).
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
sys.path.insert(0, str(ROOT))  # the tests' workbook builders
DATABASE = "portal_load"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
PORT = int(os.environ.get("LOAD_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
MEMBERS, OFFICERS = 50, 10
MARK = "load test save"
IMPORT_STRATEGIES = 200  # more than the run can import into, one a time
WORKER_GROWTH_LIMIT = 0.10
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

    def upload(self, path, fields, name, content):
        """POST a form with one file, as a browser does (multipart/form-data)."""
        boundary = f"----load{time.monotonic_ns()}"
        field = '--{}\r\nContent-Disposition: form-data; name="{}"\r\n\r\n{}\r\n'
        parts = [field.format(boundary, key, value).encode() for key, value in fields.items()]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="workbook"; '
            f'filename="{name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument'
            ".spreadsheetml.sheet\r\n\r\n".encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            BASE + path,
            b"".join(parts),
            {"Referer": BASE + path, "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        try:
            with self.opener.open(request, timeout=60) as r:
                return r.status, r.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")

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
        self.imported = 0
        self.issued = 0
        self.failures = []

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


def officer(results, stop, index, projects, *, once=False):
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
        if once:
            return


def import_once(results, visitor, strategy, content, number):
    """An administrator uploads the annual plan into a fresh strategy and confirms it."""
    visitor.request("/import/")
    started = time.perf_counter()
    status, location = visitor.upload(
        "/import/",
        {"csrfmiddlewaretoken": visitor.csrf(), "strategy": strategy},
        f"annual-plan-{number}.xlsx",
        content,
    )
    results.record("import upload", status, time.perf_counter() - started)
    if status != 302:
        results.failures.append(f"upload answered {status}")
        return
    timed(results, visitor, "import preview", location)
    status, page = timed(
        results,
        visitor,
        "import confirm",
        location + "confirm/",
        {"csrfmiddlewaretoken": visitor.csrf()},
    )
    with results.lock:
        if status == 200 and "Import complete" in page:
            results.imported += 1
        else:
            results.failures.append(f"confirm answered {status}")


def issue_once(results, visitor, report):
    """A clerk issues a draft of a cabinet report: a PDF rendered each time."""
    visitor.request(f"/reports/{report}/")
    status, _ = timed(
        results,
        visitor,
        "report issue",
        f"/reports/{report}/issue/",
        {"csrfmiddlewaretoken": visitor.csrf()},
    )
    with results.lock:
        if status == 302:
            results.issued += 1
        else:
            results.failures.append(f"issue answered {status}")


def importer(results, stop, strategies, pause):
    from tests.tracker_workbooks import annual_plan

    content, visitor = annual_plan(), Visitor("admin")
    for number, strategy in enumerate(strategies):
        if stop.is_set():
            return
        import_once(results, visitor, strategy, content, number)
        stop.wait(pause)


def clerk(results, stop, report, pause):
    visitor = Visitor("clerk")
    while not stop.is_set():
        issue_once(results, visitor, report)
        stop.wait(pause)


def worker_memory(master):
    """{pid: resident KB} of the gunicorn master's workers."""
    memory = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                status = (stat.parent / "status").read_text()
                memory[int(stat.parent.name)] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        except (OSError, IndexError, AttributeError):
            continue
    return memory


def settled_memory(master, started):
    """Each worker's memory once none has changed by 1% over 15 s (sampled every 5 s),
    after at least 20 s and at most half the run; and the seconds that took."""
    samples = []
    while True:
        time.sleep(5)
        samples.append(worker_memory(master))
        elapsed = time.monotonic() - started
        recent = samples[-4:]
        settled = len(recent) == 4 and all(
            pid in sample and abs(sample[pid] - recent[0][pid]) <= 0.01 * recent[0][pid]
            for sample in recent[1:]
            for pid in recent[0]
        )
        if (elapsed >= 20 and settled) or elapsed >= SECONDS / 2:
            return samples[-1], elapsed


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


def import_strategies_and_report():
    """Strategies to import trackers into, and a report on a demo strategy to issue."""
    out = django_shell(
        "from programmes.models import RagScale, Strategy\n"
        "from reports.models import Report\n"
        "scale = RagScale.objects.get(slug='annual-plan')\n"
        "pks = [Strategy.objects.create(slug=f'load-import-{n}', title=f'Load import {n}',"
        " rag_scale=scale).pk for n in range("
        f"{IMPORT_STRATEGIES})]\n"
        "report = Report.objects.create(title='Load test report', strategy=Strategy.objects"
        ".filter(slug='south-vale-jts-2018').get(), meeting_date='2021-11-04',"
        " report_of='Head of Policy', author_name='A Clerk', purpose='To update.')\n"
        "print(report.pk, *pks)"
    )
    report, *strategies = (int(pk) for pk in out.split())
    return report, strategies


def main():
    prepare()
    projects = officer_projects()
    report, strategies = import_strategies_and_report()
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
        # Warm-up: every kind of request a few times, so that each worker has loaded
        # what it uses before its memory is first read.
        from tests.tracker_workbooks import annual_plan

        warm, content = Results(), annual_plan()
        admin, clerk_visitor, reader = Visitor("admin"), Visitor("clerk"), Visitor("member")
        for number in range(6):
            import_once(warm, admin, strategies.pop(), content, f"warm-{number}")
            issue_once(warm, clerk_visitor, report)
            for path in MEMBER_PAGES:
                timed(warm, reader, "warm-up", path)
        officer(warm, threading.Event(), 0, projects, once=True)
        results, stop = Results(), threading.Event()
        workers = [threading.Thread(target=member, args=(results, stop, i)) for i in range(MEMBERS)]
        workers += [
            threading.Thread(target=officer, args=(results, stop, i, projects))
            for i in range(OFFICERS)
        ]
        workers.append(threading.Thread(target=importer, args=(results, stop, strategies, 5)))
        workers.append(threading.Thread(target=clerk, args=(results, stop, report, 5)))
        for worker in workers:
            worker.start()
        # Memory is first read once every worker's has settled under the full load (each
        # holds up to four requests at once, and the first PDF a worker renders loads its
        # fonts): growth from then on is what a leak would show.
        started = time.monotonic()
        warmed, warm_for = settled_memory(server.pid, started)
        time.sleep(max(0, SECONDS - (time.monotonic() - started)))
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
        finished = worker_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    in_database = saved_in_database() - warm.saved  # the warm-up's save is not the run's
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
    print(
        f"  imports confirmed {results.imported}, report drafts issued {results.issued}"
        + (f"; failures: {results.failures[:5]}" if results.failures else "")
    )
    print(f"  workers' memory settled after {warm_for:.0f} s of the run")
    growth = {}
    for pid, before in sorted(warmed.items()):
        after = finished.get(pid)
        if after is None:
            print(f"  worker {pid}: {before / 1024:.0f} MB once settled, gone by the end")
            continue
        growth[pid] = (after - before) / before
        print(
            f"  worker {pid}: {before / 1024:.0f} MB once settled, {after / 1024:.0f} MB "
            f"at the end ({growth[pid]:+.1%})"
        )
    grew = [pid for pid, share in growth.items() if share >= WORKER_GROWTH_LIMIT]
    if errors or in_database != results.saved:
        print("FAILED: server errors, or saves and stored updates differ")
        return 1
    if results.failures or not results.imported or not results.issued:
        print("FAILED: an import or a report issue did not succeed")
        return 1
    if grew or len(growth) != len(warmed):
        print(f"FAILED: workers grew by {WORKER_GROWTH_LIMIT:.0%} or more, or were replaced")
        return 1
    print(
        "PASSED: no server errors; every reported save is stored, none twice; imports and "
        f"issues succeeded; no worker grew {WORKER_GROWTH_LIMIT:.0%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
