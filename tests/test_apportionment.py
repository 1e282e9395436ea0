from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts.models import Apportionment, ContractChange
from contracts.services import change_raise
from programmes.models import Organisation

from .contract_changes import change_form_data, raise_change
from .second_factor import log_in
from .test_home import text_of

pytestmark = pytest.mark.django_db
TITLE = "Move the contact centre telephony to the cloud"
COSTED = {
    "one_off_cost": "10000",
    "recurring_cost": "2500",
    "funding_route": "Transformation reserve",
}


def test_shares_that_do_not_total_100_are_refused_and_nothing_is_written(client, officer, contract):
    client.force_login(officer)
    response = raise_change(client, contract, shares={"SODC": "60", "VOWH": "30"}, **COSTED)

    assert response.status_code == 200
    assert "The councils' shares must total 100%: they total 90%" in text_of(response)
    assert not ContractChange.objects.filter(title=TITLE).exists()
    assert not Apportionment.objects.filter(change__title=TITLE).exists()


def test_each_councils_share_is_shown_in_pounds(client, officer, contract):
    client.force_login(officer)
    response = raise_change(client, contract, shares={"SODC": "60", "VOWH": "40"}, **COSTED)
    assert response.status_code == 302, text_of(response)[:3000]

    page = text_of(client.get(response["Location"]))
    assert "£10,000 one-off, £2,500 a year" in page
    assert "South Oxfordshire District Council 60% £6,000 £1,500" in page
    assert "Vale of White Horse District Council 40% £4,000 £1,000" in page
    assert "Total 100% £10,000 £2,500" in page


def test_costs_need_the_councils_shares_and_a_funding_route(client, officer, contract):
    client.force_login(officer)
    response = raise_change(client, contract, one_off_cost="5000")

    page = text_of(response)
    assert "Enter each council's share of the costs: the shares must total 100%" in page
    assert "Enter how the costs will be funded" in page
    assert not ContractChange.objects.filter(title=TITLE).exists()


def test_a_cost_neutral_change_has_no_amounts(client, officer, contract):
    client.force_login(officer)
    response = raise_change(client, contract, cost_neutral="on", shares={"SODC": "100"}, **COSTED)

    assert "A cost-neutral change has no one-off or recurring cost." in text_of(response)
    assert not ContractChange.objects.filter(title=TITLE).exists()


def test_a_share_must_be_a_percentage(client, officer, contract):
    client.force_login(officer)
    response = raise_change(client, contract, shares={"SODC": "120", "VOWH": "forty"}, **COSTED)

    page = text_of(response)
    assert "South Oxfordshire District Council's share must be 100% or less" in page
    assert "Enter Vale of White Horse District Council's share as a percentage" in page


def test_the_service_refuses_a_council_outside_the_contract(officer, contract):
    outsider = Organisation.objects.create(
        code="NPC", name="Not a Partner Council", kind=Organisation.Kind.COUNCIL
    )
    with pytest.raises(ValidationError) as refused:
        change_raise(
            contract=contract,
            author=officer,
            fields={"title": TITLE, "one_off_cost": Decimal(100), "funding_route": "Reserve"},
            shares={outsider: Decimal(100)},
        )
    assert "NPC is not a partner in this contract" in str(refused.value)
    assert not ContractChange.objects.filter(title=TITLE).exists()


def test_editing_shares_keeps_them_at_100_and_records_the_change(client, officer, contract):
    client.force_login(officer)
    raise_change(client, contract, shares={"SODC": "60", "VOWH": "40"}, **COSTED)
    change = ContractChange.objects.get(title=TITLE)

    edit = reverse("contracts:change_edit", args=[change.pk])
    data = change_form_data(contract, shares={"SODC": "50", "VOWH": "50"}, **COSTED)
    data["title"] = TITLE
    data["version"] = change.version
    assert client.post(edit, data).status_code == 302

    shares = dict(
        Apportionment.objects.filter(change=change).values_list("council__code", "percentage")
    )
    assert shares == {"SODC": Decimal("50.00"), "VOWH": Decimal("50.00")}
    page = text_of(client.get(reverse("contracts:change", args=[change.pk])))
    assert "changed the share of South Oxfordshire District Council" in page
    assert "Percentage from 60.00 to 50.00" in page


def test_the_admin_keeps_shares_at_100(client, world):
    change = world.change
    log_in(client, world.admin)
    url = reverse("admin:contracts_contractchange_change", args=[change.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "councils_affected": [c.pk for c in change.councils_affected.all()],
            "projects": [p.pk for p in change.projects.all()],
            "managers": [m.pk for m in change.managers.all()],
            "apportionments-TOTAL_FORMS": 2,
            "apportionments-INITIAL_FORMS": 0,
            "apportionments-0-council": world.councils["SODC"].pk,
            "apportionments-0-percentage": "70",
            "apportionments-1-council": world.councils["VOWH"].pk,
            "apportionments-1-percentage": "20",
            "transitions-TOTAL_FORMS": 0,
            "transitions-INITIAL_FORMS": 0,
            "progress_log-TOTAL_FORMS": 0,
            "progress_log-INITIAL_FORMS": 0,
        }
    )
    response = client.post(url, data)

    assert "The councils&#x27; shares must total 100%: they total 90%" in response.content.decode()
    assert not Apportionment.objects.filter(change=change).exists()
