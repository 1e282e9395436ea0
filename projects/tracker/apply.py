"""Writing a planned import: everything in one transaction, or nothing.

Confirming re-reads the stored workbook and plans again inside the transaction,
with the strategy locked so two imports into it run one after the other. If the
plan is not the one the person previewed (someone saved an update meanwhile),
nothing is written and the new preview is shown instead.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.workbook_safety import RefusedWorkbook, open_workbook
from programmes.models import Programme, Strategy

from ..models import (
    FundingSource,
    Milestone,
    Project,
    ProjectFinance,
    Rebaseline,
    Risk,
    StatusUpdate,
)
from ..raid.services import raid_entry_save
from .planner import plan_import
from .reading import read_workbook

logger = logging.getLogger(__name__)

IMPORT_NOTE = "Imported from a tracker"
# How often (in items) applying reports its progress.
PROGRESS_EVERY = 50


class StalePreview(Exception):
    """The portal changed between the preview and the confirmation."""

    def __init__(self, plan):
        super().__init__("The portal changed since the preview")
        self.plan = plan


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    milestones: int = 0
    updates: int = 0
    risks: int = 0


COUNTERS = {"create": "created", "update": "updated", "unchanged": "unchanged"}


def plan_workbook(*, strategy, user, filename, content, today=None):
    """Read and plan: what the preview shows. Raises RefusedWorkbook for a bad file."""
    book = open_workbook(filename, content)
    try:
        reading = read_workbook(book, levels=strategy.rag_scale.levels.all())
    except RefusedWorkbook:
        raise
    except Exception as error:
        # openpyxl's read-only mode reads a cell's style only when asked (a fill, for a
        # RAG colour): a workbook naming a style it lacks fails here, not when opened
        # (tests/test_tracker_safety.py).
        logger.exception("Reading %s failed", filename)
        raise RefusedWorkbook(
            f"‘{filename}’ could not be read as a workbook: open it in Excel, save it as "
            ".xlsx and upload it again"
        ) from error
    finally:
        book.close()
    return plan_import(strategy=strategy, user=user, reading=reading, today=today)


def import_steps(tracker_import, *, user, operator=False, today=None):
    """Write the stored workbook's plan, yielding (done, total) as items are written and,
    last, the Outcome. The transaction spans the whole: stop early and nothing is kept."""
    with transaction.atomic():
        # Serialises imports into one strategy, and holds the plan still while it is written.
        strategy = Strategy.objects.select_for_update().get(pk=tracker_import.strategy_id)
        # An officer saving one of these projects now waits, then finds it changed (the
        # conflict page); one who saved first makes this plan differ from the preview.
        list(Project.objects.select_for_update().filter(programme__strategy=strategy).values("pk"))
        plan = plan_workbook(
            strategy=strategy,
            # The server's operator (the command line) may add programmes and projects.
            user=None if operator else user,
            filename=tracker_import.filename,
            content=bytes(tracker_import.content),
            today=today,
        )
        if plan.digest() != tracker_import.plan_digest or not plan.can_apply:
            raise StalePreview(plan)
        outcome = yield from write_plan(plan, strategy=strategy, user=user)
        tracker_import.state = tracker_import.State.IMPORTED
        tracker_import.imported_at = timezone.now()
        tracker_import.content = b""  # imported: the plan is the record, the file not needed
        tracker_import.save(update_fields=["state", "imported_at", "content"])
    yield outcome


def apply_import(tracker_import, *, user, operator=False, on_progress=None, today=None):
    step = None
    for step in import_steps(tracker_import, user=user, operator=operator, today=today):
        if on_progress and isinstance(step, tuple):
            on_progress(*step)
    return step


def write_plan(plan, *, strategy, user):
    """Yields (done, total) every few items; returns the Outcome."""
    outcome = Outcome()
    programmes = {p.name.casefold(): p for p in strategy.programmes.all()}
    order = max((p.order for p in programmes.values()), default=0)
    for name in plan.new_programmes:
        order += 1
        programme = Programme(strategy=strategy, name=name, order=order)
        programme.full_clean()
        programme.save()
        programmes[name.casefold()] = programme
    created = _create_projects(plan, strategy, programmes, user)
    new_milestones, new_updates = [], []
    total = len(plan.changes)
    for done, change in enumerate(plan.changes, start=1):
        counter = COUNTERS[change.action]
        setattr(outcome, counter, getattr(outcome, counter) + 1)
        if change.action != "unchanged":
            project = created.get(id(change)) or _update_project(change, user)
            new_milestones += _write_milestones(change, project, user)
            new_updates += [
                StatusUpdate(
                    project=project,
                    reported_on=update["reported_on"],
                    progress=update["progress"],
                    rag=update["rag"],
                    delivery_status=update.get("delivery_status", ""),
                    author=user,
                )
                for update in change.updates
            ]
            _write_finance(change, project, user)
        if done % PROGRESS_EVERY == 0 or done == total:
            yield done, total
    bulk_create_with_history(
        new_milestones,
        Milestone,
        batch_size=500,
        default_user=user,
        default_change_reason=IMPORT_NOTE,
    )
    bulk_create_with_history(
        new_updates,
        StatusUpdate,
        batch_size=500,
        default_user=user,
        default_change_reason=IMPORT_NOTE,
    )
    outcome.milestones = len(new_milestones) + sum(
        1 for c in plan.changes for m in c.milestones if m.milestone is not None
    )
    outcome.updates = len(new_updates)
    outcome.risks = _write_risks(plan, user)
    return outcome


def _write_risks(plan, user):
    """Each risk through the register's own service, its version checked: the plan was
    worked out again inside this transaction, so a risk changed since the preview has
    already made it stale (its fingerprint is in the digest)."""
    for change in plan.risks:
        risk = change.risk
        if risk is None:
            kind = type(change.keeper).__name__.lower()  # project, programme or strategy
            risk = Risk(**{kind: change.keeper})
        raid_entry_save(
            entry=_audited(risk, user),
            version=risk.version if risk.pk else None,
            fields=change.values,
        )
    return len(plan.risks)


def _audited(obj, user):
    obj._history_user = user
    obj._change_reason = IMPORT_NOTE
    return obj


def _create_projects(plan, strategy, programmes, user):
    """New projects in a few statements (with their audit rows): an import may add
    thousands. The plan has checked what the database would refuse."""
    orders = dict(
        Project.objects.filter(programme__strategy=strategy)
        .values("programme")
        .annotate(last=Max("order"))
        .values_list("programme", "last")
    )
    changes = [change for change in plan.changes if change.project is None]
    projects = []
    for change in changes:
        programme = change.programme or programmes[change.item.programme.casefold()]
        orders[programme.pk] = orders.get(programme.pk, 0) + 1
        project = Project(programme=programme, order=orders[programme.pk], **change.fields)
        project.clean_fields(exclude=["programme", "sponsor", "manager", "lead"])
        project.clean()
        projects.append(project)
    projects = bulk_create_with_history(
        projects,
        Project,
        batch_size=500,
        default_user=user,
        default_change_reason=IMPORT_NOTE,
    )
    Through = Project.councils_impacted.through
    Through.objects.bulk_create(
        [
            Through(project_id=project.pk, organisation_id=council.pk)
            for change, project in zip(changes, projects, strict=True)
            for council in change.councils or ()
        ],
        batch_size=1000,
    )
    return {id(change): project for change, project in zip(changes, projects, strict=True)}


def _update_project(change, user):
    project = change.project
    if change.fields:
        for name, value in change.fields.items():
            setattr(project, name, value)
        _audited(project, user).full_clean()
        project.save()
    if change.councils is not None:
        project.councils_impacted.set(change.councils)
    # An officer's form opened before the import is refused rather than saved over it.
    Project.objects.bump_version(project.pk)
    return project


def _write_milestones(change, project, user):
    new = []
    for milestone_change in change.milestones:
        milestone = milestone_change.milestone
        if milestone is None:
            new.append(Milestone(project=project, **milestone_change.values))
            continue
        moved = milestone_change.values.get("baseline_date", milestone.baseline_date)
        if milestone.baseline_date is not None and moved != milestone.baseline_date:
            # An administrator's sheet moving an agreed baseline re-baselines it, as the
            # milestone's own page does: kept, with where it came from.
            Rebaseline.objects.create(
                milestone=milestone,
                from_date=milestone.baseline_date,
                to_date=moved,
                reason=IMPORT_NOTE,
                changed_by=user,
            )
        for name, value in milestone_change.values.items():
            setattr(milestone, name, value)
        _audited(milestone, user).save(update_fields=list(milestone_change.values))
    return new


def _write_finance(change, project, user):
    for line, year, values in change.finance:
        if line is None:
            line = ProjectFinance(
                project=project, year=year, funding_source=FundingSource.COUNCIL_BUDGET
            )
        for name, value in values.items():
            setattr(line, name, value)
        line.notes = line.notes or IMPORT_NOTE
        _audited(line, user).save()
