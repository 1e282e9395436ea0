from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from programmes.models import RagScale
from projects.models import DeliveryStatus, Milestone, Project, StatusUpdate
from projects.services import MilestoneChange, status_update_create

from .test_home import text_of
from .updates import post_update, update_form_data

pytestmark = pytest.mark.django_db


def snapshot(project):
    project.refresh_from_db()
    return (
        project.version,
        project.status_updates.count(),
        list(project.milestones.values_list("forecast_date", "completed_on", "delivery_status")),
    )


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def test_officer_saves_red_with_a_reason_and_a_slipped_milestone(signed_in, officer, owned_project):
    response = post_update(
        signed_in,
        owned_project,
        rag="R",
        progress="Design not delivered",
        issues="Capita design is late; escalate to JTB",
        milestones={"Consolidated design agreed": {"forecast_date": "31/01/2019"}},
    )
    assert response.status_code == 302
    owned_project.refresh_from_db()
    assert owned_project.version == 2
    update = owned_project.latest_update
    assert (update.rag.label, update.issues) == ("Red", "Capita design is late; escalate to JTB")
    assert update.author == officer
    design = owned_project.milestones.get(title="Consolidated design agreed")
    assert design.forecast_date == date(2019, 1, 31)
    assert design.slippage_days == 123

    page = text_of(signed_in.get(response["Location"]))
    assert f"Status update saved for {owned_project.name}" in page
    assert "Current RAG: Red off track" in page
    assert "123 days late" in page


@pytest.mark.parametrize("code", ["R", "A"])
def test_red_or_amber_needs_a_reason_and_keeps_the_typed_text(signed_in, owned_project, code):
    before = snapshot(owned_project)
    response = post_update(signed_in, owned_project, rag=code, progress="Typed with care")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter the reason for" in body
    assert "Typed with care</textarea>" in body
    assert snapshot(owned_project) == before


def test_green_needs_no_reason(signed_in, owned_project):
    assert post_update(signed_in, owned_project, rag="G").status_code == 302


def test_a_completed_date_in_the_future_is_refused(signed_in, owned_project):
    before = snapshot(owned_project)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post_update(
        signed_in,
        owned_project,
        milestones={
            "Consolidated design agreed": {"completed_on": tomorrow, "delivery_status": "complete"}
        },
    )
    assert "Completed date must be today or in the past" in response.content.decode()
    assert snapshot(owned_project) == before


def test_marking_a_milestone_complete_asks_for_its_completed_date(signed_in, owned_project):
    response = post_update(
        signed_in,
        owned_project,
        milestones={"Consolidated design agreed": {"delivery_status": "complete"}},
    )
    assert "Enter the date the milestone was completed" in response.content.decode()


def test_complete_with_open_milestones_asks_for_confirmation(signed_in, owned_project):
    before = snapshot(owned_project)
    response = post_update(signed_in, owned_project, delivery_status="complete")
    body = text_of(response)
    assert "3 milestones are still open: confirm the project is complete" in body
    assert "Consolidated design agreed" in body
    assert snapshot(owned_project) == before

    confirmed = post_update(
        signed_in, owned_project, delivery_status="complete", confirm_complete="on"
    )
    assert confirmed.status_code == 302
    owned_project.refresh_from_db()
    assert owned_project.lifecycle_status == Project.Lifecycle.COMPLETE


def test_a_forecast_later_than_baseline_is_allowed_and_shown_as_slippage_on_the_form(
    signed_in, owned_project
):
    post_update(
        signed_in,
        owned_project,
        milestones={"Legacy Wifi retired": {"forecast_date": "30/04/2019"}},
    )
    form = text_of(signed_in.get(reverse("projects:update", args=[owned_project.pk])))
    assert "30 days late" in form


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"progress": "x" * 5001}, "Progress this period must be 5,000 characters or fewer"),
        ({"rag": "999999"}, "Select a RAG status from the list"),
        ({"rag": ""}, "Select a RAG status"),
        ({"delivery_status": "finished"}, "Select a delivery status from the list"),
        ({"progress": ""}, "Enter the progress made this period"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    signed_in, owned_project, changes, message
):
    before = snapshot(owned_project)
    data = update_form_data(owned_project)
    data.update(changes)
    response = signed_in.post(reverse("projects:update", args=[owned_project.pk]), data)
    assert message in response.content.decode()
    assert snapshot(owned_project) == before


