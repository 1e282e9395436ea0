"""The shape every editing permission shares, and fetching the object a request acts on
with the permission check in the same step."""

import rules
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .roles import ADMINISTRATOR, has_role


def object_for_user(request, queryset, pk, *, perm, refusal):
    """The object a request may act on: 404 if it does not exist, 403 if not allowed."""
    obj = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(refusal)
    return obj


def can_edit_through(model, editable_filter, name):
    """A rules predicate: administrators may; anyone else when the object passes the
    app's editing filter (`editable_filter(user)`, a Q), so lists and checks agree.
    `model` None: the filter holds for every model the predicate is asked about."""

    @rules.predicate(name=name)
    def can_edit(user, obj):
        if obj is None:
            return False
        if has_role(user, ADMINISTRATOR):
            return True  # the filter would say so too, without asking the database
        queryset = (model or type(obj)).objects
        return queryset.filter(editable_filter(user), pk=obj.pk).exists()

    return can_edit
