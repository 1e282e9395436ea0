from datetime import date

import pytest
from django.urls import reverse

from projects.models import ProjectFinance

from .factories import make_milestone, make_project, make_update
from .test_home import text_of

pytestmark = pytest.mark.django_db


def test_project_page_shows_header_milestones_and_history(client, member):
    project = make_project(name="Finance system upgrade test")
    make_milestone(
        project=project,
        title="Upgraded finance system live",
        baseline_date=date(2019, 6, 30),
        forecast_date=date(2019, 8, 14),
        due_text="Q4 Apr-Jun 2019",
    )
    make_update(project=project, code="R", reported_on=date(2019, 7, 1), progress="Supplier late")
    client.force_login(member)

    page = text_of(client.get(reverse("projects:detail", args=[project.pk])))

    assert "Red off track" in page
    assert "Upgraded finance system live" in page
    assert "Q4 Apr-Jun 2019 30/06/2019 14/08/2019" in page
    assert "45 days late" in page
    assert "Overdue" in page
    assert "1 July 2019" in page
    assert "Supplier late" in page


def test_action_plan_project_shows_money_in_thousands(client, member, owned_project):
    # 2018-19 budget outside contract £50k and pressure £10k: an outturn of £60k, 120%.
    ProjectFinance.objects.create(
        project=owned_project, year=2018, revenue_budget=50000, revenue_forecast=60000
    )
    client.force_login(member)
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    red = "Red over budget beyond tolerance"
    # Capital budget, revenue budget, budget, forecast outturn, spent so far, variance.
    assert f"2018/19 – £50k £50k £60k – £10k {red}" in page
    assert f"Financial RAG 2018/19: {red}" in page


def test_unknown_project_is_404(client, member):
    client.force_login(member)
    assert client.get(reverse("projects:detail", args=[999999])).status_code == 404


def test_a_project_page_lists_the_contract_changes_linked_to_it(client, world):
    # Drawn by the contracts app's template tag: projects knows nothing of contracts.
    client.force_login(world.member)

    linked = text_of(client.get(reverse("projects:detail", args=[world.green_project.pk])))
    unlinked = text_of(client.get(reverse("projects:detail", args=[world.project.pk])))

    assert f"{world.change.title} {world.change.status_label}" in linked
    assert world.other_change.title not in linked
    assert "No contract changes are linked to this project." in unlinked
