from datetime import date

import pytest
from django.urls import reverse

from projects.models import DeliveryStatus, Milestone
from projects.schedule import assess_schedule

from .factories import make_milestone, make_project, make_update
from .test_home import text_of

TODAY = date(2022, 6, 1)


def test_a_milestone_past_due_and_not_complete_says_red():
    result = assess_schedule([Milestone(title="Go live", baseline_date=date(2022, 5, 31))], TODAY)
    assert (result.code, result.label) == ("R", "late")
    assert result.reasons == ["“Go live” was due 31/05/2022 and is not complete"]


def test_a_forecast_after_baseline_says_amber():
    slipped = Milestone(
        title="Go live", baseline_date=date(2022, 6, 30), forecast_date=date(2022, 7, 31)
    )
    result = assess_schedule([slipped], TODAY)
    assert result.code == "A"
    assert result.reasons == ["“Go live” is forecast 31 days after its baseline"]


def test_due_within_fourteen_days_and_not_started_says_amber():
    soon = Milestone(title="Training", baseline_date=date(2022, 6, 15))
    assert assess_schedule([soon], TODAY).code == "A"
    started = Milestone(
        title="Training", baseline_date=date(2022, 6, 15), delivery_status=DeliveryStatus.STARTED
    )
    assert assess_schedule([started], TODAY).code == "G"
    later = Milestone(title="Training", baseline_date=date(2022, 6, 16))
    assert assess_schedule([later], TODAY).code == "G"


def test_complete_milestones_never_count_against_the_schedule():
    done = Milestone(
        title="Done",
        baseline_date=date(2022, 1, 31),
        completed_on=date(2022, 3, 1),
        delivery_status=DeliveryStatus.COMPLETE,
    )
    assert assess_schedule([done], TODAY).code == "G"


def test_no_dates_means_no_indication():
    assert assess_schedule([Milestone(title="Ongoing", due_text="ongoing")], TODAY) is None
    assert assess_schedule([], TODAY) is None


@pytest.mark.django_db
def test_project_page_shows_the_schedule_rag_beside_a_different_officer_rag(client, member):
    project = make_project()
    make_milestone(project=project, title="Go live", baseline_date=date(2020, 1, 31))
    make_update(project=project, code="G")
    client.force_login(member)
    page = text_of(client.get(reverse("projects:detail", args=[project.pk])))
    assert "Current RAG: Green under way and on track" in page
    assert "The milestone dates indicate: Red off track" in page
    assert "“Go live” was due 31/01/2020 and is not complete" in page


@pytest.mark.django_db
def test_schedule_rag_is_not_repeated_when_it_agrees(client, member):
    project = make_project()
    make_milestone(project=project, title="Go live", baseline_date=date(2020, 1, 31))
    make_update(project=project, code="R", issues="Late")
    client.force_login(member)
    page = text_of(client.get(reverse("projects:detail", args=[project.pk])))
    assert "The milestone dates indicate" not in page
