import re
from datetime import timedelta

import pytest
from django.urls import reverse

from contracts.models import ChangeStatus, ChangeTransition, ContractChange
from projects.models import Project

from .contract_changes import TITLE, change_form_data, raise_change
from .test_home import text_of

pytestmark = pytest.mark.django_db


def register_titles(response):
    return re.findall(r'href="/contracts/changes/\d+/">([^<]+)</a>', response.content.decode())


def test_register_lists_each_change_with_status_councils_impact_and_projects(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("contracts:register")))

    assert "2 changes" in page
    assert (
        f"{world.change.title} Scoping New environment SODC, VOWH Not yet known "
        f"{world.green_project}" in page
    )
    assert f"{world.other_change.title} In negotiation Service returned in-house" in page
    assert "Cost neutral" in page
    assert world.amber_project.name in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "scoping"}, ["change"]),
        ({"status": "in_negotiation"}, ["other_change"]),
        ({"status": "open"}, ["change", "other_change"]),
        ({"status": "approved"}, []),
        ({"category": "in_house"}, ["other_change"]),
        ({"category": "environment"}, ["change"]),
        ({"category": "upgrade"}, []),
        ({"q": "fraud"}, ["other_change"]),
    ],
)
def test_register_filters(client, world, query, expected):
    client.force_login(world.member)

    listed = register_titles(client.get(reverse("contracts:register"), query))

    assert sorted(listed) == sorted(getattr(world, name).title for name in expected)


def test_register_filters_by_council_and_contract(client, world):
    client.force_login(world.member)
    url = reverse("contracts:register")
    both = sorted(change.title for change in world.changes)

    assert sorted(register_titles(client.get(url, {"council": world.councils["SODC"].pk}))) == both
    assert register_titles(client.get(url, {"council": world.councils["HDC"].pk})) == []
    assert sorted(register_titles(client.get(url, {"contract": world.contract.pk}))) == both


def test_register_sorts_by_status_along_the_lifecycle(client, world):
    client.force_login(world.member)
    url = reverse("contracts:register")

    forward = register_titles(client.get(url, {"sort": "status"}))
    backward = register_titles(client.get(url, {"sort": "-status"}))

    # Scoping comes before In negotiation in a change's life, though not in the alphabet.
    assert forward == [world.change.title, world.other_change.title]
    assert backward == forward[::-1]


def test_contract_page_shows_the_contract_its_changes_and_its_plan(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("contracts:detail", args=[world.contract.pk])))

    assert "Supplier Capita" in page
    assert "South Oxfordshire District Council (SODC)" in page
    assert "Joint Tactical Board (JTB)" in page
    assert "Strategic Management Board (SMB)" in page
    assert "Scoping: 1" in page
    assert "In negotiation: 1" in page
    assert world.change.title in page
    assert world.plan.title in page
    assert "2 plan items by service area" in page
    # IT: one item in each of parts 1 and 2, none in part 3; one Amber, one Green; two.
    assert "IT 1 1 0 0 1 1 0 2" in page


def test_plan_area_lists_items_by_part_with_milestones_lead_and_rag(client, world):
    client.force_login(world.member)
    item = world.plan_item
    page = text_of(client.get(reverse("contracts:plan_area", args=[item.programme_id])))

    assert "Part 2 – annual plan item: 1 item" in page
    milestone = item.milestones.get()
    assert f"{item.name} {milestone.title}: 30/09/2022 (not started) {item.lead.initials}" in page
    assert "Active Green on track Part 3" in page


def test_a_programme_outside_a_contract_plan_has_no_plan_page(client, member, owned_project):
    client.force_login(member)

    response = client.get(reverse("contracts:plan_area", args=[owned_project.programme_id]))

    assert response.status_code == 404


def test_linked_projects_show_both_ways(client, officer, contract, owned_project):
    client.force_login(officer)
    raise_change(client, contract, projects=[owned_project])
    change = ContractChange.objects.get(title=TITLE)

    change_page = text_of(client.get(reverse("contracts:change", args=[change.pk])))
    project_page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))

    assert owned_project.name in change_page
    assert f"{TITLE} Proposed" in project_page


