"""The dashboard's roadmap: milestones placed by financial quarter, their marks and what a
roadmap says when it has none."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import make_milestone, make_project, make_strategy
from .test_home import text_of

pytestmark = pytest.mark.django_db


def dashboard(client, **params):
    return client.get(reverse("home"), params)


def test_roadmap_places_milestones_in_their_financial_quarter(client, member):
    strategy = make_strategy(title="Quarters")
    project = make_project(programme=strategy.programmes.create(name="P"), name="Roadmapped")
    today = timezone.localdate()
    due = date(today.year + 1, 5, 15)
    make_milestone(project=project, title="Go live", baseline_date=due)
    client.force_login(member)
    page = text_of(dashboard(client, strategy=strategy.slug))
    assert f"Q1 Apr–Jun {due.year}" in page
    table = page.split("Roadmap as a table")[1]
    assert f"Go live (not started, 15/05/{due.year})" in table


def test_old_plans_get_a_roadmap_of_their_own_quarters(client, world):
    client.force_login(world.member)
    page = text_of(dashboard(client, strategy=world.strategy.slug))
    assert "5 projects across 6 quarters, Q2 Jul–Sep 2018 to Q3 Oct–Dec 2019." in page
    assert "Overdue Directory designed and ap…" in page


def test_roadmap_marks_put_the_status_above_the_title_and_clip_to_their_quarter(client, member):
    strategy = make_strategy(title="Marks")
    project = make_project(programme=strategy.programmes.create(name="P"), name="Marked")
    due = timezone.localdate() + timedelta(days=20)
    make_milestone(
        project=project, title="Unified communications platform procured", baseline_date=due
    )
    client.force_login(member)
    svg = (
        dashboard(client, strategy=strategy.slug)
        .content.decode()
        .split('class="app-chart app-roadmap"')[1]
        .split("</svg>")[0]
    )
    mark = svg.split("<g><title>Unified communications platform procured")[1].split("</g>")[0]
    assert 'font-weight="bold">Not started</text>' in mark
    assert ">Unified communications pl…</text>" in mark
    clipped = svg.split('<g clip-path="url(#roadmap-quarter-')
    assert len(clipped) == 7  # six quarters, each with its clip
    assert sum("Unified communications" in column for column in clipped[1:]) == 1


def test_a_roadmap_without_marks_says_so_and_where_the_other_projects_are(client, member):
    strategy = make_strategy(title="Unplanned")
    programme = strategy.programmes.create(name="P")
    projects = [make_project(programme=programme, name=f"Project {i:02d}") for i in range(21)]
    client.force_login(member)
    page = text_of(dashboard(client, strategy=strategy.slug))
    assert "No milestones of these projects have dates to place on a roadmap." in page
    assert "Roadmap: milestones by quarter" not in page
    assert "looks at the first 20 projects; 1 more are on their programmes' pages" in page

    make_milestone(project=projects[0], baseline_date=timezone.localdate() + timedelta(days=20))
    page = text_of(dashboard(client, strategy=strategy.slug))
    assert "Roadmap: milestones by quarter" in page
    assert "No milestones of these projects" not in page
