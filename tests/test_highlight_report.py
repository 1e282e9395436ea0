from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.calendar import last_complete_period
from projects.models import Risk, StatusUpdate
from projects.services import status_update_create

from .factories import make_milestone
from .reports import pdf_reader, pdf_text, trail_recorded_on
from .updates import post_update

pytestmark = pytest.mark.django_db


def test_officer_records_a_budget_rag_with_the_update(client, officer, owned_project):
    client.force_login(officer)
    amber = owned_project.rag_scale.levels.get(code="A")

    post_update(client, owned_project, budget_rag=amber.pk, budget_notes="Bids still refined")

    latest = owned_project.status_updates.first()
    assert (latest.budget_rag, latest.budget_notes) == (amber, "Bids still refined")


def test_highlight_report_follows_the_work_stream_template(client, member, officer, owned_project):
    today = timezone.localdate()
    scale = owned_project.rag_scale
    make_milestone(
        project=owned_project,
        title="Sign the supplier contract",
        baseline_date=today + timedelta(days=10),
    )
    Risk.objects.create(
        project=owned_project,
        reference="R9",
        description="Supplier slips",
        owner=officer.person,
    )
    status_update_create(
        project=owned_project,
        author=officer,
        version=owned_project.version,
        rag=scale.levels.get(code="G"),
        delivery_status="started",
        progress="Survey of all sites finished.",
        issues="Board to agree the extra access points.",
        budget_rag=scale.levels.get(code="A"),
        budget_notes="Initial bids are being refined.",
    )
    client.force_login(member)

    # The period running today, as it stands.
    response = client.get(
        reverse("project_highlight", args=[owned_project.pk]), {"as_at": today.isoformat()}
    )

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for heading in (
        "1. Summary",
        "2. Progress this period",
        "3. Milestones coming up",
        "4. Budget issues",
        "5. New or changed risks",
        "6. Items to report to the board",
        "7. Report distribution",
    ):
        assert heading in text
    green, amber = scale.levels.get(code="G"), scale.levels.get(code="A")
    assert f"Work-stream status {green.label} {green.words}" in text
    assert "Changed or newly identified risks Yes" in text
    assert f"Budget issues {amber.label} {amber.words}" in text
    assert "Major issues to report to the board Yes" in text
    assert "Survey of all sites finished." in text
    assert "Sign the supplier contract" in text
    assert "R9 Supplier slips" in text
    assert "Board to agree the extra access points." in text
    assert "Initial bids are being refined." in text
    assert f"Lead {owned_project.lead.name}" in text
    reader = pdf_reader(response.content)
    assert reader.metadata.title == f"Highlight report: {owned_project.name}"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_a_project_with_no_update_gets_a_clear_highlight_report(client, member):
    from .factories import make_project

    project = make_project(name="Brand new project")
    client.force_login(member)
    text = pdf_text(client.get(reverse("project_highlight", args=[project.pk])).content)

    assert "Work-stream status Not yet reported" in text
    assert "No progress reported." in text
    assert "No one is named on the project." in text


def test_by_default_it_reports_the_last_whole_period(client, member, owned_project):
    today = timezone.localdate()
    start, end = last_complete_period(today, owned_project.programme.strategy.reporting_period)
    owned_project.status_updates.update(reported_on=start)
    client.force_login(member)
    text = pdf_text(client.get(reverse("project_highlight", args=[owned_project.pk])).content)
    assert f"Status as at {end:%-d %B %Y}; this period from {start:%-d %B %Y}." in text


def test_a_project_last_recorded_in_2018_reports_its_2018_quarter(client, member, world):
    """Nothing recorded since September 2018: its highlight report is as at the end of
    that quarter, when its 30 September milestone was not yet overdue."""
    StatusUpdate.objects.filter(project=world.project).delete()
    trail_recorded_on(date(2018, 9, 1))
    client.force_login(member)
    text = pdf_text(client.get(reverse("project_highlight", args=[world.project.pk])).content)
    assert "Status as at 30 September 2018; this period from 1 July 2018." in text
    assert "Overdue" not in text
