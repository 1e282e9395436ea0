import pytest
from django.urls import reverse

from contracts.models import ChangeStatus, ContractChange
from projects.models import Project

from .contract_changes import move, raise_change
from .test_home import text_of
from .updates import post_update

pytestmark = pytest.mark.django_db


def plan_item():
    return Project.objects.get(
        programme__strategy__contract__isnull=False, name="Amazon Web Services"
    )


@pytest.fixture
def demo_change():
    """Change (a): the South and Vale end user computing environment, at Scoping."""
    return ContractChange.objects.get(title__startswith="IT end user computing")


def test_officer_who_raises_a_change_becomes_one_of_its_managers(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract)

    change = ContractChange.objects.get(title="Move the contact centre telephony to the cloud")
    assert list(change.managers.values_list("name", flat=True)) == ["Lee Brown"]
    assert officer.has_perm("contracts.change_contractchange", change)


@pytest.mark.parametrize("persona", ["member", "clerk"])
def test_members_and_clerks_cannot_raise_changes(client, contract, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("contracts:change_raise", args=[contract.pk])).status_code == 403
    assert raise_change(client, contract).status_code == 403
    assert not ContractChange.objects.filter(title__startswith="Move the contact").exists()


def test_officer_cannot_move_a_change_they_do_not_manage(client, other_officer, demo_change):
    client.force_login(other_officer)

    response = move(client, demo_change, ChangeStatus.IN_NEGOTIATION)

    assert response.status_code == 403
    assert ContractChange.objects.get(pk=demo_change.pk).status == ChangeStatus.SCOPING


def test_contract_manager_can_move_any_change_to_their_contract(
    client, contract_manager, demo_change
):
    client.force_login(contract_manager)

    assert move(client, demo_change, ChangeStatus.IN_NEGOTIATION).status_code == 302
    assert ContractChange.objects.get(pk=demo_change.pk).status == ChangeStatus.IN_NEGOTIATION


def test_administrator_can_move_any_change(client, administrator, demo_change):
    client.force_login(administrator)

    assert move(client, demo_change, ChangeStatus.IN_NEGOTIATION).status_code == 302


def test_member_reads_a_change_without_the_buttons_to_change_it(client, member, demo_change):
    client.force_login(member)
    page = text_of(client.get(reverse("contracts:change", args=[demo_change.pk])))

    assert "IT end user computing environment for South and Vale Councils only" in page
    assert "Scoping" in page
    assert "Move the change on" not in page
    assert "Edit details" not in page
    assert move(client, demo_change, ChangeStatus.WITHDRAWN).status_code == 403


def test_contract_manager_sees_the_buttons(client, contract_manager, demo_change):
    client.force_login(contract_manager)
    page = text_of(client.get(reverse("contracts:change", args=[demo_change.pk])))

    assert "Move the change on" in page
    assert "Add progress" in page


def test_opening_the_move_form_changes_nothing(client, contract_manager, demo_change):
    client.force_login(contract_manager)
    client.get(reverse("contracts:change_move", args=[demo_change.pk]))

    assert ContractChange.objects.get(pk=demo_change.pk).transitions.count() == 1


def test_contract_manager_can_update_the_contracts_plan_items(client, contract_manager):
    item = Project.objects.get(
        programme__strategy__contract__isnull=False, name="Amazon Web Services"
    )
    client.force_login(contract_manager)

    assert post_update(client, item).status_code == 302
    assert item.status_updates.first().author == contract_manager


def test_officer_without_a_part_in_the_contract_cannot_update_its_plan_items(client, other_officer):
    item = Project.objects.get(
        programme__strategy__contract__isnull=False, name="Amazon Web Services"
    )
    client.force_login(other_officer)

    assert post_update(client, item).status_code == 403
