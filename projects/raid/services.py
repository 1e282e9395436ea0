"""Writes to risks and issues, each one transaction. A change or an escalation first
claims the version its form was opened at (core.concurrency): a form opened before
someone else's save is refused with `RaidConflict`, never saved over it. Who made each
change is the signed-in person, recorded in the item's history by simple-history's
request middleware."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.concurrency import claim_version

from ..models import Issue, RaidAction, Risk

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from programmes.models import Person

RaidEntry = Risk | Issue


class RaidConflict(Exception):
    """Someone saved the item after this form was opened; `entry` is it as saved now."""

    def __init__(self, *, entry: RaidEntry) -> None:
        super().__init__(f"{type(entry).__name__} {entry.pk} changed")
        self.entry = entry


def _claim(entry: RaidEntry, version: int | None) -> None:
    model = type(entry)
    if version is None or not claim_version(model.objects, pk=entry.pk, version=version):
        raise RaidConflict(entry=model.objects.get(pk=entry.pk))
    entry.version = version + 1


@transaction.atomic
def raid_entry_save(*, entry: RaidEntry, version: int | None, fields: dict[str, Any]) -> RaidEntry:
    """Add the entry (unsaved, with its project, programme or strategy set) or change
    it. A likelihood and impact given replace the words a register printed."""
    if entry.pk:
        _claim(entry, version)
    for name, value in fields.items():
        setattr(entry, name, value)
    if isinstance(entry, Risk):
        for stage in ("initial", "residual"):
            if getattr(entry, f"{stage}_likelihood") is not None:
                setattr(entry, f"{stage}_rating_recorded", "")
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def raid_escalate(*, entry: RaidEntry, version: int, reason: str, today: date) -> RaidEntry:
    """One level up: a project's item to its programme, a programme's to the board."""
    to = entry.next_escalation
    if to is None:
        raise ValidationError("It is already with the strategy's board.")
    _claim(entry, version)
    entry.escalated_to = to
    entry.escalation_reason = reason.strip()
    entry.escalated_on = today
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def raid_action_add(
    *,
    entry: RaidEntry,
    version: int,
    description: str,
    owner: Person | None,
    due_on: date | None,
    by: User | None,
) -> RaidAction:
    """An action is part of its item: adding one claims the item's version."""
    _claim(entry, version)
    action = RaidAction(
        risk=entry if isinstance(entry, Risk) else None,
        issue=entry if isinstance(entry, Issue) else None,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        created_by=by,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def raid_action_done(*, action: RaidAction, version: int, done_on: date) -> RaidAction:
    entry = action.risk or action.issue
    assert entry is not None  # one of the two: the check constraint
    _claim(entry, version)
    if action.done_on is None:
        action.done_on = done_on
        action.save(update_fields=["done_on"])
    return action
