"""`make load`: a bounded load test against gunicorn and PostgreSQL on loopback.

50 members browse dashboards and lists and 10 officers save status updates for
LOAD_SECONDS (default 120), while an administrator imports a tracker (upload, preview,
confirm) and a clerk issues a cabinet report, each every few seconds; then it stops by
itself. A task worker (`manage.py run_worker`) runs beside gunicorn and renders the
issued reports and their highlight reports. Passes when no response was a server error,
the database holds exactly as many new updates as saves reported, every import and issue
succeeded, the worker rendered every PDF issued (none failed), and no gunicorn
worker's memory grew 10% or more from the end of the warm-up (once every worker's memory
has settled under the full load; at most half the run) to the end of the run.
Prints p50 and p95 per page and each worker's memory. Needs PostgreSQL on
127.0.0.1:5432 (make load starts it).
"""

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

from tests.load.visitors import (  # noqa: E402 - after the path that finds them
    BASE,
    MARK,
    MEMBER_PAGES,
    PORT,
    Results,
    Visitor,
    clerk,
    import_once,
    importer,
    issue_once,
    member,
    officer,
    timed,
)

DATABASE = "portal_load"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
MEMBERS, OFFICERS = 50, 10
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


def rendered_pdfs():
    """{state: count} of the issued reports' PDFs and of their highlight packs."""
    counts = django_shell(
        "from collections import Counter\n"
        "from reports.models import HighlightPack, ReportIssue\n"
        "states = Counter(ReportIssue.objects.values_list('state', flat=True))\n"
        "states.update(HighlightPack.objects.values_list('state', flat=True))\n"
        "print(' '.join(f'{state}={n}' for state, n in sorted(states.items())))"
    )
    return {state: int(n) for state, n in (pair.split("=") for pair in counts.split())}


def wait_for_renders(seconds=300):
    """The PDFs' states once none waits for the worker (or `seconds` have passed)."""
    deadline = time.monotonic() + seconds
    while True:
        states = rendered_pdfs()
        if not states.get("queued") and not states.get("rendering"):
            return states
        if time.monotonic() > deadline:
            return states
        time.sleep(2)


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
    # Niced, as the README's unit file runs it: pages before PDFs when the CPUs are busy.
    task_worker = subprocess.Popen(
        ["nice", "-n", "10", sys.executable, "manage.py", "run_worker"], cwd=ROOT, env=ENV
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
        renders = wait_for_renders()
    finally:
        server.terminate()
        server.wait(timeout=30)
        task_worker.terminate()  # SIGTERM: it finishes the task in hand, then stops
        task_worker.wait(timeout=120)
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
    print(f"  PDFs the task worker made (reports and highlight packs), by state: {renders}")
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
    if set(renders) != {"issued"}:
        print("FAILED: the task worker did not render every PDF issued")
        return 1
    if grew or len(growth) != len(warmed):
        print(f"FAILED: workers grew by {WORKER_GROWTH_LIMIT:.0%} or more, or were replaced")
        return 1
    print(
        "PASSED: no server errors; every reported save is stored, none twice; imports and "
        "issues succeeded, and the task worker rendered every PDF; no gunicorn worker grew "
        f"{WORKER_GROWTH_LIMIT:.0%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
