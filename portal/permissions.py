"""Fetching the object a request acts on, with the permission check in the same step."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def object_for_user(request, queryset, pk, *, perm, refusal):
    """The object a request may act on: 404 if it does not exist, 403 if not allowed."""
    obj = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(refusal)
    return obj
