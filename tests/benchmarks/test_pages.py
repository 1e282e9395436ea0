"""`make bench`: median server time and query count of the officers' pages on the demo data.

Figures are printed for the issue notes, not asserted: timings depend on the machine.
"""

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Project
from tests.updates import update_form_data

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

RUNS = 30


def measure(request_once):
    timings, queries = [], None
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = request_once()
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302), response.status_code
        queries = len(captured)
    return statistics.median(timings), max(timings), queries


def report(name, median, worst, queries):
    print(f"\n{name:<40} median {median:7.1f} ms   max {worst:7.1f} ms   {queries} queries")


@pytest.mark.parametrize(
    "name", ["Wifi consolidation", "Obligation Matrix Review", "Horizon Scanning"]
)
def test_bench_project_page_and_status_save(client, officer, administrator, name):
    project = Project.objects.filter(name__startswith=name).first()
    client.force_login(administrator)
    detail = reverse("projects:detail", args=[project.pk])
    update = reverse("projects:update", args=[project.pk])
    client.get(detail)
    report(f"project page: {name[:24]}", *measure(lambda: client.get(detail)))
    report(f"update form: {name[:24]}", *measure(lambda: client.get(update)))

    def save():
        project.refresh_from_db()
        return client.post(update, update_form_data(project, progress="Benchmark"))

    report(f"status save: {name[:24]}", *measure(save))


def test_bench_home_and_my_projects(client, officer):
    client.force_login(officer)
    report("home (88 projects)", *measure(lambda: client.get(reverse("home"))))
    report("my projects (officer)", *measure(lambda: client.get(reverse("my_projects"))))
