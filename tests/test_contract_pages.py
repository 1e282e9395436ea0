import re

import pytest
from django.urls import reverse

from contracts.models import ChangeStatus, ChangeTransition, ContractChange
from projects.models import Project

from .contract_changes import change_form_data, raise_change
from .test_home import text_of

pytestmark = pytest.mark.django_db
CHANGE_A = "IT end user computing environment for South and Vale Councils only"
CHANGE_E = "Upgrading our finance system to a fully supported and up to date version of Unit 4"


def register_titles(response):
    return re.findall(r'href="/contracts/changes/\d+/">([^<]+)</a>', response.content.decode())


def test_register_lists_each_change_with_status_councils_impact_and_projects(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("contracts:register")))

    assert "5 changes" in page
    assert (
        f"{CHANGE_A} Scoping New environment SODC, VOWH Not yet known AP06 End User Computing (EUC)"
        in page
    )
    assert (
        "Return of the fraud service in the revenues and benefits function In negotiation" in page
    )
    assert "Cost neutral" in page
    assert "Revenues and Benefits Fraud" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "scoping"}, 2),
        ({"status": "in_negotiation"}, 3),
        ({"status": "open"}, 5),
        ({"status": "approved"}, 0),
        ({"category": "in_house"}, 3),
        ({"category": "upgrade"}, 1),
        ({"q": "fraud"}, 1),
    ],
)
def test_register_filters(client, member, query, expected):
    client.force_login(member)

    assert len(register_titles(client.get(reverse("contracts:register"), query))) == expected


def test_register_filters_by_council_and_contract(client, member, contract):
    client.force_login(member)
    from programmes.models import Organisation

    hart = Organisation.objects.get(code="HDC")
    sodc = Organisation.objects.get(code="SODC")
    url = reverse("contracts:register")

    assert len(register_titles(client.get(url, {"council": sodc.pk}))) == 5
    assert register_titles(client.get(url, {"council": hart.pk})) == []
    assert len(register_titles(client.get(url, {"contract": contract.pk}))) == 5


def test_register_sorts_by_status_along_the_lifecycle(client, member):
    client.force_login(member)
    url = reverse("contracts:register")

    forward = register_titles(client.get(url, {"sort": "status"}))
    backward = register_titles(client.get(url, {"sort": "-status"}))

    statuses = [ContractChange.objects.get(title=t).status for t in forward]
    assert statuses == ["scoping"] * 2 + ["in_negotiation"] * 3
    assert backward[0] in {t for t in forward[2:]}


def test_contract_page_shows_the_contract_its_changes_and_its_plan(client, member, contract):
    client.force_login(member)
    page = text_of(client.get(reverse("contracts:detail", args=[contract.pk])))

    assert "Supplier Capita" in page
    assert "South Oxfordshire District Council (SODC)" in page
    assert "Joint Tactical Board (JTB)" in page
    assert "Strategic Management Board (SMB)" in page
    assert "Scoping 2 " in page
    assert "In negotiation 3 " in page
    assert CHANGE_A in page
    assert "Five Councils corporate services contract: annual plan 2022/23" in page
    assert "44 plan items by service area" in page
    assert "IT 0 34 0" in page or re.search(r"IT \d+ \d+ \d+", page)


def test_plan_area_lists_items_by_part_with_milestones_lead_and_rag(client, member):
    client.force_login(member)
    item = (
        Project.objects.filter(programme__strategy__contract__isnull=False)
        .with_current_rag()
        .filter(current_rag_id__isnull=False, milestones__isnull=False)
        .select_related("lead")
        .first()
    )
    page = text_of(client.get(reverse("contracts:plan_area", args=[item.programme_id])))

    assert item.get_plan_part_display() in page
    rag = item.latest_update.rag
    milestone = item.milestones.first()
    assert f"{item.name}" in page
    assert f"{rag.label} {rag.words}" in page
    assert milestone.title in page
    due = milestone.due_date
    assert (due.strftime("%d/%m/%Y") if due else milestone.due_text) in page


def test_a_programme_outside_a_contract_plan_has_no_plan_page(client, member, owned_project):
    client.force_login(member)

    response = client.get(reverse("contracts:plan_area", args=[owned_project.programme_id]))

    assert response.status_code == 404


def test_linked_projects_show_both_ways(client, officer, contract, owned_project):
    client.force_login(officer)
    raise_change(client, contract, projects=[owned_project])
    change = ContractChange.objects.get(title="Move the contact centre telephony to the cloud")

    change_page = text_of(client.get(reverse("contracts:change", args=[change.pk])))
    project_page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))

    assert "Wifi consolidation" in change_page
    assert "Move the contact centre telephony to the cloud Proposed" in project_page


def test_progress_log_is_dated_and_signed(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract)
    change = ContractChange.objects.get(title="Move the contact centre telephony to the cloud")

    response = client.post(
        reverse("contracts:change_progress", args=[change.pk]),
        {"version": change.version, "progress": "Capita sent the draft CCN."},
    )
    assert response.status_code == 302
    page = text_of(client.get(reverse("contracts:change", args=[change.pk])))
    assert "Capita sent the draft CCN." in page
    assert "by Lee Brown" in page


def test_empty_progress_is_refused_with_a_message(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract)
    change = ContractChange.objects.get(title="Move the contact centre telephony to the cloud")

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
    change = ContractChange.objects.get(title="Move the contact centre telephony to the cloud")
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


def test_dashboard_shows_open_changes_by_status_and_the_plans_rag_mix(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("home"), {"strategy": "five-councils-annual-plan-2022-23"}))

    assert "Open contract changes by status" in page
    assert "Scoping 2 " in page
    assert "In negotiation 3 " in page
    assert "44 plan items by service area" in page
    assert "5 open contract changes" in page


def test_dashboard_as_at_counts_changes_as_they_stood(client, member):
    client.force_login(member)
    page = text_of(
        client.get(
            reverse("home"),
            {"strategy": "five-councils-annual-plan-2022-23", "as_at": "2018-09-01"},
        )
    )

    assert "0 open contract changes" in page
    assert ChangeTransition.objects.filter(on__lte="2018-09-01").count() == 0


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
    assert f"{size + 5} changes" in text_of(response)


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
