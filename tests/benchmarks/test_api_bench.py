"""`make bench`: the API's list endpoints, a page of 100 rows each, on the synthetic
portfolio of 1,000 projects (portfolio.py). Prints median and p95 server time and the
queries; the target (p95 ≤ 100 ms for a 100-row page) is read from the output."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from api.tokens import token_issue

from .portfolio import build_portfolio
from .serving import machine_speed, measure_pages, serve

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

RUNS = 40


def test_bench_api_pages(client, administrator, settings):
    settings.PORTAL_API_RATE = "100000/minute"  # the limit is not what is measured
    started = time.perf_counter()
    strategy, programme = build_portfolio(1000)
    built = time.perf_counter() - started
    token = token_issue(user=administrator, name="Bench").text
    six_months_ago = (timezone.localdate() - timedelta(days=182)).isoformat()
    page = {"page_size": 100}
    pages = {
        "projects": ("/api/v1/projects/", page | {"strategy": strategy.pk}),
        "projects, CSV": ("/api/v1/projects/", page | {"strategy": strategy.pk, "format": "csv"}),
        "projects as at 6 months ago": (
            "/api/v1/projects/",
            page | {"strategy": strategy.pk, "as_at": six_months_ago},
        ),
        "projects, page 10": ("/api/v1/projects/", page | {"strategy": strategy.pk, "page": 10}),
        "milestones": ("/api/v1/milestones/", page | {"strategy": strategy.pk}),
        "milestones as at 6 months ago": (
            "/api/v1/milestones/",
            page | {"strategy": strategy.pk, "as_at": six_months_ago},
        ),
        "status updates": ("/api/v1/status-updates/", page | {"strategy": strategy.pk}),
        "status updates, CSV": (
            "/api/v1/status-updates/",
            page | {"strategy": strategy.pk, "format": "csv"},
        ),
    }
    print(
        f"\n{connection.vendor}, API on 1,000 projects (built in {built:.1f} s; "
        f"machine speed {machine_speed():.0f} ms)"
    )
    requests = {
        name: lambda url=url, params=params: serve(
            client, "get", url, params, HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        for name, (url, params) in pages.items()
    }
    for name, request_once in requests.items():
        assert request_once().status_code == 200, name
    figures = measure_pages(requests, RUNS)
    for name, (median, slowest, queries) in figures.items():
        print(f"  {name:<36} median {median:7.1f} ms   p95 {slowest:7.1f} ms   {queries} queries")
    print(f"  machine speed after: {machine_speed():.0f} ms for 3 million additions")
