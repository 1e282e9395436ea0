"""Recording what a meeting decided and the actions arising, and owners updating their
actions: each write one transaction, refused whole on bad input or a stale form
(tests/test_decisions.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from core.concurrency import claim_version
from meetings.models import Meeting
from programmes.models import Person

from .frozen import paragraphs_of
from .models import Action, Decision, Report


@dataclass(frozen=True)
class Outcome:
    number: int  # the recommendation's place, from 1
    outcome: str  # a Decision.Outcome, or "" when not decided
    amended_words: str = ""


def recommendations_of(report: Report) -> list[str]:
    """The report's recommendations as they were put, one a paragraph."""
    return paragraphs_of(report.recommendations)


def _check_went_to(report: Report, meeting: Meeting) -> None:
    if not report.meetings.filter(pk=meeting.pk).exists():
        raise ValidationError(f"The report did not go to {meeting}")


@transaction.atomic
def decisions_record(
    *, report: Report, meeting: Meeting, outcomes: list[Outcome], by: AbstractBaseUser
) -> list[Decision]:
    """Set the meeting's decision on each recommendation; a blank outcome removes one
    recorded in error."""
    _check_went_to(report, meeting)
    recommendations = recommendations_of(report)
    errors = []
    for item in outcomes:
        if not 1 <= item.number <= len(recommendations):
            errors.append(f"There is no recommendation {item.number}")
        elif item.outcome == Decision.Outcome.AMENDED and not item.amended_words.strip():
            errors.append(f"Enter the words agreed for recommendation {item.number}")
        elif item.outcome and item.outcome not in Decision.Outcome.values:
            errors.append(f"Choose a decision for recommendation {item.number} from the list")
    if errors:
        raise ValidationError(errors)
    recorded = []
    for item in outcomes:
        if not item.outcome:
            Decision.objects.filter(report=report, meeting=meeting, number=item.number).delete()
            continue
        decision, _ = Decision.objects.update_or_create(
            report=report,
            meeting=meeting,
            number=item.number,
            defaults={
                "recommendation": recommendations[item.number - 1],
                "outcome": item.outcome,
                "amended_words": item.amended_words.strip()
                if item.outcome == Decision.Outcome.AMENDED
                else "",
                "recorded_by": by,
            },
        )
        recorded.append(decision)
    return recorded


@transaction.atomic
def action_add(
    *,
    report: Report,
    meeting: Meeting,
    description: str,
    owner: Person,
    due: date | None,
) -> Action:
    _check_went_to(report, meeting)
    action = Action(
        report=report, meeting=meeting, description=description.strip(), owner=owner, due=due
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: Action, version: int, status: str, progress: str) -> Action:
    """The owner's update, refused if the action changed since their form was opened."""
    if status not in Action.Status.values:
        raise ValidationError("Choose the action's status from the list")
    if not claim_version(Action.objects, pk=action.pk, version=version):
        raise ValidationError(
            "Someone else updated this action after you opened it: check what they wrote, "
            "then make your change again"
        )
    action.refresh_from_db()
    action.status = status
    action.progress = progress.strip()
    action.save(update_fields=["status", "progress"])
    return action
