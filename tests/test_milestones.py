from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects.models import DeliveryStatus, Milestone

from .factories import make_milestone, make_project

pytestmark = pytest.mark.django_db

TODAY = date(2022, 6, 1)


def test_slippage_is_forecast_minus_baseline_in_days():
    milestone = Milestone(baseline_date=date(2022, 3, 31), forecast_date=date(2022, 4, 30))
    assert milestone.slippage_days == 30
    assert milestone.is_slipped


def test_finishing_early_is_not_slippage():
    milestone = Milestone(baseline_date=date(2022, 3, 31), forecast_date=date(2022, 3, 1))
    assert milestone.slippage_days == -30
    assert not milestone.is_slipped


def test_completion_date_is_the_actual_for_slippage():
    milestone = Milestone(
        baseline_date=date(2022, 3, 31),
        forecast_date=date(2022, 4, 5),
        completed_on=date(2022, 4, 10),
        delivery_status=DeliveryStatus.COMPLETE,
    )
    assert milestone.slippage_days == 10


def test_no_slippage_without_a_baseline():
    milestone = Milestone(due_text="TBC", forecast_date=date(2022, 4, 30))
    assert milestone.slippage_days is None
    assert not milestone.is_slipped


def test_milestone_past_its_forecast_and_not_complete_is_overdue():
    milestone = Milestone(baseline_date=date(2022, 3, 31), forecast_date=date(2022, 5, 31))
    assert milestone.is_overdue(TODAY)


def test_a_later_forecast_stops_a_past_baseline_being_overdue():
    milestone = Milestone(baseline_date=date(2022, 3, 31), forecast_date=date(2022, 7, 1))
    assert not milestone.is_overdue(TODAY)


def test_a_complete_milestone_is_never_overdue():
    milestone = Milestone(
        baseline_date=date(2022, 3, 31),
        completed_on=date(2022, 4, 2),
        delivery_status=DeliveryStatus.COMPLETE,
    )
    assert not milestone.is_overdue(TODAY)


def test_due_date_words_without_a_date_are_never_overdue():
    milestone = Milestone(due_text="ongoing")
    assert not milestone.is_overdue(TODAY)


def test_overdue_queryset_matches_the_model_rule():
    project = make_project()
    late = make_milestone(project=project, title="late", baseline_date=date(2022, 3, 31))
    make_milestone(
        project=project,
        title="replanned",
        baseline_date=date(2022, 3, 31),
        forecast_date=date(2022, 7, 1),
    )
    make_milestone(
        project=project,
        title="done",
        baseline_date=date(2022, 3, 31),
        completed_on=date(2022, 3, 30),
        delivery_status=DeliveryStatus.COMPLETE,
    )
    make_milestone(project=project, title="words only", due_text="Annual, Q3")

    overdue = list(project.milestones.overdue(TODAY))
    assert overdue == [late]
    assert [m for m in project.milestones.all() if m.is_overdue(TODAY)] == overdue


def test_a_completed_date_in_the_future_is_refused():
    project = make_project()
    milestone = make_milestone(project=project)
    milestone.completed_on = timezone.localdate() + timedelta(days=1)
    milestone.delivery_status = DeliveryStatus.COMPLETE
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert error.value.message_dict["completed_on"] == [
        "Completed date must be today or in the past"
    ]


def test_a_completed_date_needs_the_complete_status():
    project = make_project()
    milestone = make_milestone(project=project, completed_on=date(2022, 3, 1))
    with pytest.raises(ValidationError, match="Select Complete"):
        milestone.full_clean()
