import pytest
from django.urls import reverse

from .second_factor import log_in
from .test_home import text_of
from .updates import post_update

pytestmark = pytest.mark.django_db


def test_project_page_tells_members_who_changed_what(client, officer, member, owned_project):
    client.force_login(officer)
    post_update(
        client,
        owned_project,
        rag="A",
        issues="Waiting for Capita",
        milestones={"Legacy Wifi retired": {"forecast_date": "30/04/2019"}},
    )
    client.force_login(member)
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))

    who = officer.get_full_name()
    assert (
        f"{who} changed milestone “Legacy Wifi retired”: Forecast date from blank to 30/04/2019"
        in page
    )
    assert f"{who} added the status update of" in page
    assert "Imported added the project" in page  # made with no one signed in


def test_changes_made_in_the_admin_are_recorded_with_the_old_and_new_value(
    client, administrator, member, owned_project
):
    log_in(client, administrator)
    owned_project.resourcing = "S&V budgets"
    owned_project._history_user = administrator
    owned_project.save()
    client.force_login(member)
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert (
        f"{administrator.get_full_name()} changed the project: Resourcing from Hybrid 5Cs "
        "contract and S&V budgets to S&V budgets" in page
    )


def test_a_projects_trail_includes_the_contract_changes_linked_to_it(client, world):
    # The contracts app registers its changes with the trail (ContractsConfig.ready).
    world.change.title = "Wifi survey brought forward"
    world.change._history_user = world.contract_manager
    world.change.save()
    linked = world.change.projects.first()
    client.force_login(world.member)

    page = text_of(client.get(reverse("projects:detail", args=[linked.pk])))

    assert "changed contract change “Wifi survey brought forward”: Title from" in page


def test_the_trail_read_as_at_a_moment_gives_each_milestone_as_it_then_was(world):
    """projects.models.base.AsOfQuerySet leaves creation records out of "is there a later
    record": a milestone edited, deleted and made again under its old id reads as it was
    at each moment, and as absent while it was gone."""
    from datetime import timedelta

    from django.utils import timezone

    from projects.models import Milestone

    milestone = world.project.milestones.first()
    pk, title = milestone.pk, milestone.title
    history = Milestone.history.filter(id=pk)
    start = timezone.now() - timedelta(days=10)
    history.update(history_date=start)  # the world's records, on one day

    milestone.title = "Renamed"
    milestone.save()
    history.filter(history_type="~").update(history_date=start + timedelta(days=1))
    milestone.delete()
    history.filter(history_type="-").update(history_date=start + timedelta(days=2))
    again = Milestone.objects.create(pk=pk, project=world.project, title="Made again", order=9)
    history.filter(history_type="+", title="Made again").update(
        history_date=start + timedelta(days=3)
    )

    def titles_at(days):
        moment = start + timedelta(days=days, hours=12)
        return list(Milestone.history.as_of(moment).filter(id=pk).values_list("title", flat=True))

    assert titles_at(0) == [title]
    assert titles_at(1) == ["Renamed"]
    assert titles_at(2) == []
    assert titles_at(3) == ["Made again"]
    assert again.pk == pk
