"""Writes to contract changes, each in one transaction: a change, its shares and its
first move are saved together or not at all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.concurrency import claim_version
from programmes.shares import shares_problem
from projects.access import editable_projects_filter, person_of
from projects.models import Project

from .lifecycle import NEEDS_DECISION, refusal
from .models import (
    Apportionment,
    ChangeProgress,
    ChangeStatus,
    ChangeTransition,
    Contract,
    ContractChange,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from programmes.models import Organisation

# A council's percentage of a change's costs; a council left out, or None, pays nothing.
Shares = Mapping["Organisation", Decimal | None]

# The fields of a change an edit form may set; everything else has its own service.
DETAIL_FIELDS = (
    "reference",
    "title",
    "description",
    "category",
    "cost_neutral",
    "one_off_cost",
    "recurring_cost",
    "cost_notes",
    "funding_route",
    "approval_route",
    "decision_maker",
    "decision_date",
    "tupe_implications",
    "tupe_transfer_date",
    "key_dates",
)


class ChangeConflictError(Exception):
    """Someone saved the change after this form was opened."""

    def __init__(self, *, change: ContractChange, opened_version: int) -> None:
        super().__init__(f"Contract change {change.pk} changed since version {opened_version}")
        self.change = change
        self.opened_version = opened_version


def _claim(change: ContractChange, version: int) -> None:
    if not claim_version(ContractChange.objects, pk=change.pk, version=version):
        raise ChangeConflictError(
            change=ContractChange.objects.get(pk=change.pk), opened_version=version
        )
    change.version = version + 1


def _check_links(change: ContractChange, projects: Iterable[Project], author: User | None) -> None:
    """A person links and unlinks only projects they may edit; a command (no author)
    any. Guarded by tests/test_contract_permissions.py."""
    if author is None:
        return
    before = set(change.projects.values_list("pk", flat=True)) if change.pk else set()
    changed = before ^ {project.pk for project in projects}
    editable = (
        Project.objects.filter(pk__in=changed)
        .filter(editable_projects_filter(author))
        .values_list("pk", flat=True)
    )
    if changed - set(editable):
        raise ValidationError(
            {"projects": "You can link this change only to projects you may edit"}
        )


def _save_details(
    change: ContractChange,
    fields: Mapping[str, Any],
    *,
    author: User | None,
    councils_affected: Iterable[Organisation],
    projects: Iterable[Project],
    shares: Shares,
) -> None:
    for name in DETAIL_FIELDS:
        if name in fields:
            setattr(change, name, fields[name])
    change.full_clean()
    _check_links(change, projects, author)
    problem = shares_problem(
        shares, partners=set(change.contract.partner_councils()), has_costs=change.has_costs
    )
    if problem:
        raise ValidationError({"shares": problem})
    change.save()
    change.councils_affected.set(councils_affected)
    change.projects.set(projects)
    _save_shares(change, shares)


def _save_shares(change: ContractChange, shares: Shares) -> None:
    """Update shares in place, so the audit trail shows each council's share change."""
    existing = {share.council_id: share for share in change.apportionments.all()}
    for council, pct in shares.items():
        share = existing.pop(council.pk, None)
        if not pct:
            if share:
                share.delete()
        elif share is None:
            Apportionment.objects.create(change=change, council=council, percentage=pct)
        elif share.percentage != pct:
            share.percentage = pct
            share.save(update_fields=["percentage"])
    for share in existing.values():
        share.delete()


@transaction.atomic
def change_raise(
    *,
    contract: Contract,
    author: User | None,
    fields: Mapping[str, Any],
    councils_affected: Iterable[Organisation] = (),
    projects: Iterable[Project] = (),
    shares: Shares | None = None,
    on: date | None = None,
) -> ContractChange:
    """A new change at Proposed, with its raiser named as one of its managers."""
    change = ContractChange(contract=contract)
    _save_details(
        change,
        fields,
        author=author,
        councils_affected=councils_affected,
        projects=projects,
        shares=shares or {},
    )
    ChangeTransition.objects.create(
        change=change,
        to_status=ChangeStatus.PROPOSED,
        on=on or timezone.localdate(),
        reason="Raised",
        by=author,
    )
    person = person_of(author)
    if person is not None:
        change.managers.add(person)
    return change


@transaction.atomic
def change_edit(
    *,
    change: ContractChange,
    author: User | None,
    version: int,
    fields: Mapping[str, Any],
    councils_affected: Iterable[Organisation],
    projects: Iterable[Project],
    shares: Shares,
) -> ContractChange:
    _claim(change, version)
    _save_details(
        change,
        fields,
        author=author,
        councils_affected=councils_affected,
        projects=projects,
        shares=shares,
    )
    return change


@transaction.atomic
def change_move(
    *,
    change: ContractChange,
    author: User | None,
    version: int,
    to_status: str,
    on: date,
    reason: str,
    decision_maker: str = "",
    decision_date: date | None = None,
    tupe_transfer_date: date | None = None,
) -> ChangeTransition:
    """Move a change one step on its path (or out), dated, with who and why."""
    _claim(change, version)
    latest = change.transitions.order_by("-on", "-created_at", "-id").first()
    status = latest.to_status if latest else None
    problem = refusal(status, to_status) if status else "The change has not been raised"
    errors = {}
    if problem:
        errors["to_status"] = problem
    if on > timezone.localdate():
        errors["on"] = "The date of the move must be today or in the past"
    elif latest and on < latest.on:
        errors["on"] = (
            f"The date of the move must be on or after the last move, {latest.on:%d/%m/%Y}"
        )
    if not reason.strip():
        errors["reason"] = "Enter why the change is moving"
    if to_status in NEEDS_DECISION:
        if not (decision_maker or "").strip():
            errors["decision_maker"] = "Enter who made the decision"
        if decision_date is None:
            errors["decision_date"] = "Enter the date of the decision"
        elif decision_date > timezone.localdate():
            errors["decision_date"] = "The decision date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    assert status is not None  # a change not yet raised was refused above
    transition = ChangeTransition.objects.create(
        change=change,
        from_status=status,
        to_status=to_status,
        on=on,
        reason=reason.strip(),
        by=author,
    )
    updates: dict[str, Any] = {}
    if to_status in NEEDS_DECISION:
        updates.update(decision_maker=decision_maker.strip(), decision_date=decision_date)
    if tupe_transfer_date is not None:
        updates["tupe_transfer_date"] = tupe_transfer_date
    if updates:
        for name, value in updates.items():
            setattr(change, name, value)
        change.save(update_fields=list(updates))
    change.current_status = to_status
    return transition


@transaction.atomic
def change_progress_add(
    *, change: ContractChange, author: User | None, version: int, progress: str
) -> ChangeProgress:
    _claim(change, version)
    entry = ChangeProgress(
        change=change, author=author, progress=progress.strip(), reported_on=timezone.localdate()
    )
    entry.full_clean()
    entry.save()
    return entry
