"""Builds the POSTs an officer's browser sends from the contract change forms."""

from django.urls import reverse
from django.utils import timezone

from contracts.models import ContractChange

from .updates import date_parts

TITLE = "Move the contact centre telephony to the cloud"  # of a change the form raises


def change_form_data(contract, *, shares=None, councils=("SODC", "VOWH"), projects=(), **fields):
    """The raise/edit form as submitted; `councils` are codes of the contract's partners and
    `shares` maps a partner's code to its percentage."""
    data = {
        "reference": "",
        "title": TITLE,
        "category": ContractChange.Category.UPGRADE,
        "description": "Replace the end-of-life telephony platform.",
        "councils_affected": [contract.partners.get(code=code).pk for code in councils],
        "projects": [project.pk for project in projects],
        "one_off_cost": "",
        "recurring_cost": "",
        "funding_route": "",
        "cost_notes": "",
        "approval_route": "Chief executive under the Inter-Authority Agreement",
        "decision_maker": "",
        "tupe_implications": "",
        "key_dates": "",
        **date_parts("decision_date", None),
        **date_parts("tupe_transfer_date", None),
    }
    for council in contract.partner_councils():
        data[f"share_{council.pk}"] = ""
    for code, pct in (shares or {}).items():
        data[f"share_{contract.partners.get(code=code).pk}"] = pct
    data.update(fields)
    return data


def raise_change(client, contract, **fields):
    return client.post(
        reverse("contracts:change_raise", args=[contract.pk]), change_form_data(contract, **fields)
    )


def move(
    client, change, to_status, *, on=None, reason="Scope agreed at JTB", version=None, **fields
):
    change = ContractChange.objects.get(pk=change.pk)
    data = {
        "version": change.version if version is None else version,
        "to_status": to_status,
        "reason": reason,
        "decision_maker": "",
        **date_parts("on", on or timezone.localdate()),
        **date_parts("decision_date", None),
        **date_parts("tupe_transfer_date", None),
    }
    for name, value in fields.items():
        if name.endswith("_date"):
            data.update(date_parts(name, value))
        else:
            data[name] = value
    return client.post(reverse("contracts:change_move", args=[change.pk]), data)
