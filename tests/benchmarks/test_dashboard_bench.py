"""`make bench`: dashboard, programme and list pages on synthetic portfolios of 1,000
and 10,000 projects (20 milestones and 12 updates each) in the throwaway test database.
Prints median and p95 server time and query count, with the issue's yardstick
(yardstick.py) timed in the same runs; the targets (p95 ≤ 100 ms at 1,000,
≤ 400 ms at 10,000) are read from the output, not asserted."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.second_factor import log_in

from .portfolio import build_portfolio
from .serving import machine_speed, measure_pages, serve

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

RUNS = {1000: 40, 10000: 20}


@pytest.mark.parametrize("size", [1000, 10000])
def test_bench_dashboard_pages(client, administrator, settings, size):
    settings.ROOT_URLCONF = "tests.benchmarks.yardstick"
    started = time.perf_counter()
    strategy, programme = build_portfolio(size)
    built = time.perf_counter() - started
    red = strategy.rag_scale.levels.get(code="R")
    six_months_ago = (timezone.localdate() - timedelta(days=182)).isoformat()
    pages = {
        "dashboard": (reverse("home"), {"strategy": strategy.slug}),
        "dashboard as at 6 months ago": (
            reverse("home"),
            {"strategy": strategy.slug, "as_at": six_months_ago},
        ),
        "programme page": (reverse("programmes:detail", args=[programme.pk]), {}),
        "project list": (reverse("projects:list"), {"strategy": strategy.pk}),
        "project list, red, sorted by RAG": (
            reverse("projects:list"),
            {"strategy": strategy.pk, "rag": red.pk, "sort": "-rag"},
        ),
        "yardstick (the issue's bare view)": (f"/yardstick/{strategy.slug}/", {}),
    }
    log_in(client, administrator)
    print(
        f"\n{connection.vendor}, {size:,} projects (built in {built:.1f} s; "
        f"machine speed {machine_speed():.0f} ms)"
    )
    figures = measure_pages(
        {
            name: lambda url=url, params=params: serve(client, "get", url, params)
            for name, (url, params) in pages.items()
        },
        RUNS[size],
    )
    for name, (median, slowest, queries) in figures.items():
        print(f"  {name:<36} median {median:7.1f} ms   p95 {slowest:7.1f} ms   {queries} queries")
    print(f"  machine speed after: {machine_speed():.0f} ms for 3 million additions")
