import pytest
from django.urls import reverse

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
    client.force_login(administrator)
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
