"""`make bench`: median server time and query count of the officers' pages on the demo data.

Figures are printed for the issue notes, not asserted: timings depend on the machine.
"""

import pytest
from django.urls import reverse

from projects.models import Project
from tests.second_factor import log_in
from tests.updates import update_form_data

from .serving import measure, serve

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

RUNS = 30


def report(name, median, slowest, queries):
    print(f"\n{name:<40} median {median:7.1f} ms   p95 {slowest:7.1f} ms   {queries} queries")


@pytest.mark.parametrize(
    "name", ["Wifi consolidation", "Obligation Matrix Review", "Horizon Scanning"]
)
def test_bench_project_page_and_status_save(client, administrator, name):
    project = Project.objects.filter(name__startswith=name).first()
    log_in(client, administrator)
    detail = reverse("projects:detail", args=[project.pk])
    update = reverse("projects:update", args=[project.pk])
    report(f"project page: {name[:24]}", *measure(lambda: serve(client, "get", detail), RUNS))
    report(f"update form: {name[:24]}", *measure(lambda: serve(client, "get", update), RUNS))

    # The form is filled in once, outside the timing: filling it reads the project, its
    # milestones and its key (5 queries), which were counted as the save's until issue 22.
    project.refresh_from_db()
    data = update_form_data(project, progress="Benchmark")

    def save():
        response = serve(client, "post", update, data)
        data["version"] += 1  # each save moves the project on a version
        return response

    report(f"status save: {name[:24]}", *measure(save, RUNS))


def test_bench_home_and_my_projects(client, officer):
    client.force_login(officer)
    for name, url in [
        ("dashboard (demo data)", reverse("home")),
        ("strategies (88 projects)", reverse("strategies")),
        ("my projects (officer)", reverse("my_projects")),
    ]:
        report(name, *measure(lambda url=url: serve(client, "get", url), RUNS))