def test_a_rag_level_from_another_scale_is_refused(signed_in, owned_project):
    before = snapshot(owned_project)
    foreign = RagScale.objects.get(slug="annual-plan").levels.get(code="G")
    data = update_form_data(owned_project)
    data["rag"] = foreign.pk
    response = signed_in.post(reverse("projects:update", args=[owned_project.pk]), data)
    assert "Select a RAG status from the list" in response.content.decode()
    assert snapshot(owned_project) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2022", "Forecast date must be a real date"),
        ("15//2022", "Forecast date must include a month"),
        ("aa/bb/cccc", "Forecast date must be a real date"),
    ],
)
def test_impossible_dates_are_refused(signed_in, owned_project, value, message):
    before = snapshot(owned_project)
    response = post_update(
        signed_in, owned_project, milestones={"Legacy Wifi retired": {"forecast_date": value}}
    )
    assert message in response.content.decode()
    assert snapshot(owned_project) == before


def test_a_milestone_id_from_another_project_is_refused(signed_in, owned_project):
    before = snapshot(owned_project)
    foreign = Milestone.objects.exclude(project=owned_project).first()
    foreign_before = (foreign.forecast_date, foreign.delivery_status)
    data = update_form_data(owned_project)
    data["milestones-0-id"] = foreign.pk
    data.update({"milestones-0-forecast_date_0": "1", "milestones-0-forecast_date_1": "1"})
    data["milestones-0-forecast_date_2"] = "2030"
    response = signed_in.post(reverse("projects:update", args=[owned_project.pk]), data)
    assert "does not belong to this project" in response.content.decode()
    assert snapshot(owned_project) == before
    foreign.refresh_from_db()
    assert (foreign.forecast_date, foreign.delivery_status) == foreign_before


def test_a_tampered_project_id_in_the_url_is_checked_against_the_editor(signed_in, officer, world):
    someone_elses = world.amber_project
    data = update_form_data(someone_elses)
    response = signed_in.post(reverse("projects:update", args=[someone_elses.pk]), data)
    assert response.status_code == 403
    assert not someone_elses.status_updates.filter(author=officer).exists()


def test_a_failing_milestone_row_leaves_nothing_saved(owned_project, officer):
    """The service writes milestones, the update and the version in one transaction."""
    first, second, _ = owned_project.milestones.all()
    before = snapshot(owned_project)
    with pytest.raises(ValidationError):
        status_update_create(
            project=owned_project,
            author=officer,
            version=owned_project.version,
            rag=owned_project.rag_scale.levels.get(code="G"),
            delivery_status=DeliveryStatus.STARTED,
            progress="Two rows, the second impossible",
            milestone_changes=[
                MilestoneChange(first.pk, date(2019, 2, 1), None, DeliveryStatus.STARTED),
                MilestoneChange(
                    second.pk,
                    None,
                    timezone.localdate() + timedelta(days=5),
                    DeliveryStatus.COMPLETE,
                ),
            ],
        )
    assert snapshot(owned_project) == before
    assert not StatusUpdate.objects.filter(progress="Two rows, the second impossible").exists()


def test_complete_cannot_skip_confirmation_by_leaving_out_the_milestone_rows(
    signed_in, owned_project
):
    before = snapshot(owned_project)
    data = update_form_data(owned_project, delivery_status="complete")
    data.update({"milestones-TOTAL_FORMS": 0, "milestones-INITIAL_FORMS": 0})
    response = signed_in.post(reverse("projects:update", args=[owned_project.pk]), data)
    assert "3 milestones are still open" in text_of(response)
    assert snapshot(owned_project) == before


def test_the_error_page_flags_what_is_saved_not_what_was_typed(signed_in, owned_project):
    response = post_update(
        signed_in,
        owned_project,
        rag="R",  # no reason: the form is sent back
        milestones={"Legacy Wifi retired": {"forecast_date": "30/04/2030"}},
    )
    page = text_of(response)
    assert "Legacy Wifi retired Overdue" in page  # saved: past due, whatever was typed
    assert 'value="2030"' in response.content.decode()  # typed text kept
