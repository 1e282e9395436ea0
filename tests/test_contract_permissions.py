import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts.models import ChangeStatus, ContractChange
from contracts.services import change_raise

from .contract_changes import TITLE, change_form_data, move, raise_change
from .second_factor import log_in
from .test_home import text_of
from .updates import post_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def change(world):
    """A change at Scoping, managed by the contract manager alone."""
    assert list(world.change.managers.all()) == [world.contract_manager.person]
    return world.change


def test_officer_who_raises_a_change_becomes_one_of_its_managers(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract)

    change = ContractChange.objects.get(title=TITLE)
    assert list(change.managers.all()) == [officer.person]
    assert officer.has_perm("contracts.change_contractchange", change)


@pytest.mark.parametrize("persona", ["member", "clerk"])
def test_members_and_clerks_cannot_raise_changes(client, contract, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("contracts:change_raise", args=[contract.pk])).status_code == 403
    assert raise_change(client, contract).status_code == 403
    assert not ContractChange.objects.filter(title=TITLE).exists()


def test_officer_cannot_move_a_change_they_do_not_manage(client, other_officer, change):
    client.force_login(other_officer)

    response = move(client, change, ChangeStatus.IN_NEGOTIATION)

    assert response.status_code == 403
    assert ContractChange.objects.get(pk=change.pk).status == ChangeStatus.SCOPING


def test_contract_manager_can_move_any_change_to_their_contract(client, contract_manager, change):
    client.force_login(contract_manager)

    assert move(client, change, ChangeStatus.IN_NEGOTIATION).status_code == 302
    assert ContractChange.objects.get(pk=change.pk).status == ChangeStatus.IN_NEGOTIATION


def test_administrator_can_move_any_change(client, administrator, change):
    log_in(client, administrator)

    assert move(client, change, ChangeStatus.IN_NEGOTIATION).status_code == 302


def test_member_reads_a_change_without_the_buttons_to_change_it(client, member, change):
    client.force_login(member)
    page = text_of(client.get(reverse("contracts:change", args=[change.pk])))

    assert change.title in page
    assert "Scoping" in page
    assert "Move the change on" not in page
    assert "Edit details" not in page
    assert move(client, change, ChangeStatus.WITHDRAWN).status_code == 403


def test_contract_manager_sees_the_buttons(client, contract_manager, change):
    client.force_login(contract_manager)
    page = text_of(client.get(reverse("contracts:change", args=[change.pk])))

    assert "Move the change on" in page
    assert "Add progress" in page


def test_opening_the_move_form_changes_nothing(client, contract_manager, change):
    client.force_login(contract_manager)
    client.get(reverse("contracts:change_move", args=[change.pk]))

    assert ContractChange.objects.get(pk=change.pk).transitions.count() == 1


def test_contract_manager_can_update_the_contracts_plan_items(client, world):
    item = world.plan_item
    item.lead = None  # a manager of the contract, whoever leads the item
    item.save()
    client.force_login(world.contract_manager)

    assert post_update(client, item).status_code == 302
    assert item.status_updates.first().author == world.contract_manager


def test_officer_without_a_part_in_the_contract_cannot_update_its_plan_items(client, world):
    item = world.plan_item
    client.force_login(world.other_officer)

    assert post_update(client, item).status_code == 403


def test_an_officer_cannot_link_a_change_to_a_project_he_cannot_edit(client, world):
    client.force_login(world.owner)

    response = raise_change(client, world.contract, projects=[world.project, world.amber_project])

    assert "You can link this change only to projects you may edit" in text_of(response)
    assert not ContractChange.objects.filter(title=TITLE).exists()


def test_the_change_form_offers_only_the_projects_the_officer_may_edit(client, world):
    client.force_login(world.owner)

    form = client.get(reverse("contracts:change_raise", args=[world.contract.pk])).context["form"]

    assert set(form.fields["projects"].queryset) == {
        world.project,
        world.red_project,
        world.complete_project,
    }


def test_the_change_form_lists_a_project_with_several_editors_once(client, world):
    world.project.editors.add(world.owner.person, world.other_officer.person)
    client.force_login(world.owner)

    form = client.get(reverse("contracts:change_raise", args=[world.contract.pk])).context["form"]

    listed = list(form.fields["projects"].queryset)
    assert len(listed) == len(set(listed)) == 3


def test_an_administrator_links_a_change_to_any_project(client, world):
    log_in(client, world.admin)

    raise_change(client, world.contract, projects=[world.amber_project, world.plan_item])

    change = ContractChange.objects.get(title=TITLE)
    assert set(change.projects.all()) == {world.amber_project, world.plan_item}


def test_editing_a_change_keeps_its_links_to_projects_the_editor_cannot_edit(client, world):
    change = world.other_change  # linked to the other officer's project
    client.force_login(world.contract_manager)
    edit = reverse("contracts:change_edit", args=[change.pk])
    form_page = client.get(edit)
    assert "Also linked, to projects you cannot edit" in text_of(form_page)
    assert str(world.amber_project) in text_of(form_page)

    data = change_form_data(
        world.contract, projects=[world.green_project], version=change.version, title=change.title
    )
    response = client.post(edit, data)

    assert response.status_code == 302
    assert set(change.projects.all()) == {world.amber_project, world.green_project}


def test_the_service_refuses_a_link_the_author_may_not_make(world):
    with pytest.raises(ValidationError) as refused:
        change_raise(
            contract=world.contract,
            author=world.owner,
            fields={"title": TITLE, "category": ContractChange.Category.UPGRADE},
            projects=[world.amber_project],
        )

    assert refused.value.message_dict == {
        "projects": ["You can link this change only to projects you may edit"]
    }
    assert not ContractChange.objects.filter(title=TITLE).exists()
