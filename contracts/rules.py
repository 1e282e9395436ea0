"""Permissions on contract changes, from the one rule in `contracts.access`."""

import rules

from core.permissions import can_edit_through, object_for_user

from .access import editable_changes_filter, may_raise_changes
from .models import ContractChange

can_edit_change = can_edit_through(ContractChange, editable_changes_filter, "can_edit_change")


@rules.predicate
def can_raise_change(user):
    return may_raise_changes(user)


rules.add_perm("contracts.view_contractchange", rules.is_authenticated)
rules.add_perm("contracts.add_contractchange", can_raise_change)
rules.add_perm("contracts.change_contractchange", can_edit_change)


def change_for_user(request, pk, *, perm="contracts.change_contractchange", queryset=None):
    """The change a request may act on: 404 if it does not exist, 403 if not allowed."""
    return object_for_user(
        request,
        queryset if queryset is not None else ContractChange.objects,
        pk,
        perm=perm,
        refusal="You cannot change this contract change.",
    )
