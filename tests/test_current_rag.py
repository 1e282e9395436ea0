from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programmes.models import RagScale
from projects.models import Project, StatusUpdate
from projects.rag import attach_current_rag

from .factories import make_project, make_update

pytestmark = pytest.mark.django_db


def test_current_rag_is_the_latest_updates_rag():
    project = make_project()
    make_update(project=project, code="G", reported_on=date(2022, 1, 10))
    make_update(project=project, code="R", reported_on=date(2022, 3, 7))
    make_update(project=project, code="A", reported_on=date(2022, 2, 1))  # entered late, older

    assert project.current_rag.label == "Red"
    assert project.current_rag.words == "off track"


def test_two_updates_on_one_day_the_later_saved_wins():
    project = make_project()
    make_update(project=project, code="G", reported_on=date(2022, 3, 7))
    make_update(project=project, code="A", reported_on=date(2022, 3, 7))

    assert project.current_rag.label == "Amber"


def test_list_annotation_agrees_with_the_model():
    project = make_project()
    make_update(project=project, code="G", reported_on=date(2022, 1, 10))
    make_update(project=project, code="R", reported_on=date(2022, 3, 7))

    listed = attach_current_rag(list(Project.objects.with_current_rag().filter(pk=project.pk)))

    assert listed[0].listed_rag == project.current_rag
    assert listed[0].last_reported_on == date(2022, 3, 7)


def test_project_without_updates_has_no_current_rag():
    project = make_project()
    assert project.current_rag is None
    assert (
        attach_current_rag(list(Project.objects.with_current_rag().filter(pk=project.pk)))[
            0
        ].listed_rag
        is None
    )


def test_a_rag_from_another_scale_is_refused():
    project = make_project()  # its strategy uses the action plan key
    other = RagScale.objects.get(slug="delivery-confidence").levels.get(code="A/G")
    update = make_update(project=project)
    update.rag = other
    with pytest.raises(ValidationError, match="12-month action plan key"):
        update.full_clean()


def test_an_update_cannot_be_dated_in_the_future():
    project = make_project()
    update = make_update(project=project, code="G")
    update.reported_on = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="future"):
        update.full_clean()


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (
            "action-plan",
            [
                ("Red", "off track"),
                ("Amber", "in negotiation"),
                ("Green", "under way and on track"),
                ("Blue", "complete"),
                ("Grey", "end point"),
            ],
        ),
        ("annual-plan", [("Red", "late"), ("Amber", "risk of delay"), ("Green", "on track")]),
        (
            "delivery-confidence",
            [
                ("Red", "successful delivery appears to be unachievable"),
                ("Amber/Red", "successful delivery is in doubt"),
                (
                    "Amber",
                    "successful delivery appears feasible but significant issues already exist",
                ),
                ("Amber/Green", "successful delivery appears probable"),
                ("Green", "successful delivery appears highly likely"),
            ],
        ),
    ],
)
def test_rag_scales_carry_their_words_worst_first(slug, expected):
    levels = RagScale.objects.get(slug=slug).levels.all()
    assert [(level.label, level.words) for level in levels] == expected


def test_rag_words_are_data_an_administrator_can_change():
    project = make_project()
    make_update(project=project, code="A")
    amber = project.rag_scale.levels.get(code="A")
    amber.words = "awaiting supplier"
    amber.save()

    assert Project.objects.get(pk=project.pk).current_rag.words == "awaiting supplier"


def test_latest_of_gives_each_listed_project_its_newest_update_on_the_day():
    project, same_day, silent, unlisted = (make_project() for _ in range(4))
    make_update(project=project, code="G", reported_on=date(2022, 1, 10))
    february = make_update(project=project, code="A", reported_on=date(2022, 2, 1))
    make_update(project=project, code="R", reported_on=date(2022, 3, 7))
    make_update(project=same_day, code="G", reported_on=date(2022, 2, 1))
    saved_later = make_update(project=same_day, code="R", reported_on=date(2022, 2, 1))
    make_update(project=unlisted, code="G", reported_on=date(2022, 1, 10))

    latest = StatusUpdate.objects.latest_of([project.pk, same_day.pk, silent.pk], date(2022, 2, 28))

    assert {update.project_id: update for update in latest} == {
        project.pk: february,
        same_day.pk: saved_later,
    }
