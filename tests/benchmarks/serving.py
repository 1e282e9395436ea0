"""Requests for benchmarks, served through the full middleware stack but without the
test client's template instrumentation (which copies every template's context and
would be measured as if it were the page's own time)."""

import gc
import statistics
import time
from contextlib import contextmanager

from django.db import connection
from django.test import RequestFactory
from django.test.client import ClientHandler
from django.test.utils import CaptureQueriesContext

from core.memory import freeze_loaded_objects

_handler = None


def serve(client, method, url, data=None, **headers):
    global _handler
    if _handler is None:
        _handler = ClientHandler(enforce_csrf_checks=False)
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    factory = RequestFactory(HTTP_COOKIE=cookies, **headers)
    request = getattr(factory, method)(url, data or {})
    return _handler(request.environ)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@contextmanager
def as_served():
    """Time requests as the WSGI and ASGI entry points serve them: with what is loaded
    by then frozen out of the garbage collector's walks (core/memory.py)."""
    freeze_loaded_objects()
    try:
        yield
    finally:
        gc.unfreeze()


def measure(request_once, runs):
    """(median ms, p95 ms, queries) over `runs` requests of one page (the request its
    queries are counted on warms it up)."""
    return measure_pages({"page": request_once}, runs)["page"]


def measure_pages(requests, runs):
    """{name: (median ms, p95 ms, queries)} for several pages, requested in turn rather
    than one page after another: on a shared machine whose speed drifts from minute to
    minute, every page then meets the same slow spells. Queries are counted on a
    request of their own: counting them turns on Django's debug cursor, whose
    bookkeeping would otherwise be timed as the page's."""
    queries = {}
    for name, request_once in requests.items():
        with CaptureQueriesContext(connection) as captured:
            request_once()
        queries[name] = len(captured)
    timings = {name: [] for name in requests}
    with as_served():
        for _ in range(runs):
            for name, request_once in requests.items():
                start = time.perf_counter()
                response = request_once()
                timings[name].append((time.perf_counter() - start) * 1000)
                assert response.status_code in (200, 302), (name, response.status_code)
    return {
        name: (statistics.median(values), p95(values), queries[name])
        for name, values in timings.items()
    }


def machine_speed():
    """Milliseconds for three million additions in pure Python: printed beside the
    figures, so runs on a faster or busier machine can be compared."""
    start = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number
    return (time.perf_counter() - start) * 1000
