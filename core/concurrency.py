"""Optimistic locking for forms that stay open a while.

A record carries a `version`; a form remembers the version it was opened at,
and a save first claims it with one conditional UPDATE. Two saves racing from
the same version cannot both pass, on SQLite or PostgreSQL, and the loser is
shown what changed instead of silently overwriting it.
"""

from typing import Any

from django.db.models import F, Manager, Model, QuerySet


def claim_version(queryset: QuerySet[Model] | Manager[Model], *, pk: Any, version: int) -> bool:
    """Bump the record's version if it is still `version`; False if someone else got there."""
    return bool(queryset.filter(pk=pk, version=version).update(version=F("version") + 1))