def test_progress_log_is_dated_and_signed(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract)
    change = ContractChange.objects.get(title=TITLE)

    response = client.post(
        reverse("contracts:change_progress", args=[change.pk]),
        {"version": change.version, "progress": "Capita sent the draft CCN."},
    )
    assert response.status_code == 302
    page = text_of(client.get(reverse("contracts:change", args=[change.pk])))
    assert "Capita sent the draft CCN." in page
    assert f"by {officer.get_full_name()}" in page


def test_empty_progress_is_refused_with_a_message(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract)
    change = ContractChange.objects.get(title=TITLE)

    response = client.post(
        reverse("contracts:change_progress", args=[change.pk]),
        {"version": change.version, "progress": "  "},
    )

    assert "Enter the progress made" in text_of(response)
    assert not change.progress_log.exists()


def test_an_edit_from_a_stale_page_is_refused_and_keeps_the_officers_words(
    client, officer, contract
):
    client.force_login(officer)
    raise_change(client, contract)
    change = ContractChange.objects.get(title=TITLE)
    opened = change.version
    client.post(
        reverse("contracts:change_progress", args=[change.pk]),
        {"version": opened, "progress": "Someone else's entry"},
    )

    data = change_form_data(contract, description="My new description")
    data["version"] = opened
    response = client.post(reverse("contracts:change_edit", args=[change.pk]), data)

    assert response.status_code == 409
    assert "My new description" in response.content.decode()
    assert ContractChange.objects.get(pk=change.pk).description != "My new description"


def test_duplicate_reference_on_the_same_contract_is_refused(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract, reference="CCRF298")

    response = raise_change(client, contract, reference="ccrf298", title="Another change")

    assert "Another change to this contract has the reference ccrf298" in text_of(response)


def test_dashboard_shows_open_changes_by_status_and_the_plans_rag_mix(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("home"), {"strategy": world.plan.slug}))

    assert "Open contract changes by status" in page
    assert "Scoping: 1" in page
    assert "In negotiation: 1" in page
    assert "2 plan items by service area" in page
    assert "2 open contract changes" in page


def test_dashboard_as_at_counts_changes_as_they_stood(client, world):
    client.force_login(world.member)
    before_they_were_raised = world.change.transitions.get().on - timedelta(days=1)
    page = text_of(
        client.get(
            reverse("home"),
            {"strategy": world.plan.slug, "as_at": before_they_were_raised.isoformat()},
        )
    )

    assert "0 open contract changes" in page
    assert not ChangeTransition.objects.filter(on__lte=before_they_were_raised).exists()


def add_changes(contract, count, *, projects=()):
    for i in range(count):
        change = ContractChange.objects.create(contract=contract, title=f"Change {i}")
        change.projects.set(projects)
        ChangeTransition.objects.create(
            change=change, to_status=ChangeStatus.PROPOSED, on="2022-01-01", reason="Raised"
        )


@pytest.mark.parametrize("size", [5, 60])
def test_register_reads_a_fixed_number_of_queries(
    client, member, contract, size, django_assert_max_num_queries
):
    add_changes(contract, size, projects=list(Project.objects.all()[:3]))
    client.force_login(member)
    with django_assert_max_num_queries(REGISTER_QUERIES):
        response = client.get(reverse("contracts:register"))
    assert f"{size + 2} changes" in text_of(response)


@pytest.mark.parametrize("size", [5, 60])
def test_contract_page_reads_a_fixed_number_of_queries(
    client, member, contract, size, django_assert_max_num_queries
):
    add_changes(contract, size)
    client.force_login(member)
    with django_assert_max_num_queries(CONTRACT_QUERIES):
        client.get(reverse("contracts:detail", args=[contract.pk]))


REGISTER_QUERIES = 13
CONTRACT_QUERIES = 18
