"""The load test's visitors: members browsing, officers saving updates, an administrator
importing trackers and a clerk issuing reports, each over HTTP as a browser would, and
what they saw (tests/load/loadtest.py runs them)."""

import http.cookiejar
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PORT = int(os.environ.get("LOAD_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
MARK = "load test save"
SETUP_PAGE = "/account/two-step/set-up/"
CODE_PAGE = "/account/two-step/code/"
RECOVERY_CODES = {}  # by username: an administrator's codes, one used each later sign-in
MEMBER_PAGES = [
    "/",
    "/?strategy=south-vale-jts-2018",
    "/projects/",
    "/contracts/changes/",
    "/strategies/",
]


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
        status, location = self.post_for_location(
            "/sign-in/", {"username": username, "password": "portal-demo"}
        )
        assert status == 302, f"{username} could not sign in ({status})"
        if location.endswith(SETUP_PAGE):
            self.set_up_second_factor(username)
        elif location.endswith(CODE_PAGE):
            status, _ = self.post_for_location(CODE_PAGE, {"code": RECOVERY_CODES[username].pop()})
            assert status == 302, f"{username}'s recovery code was refused ({status})"

    def post_for_location(self, path, data):
        request = urllib.request.Request(
            BASE + path,
            urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode(),
            {"Referer": BASE + path},
        )
        try:
            with self.opener.open(request, timeout=30) as r:
                return r.status, ""
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")

    def set_up_second_factor(self, username):
        """An administrator's first sign-in sets up an authenticator app (README, Two-step
        verification); later ones each use one of the recovery codes it gave."""
        from base64 import b32decode

        from django_otp.oath import totp

        _, page = self.request(SETUP_PAGE)
        secret = re.search(r'id="secret">([^<]+)<', page).group(1).replace(" ", "")
        code = f"{totp(b32decode(secret)):06d}"
        status, _ = self.post_for_location(SETUP_PAGE, {"code": code})
        assert status == 302, f"{username} could not set up two-step verification ({status})"
        _, page = self.request("/account/two-step/recovery-codes/")
        RECOVERY_CODES[username] = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)


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
