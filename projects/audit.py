"""The audit trail of a project (or a contract change) in words a member understands.

django-simple-history records every save of projects, milestones, status
updates, risks and contract changes; this reads those records back as
"Lee Brown changed the forecast date of “Go live” from 30/06/2022 to 31/07/2022".
"""

from dataclasses import dataclass
from datetime import date, datetime

from programmes.models import Person, RagLevel

from .models import Dependency, Issue, Milestone, Project, RaidAction, Risk, StatusUpdate

LIMIT = 60
# Other apps' models whose history shows on a project's page: {model: the filter of its
# records for a project}. Apps above this one register theirs in their AppConfig.ready()
# (contracts: the changes linked to the project), so this module imports none of them.
PROJECT_HISTORY: dict = {}


def register_project_history(model, records_of_project):
    """Show `model`'s history on a project's page: `records_of_project(project)` gives
    the filter (keyword arguments) of the records that belong to it."""
    PROJECT_HISTORY[model] = records_of_project


IGNORED = {"id", "version", "project_version", "created_at", "order"}


@dataclass
class AuditEntry:
    when: datetime
    who: str
    summary: str
    changes: list


def _who(record):
    user = record.history_user
    if user is None:
        return "Imported"
    return user.get_full_name() or user.username


def _subject(model, record):
    if model is Project:
        return "the project"
    if model is StatusUpdate:
        return f"the status update of {record.reported_on:%d/%m/%Y}"
    if model in (Risk, Issue):
        name = record.reference or record.title or record.description[:40]
        return f"{model._meta.verbose_name} {name}"
    if model is RaidAction:
        return f"the action “{record.description[:60]}”"
    if model is Dependency:
        return "a dependency"
    return f"{model._meta.verbose_name} “{record.title}”"


class _Formatter:
    """Turns stored values into words: dates as the papers write them, choices by
    their labels, people and RAG levels by name (looked up once, not per row)."""

    def __init__(self, records_by_model):
        person_ids, level_ids = set(), set()
        for model, records in records_by_model.items():
            for field in model._meta.fields:
                target = getattr(field, "related_model", None)
                ids = person_ids if target is Person else level_ids if target is RagLevel else None
                if ids is not None:
                    ids.update(getattr(r, field.attname) for r in records)
        person_ids.discard(None)
        level_ids.discard(None)
        self.people = Person.objects.in_bulk(person_ids) if person_ids else {}
        self.levels = RagLevel.objects.in_bulk(level_ids) if level_ids else {}

    def value(self, field, raw):
        if raw in (None, ""):
            return "blank"
        if field.choices:
            return str(dict(field.choices).get(raw, raw))
        target = getattr(field, "related_model", None)
        if target is Person:
            return str(self.people.get(raw, "someone since removed"))
        if target is RagLevel:
            level = self.levels.get(raw)
            return f"{level.label} ({level.words})" if level else "a removed RAG level"
        if isinstance(raw, date):
            return raw.strftime("%d/%m/%Y")
        if isinstance(raw, bool):
            return "yes" if raw else "no"
        text = str(raw)
        return text if len(text) <= 120 else text[:117] + "…"


def history_records(model, *, limit, **filters):
    """The newest records, oldest first. Reading `limit` of each kind bounds the page
    however long the project's life; the oldest record read has no "before" to
    compare with and so shows no change, which the limit keeps off the page anyway."""
    newest = (
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: limit + 1]
    )
    return list(reversed(newest))


def project_change_history(project, *, limit=LIMIT):
    """Newest first, at most `limit` entries, in a fixed number of queries."""
    records_by_model = {
        Project: history_records(Project, limit=limit, id=project.pk),
        Milestone: history_records(Milestone, limit=limit, project_id=project.pk),
        StatusUpdate: history_records(StatusUpdate, limit=limit, project_id=project.pk),
        Risk: history_records(Risk, limit=limit, project_id=project.pk),
        Issue: history_records(Issue, limit=limit, project_id=project.pk),
        Dependency: history_records(Dependency, limit=limit, project_id=project.pk),
    }
    for model, records_of_project in PROJECT_HISTORY.items():
        records_by_model[model] = history_records(model, limit=limit, **records_of_project(project))
    return audit_entries(records_by_model, limit=limit)


def raid_change_history(entry, *, limit=LIMIT):
    """A risk's or an issue's own trail and its actions', newest first."""
    model = type(entry)
    key = "risk_id" if model is Risk else "issue_id"
    return audit_entries(
        {
            model: history_records(model, limit=limit, id=entry.pk),
            RaidAction: history_records(RaidAction, limit=limit, **{key: entry.pk}),
        },
        limit=limit,
    )


def audit_entries(records_by_model, *, limit, subject=_subject):
    """{model: its history records, oldest first} as entries in words, newest first."""
    words = _Formatter(records_by_model)
    entries = []
    for model, records in records_by_model.items():
        fields = {f.attname: f for f in model._meta.fields if f.attname not in IGNORED}
        previous = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            what = subject(model, record)
            if record.history_type == "+":
                entries.append(AuditEntry(record.history_date, _who(record), f"added {what}", []))
            elif record.history_type == "-":
                entries.append(AuditEntry(record.history_date, _who(record), f"deleted {what}", []))
            elif before is not None:
                changes = [
                    (
                        fields[name].verbose_name,
                        words.value(fields[name], getattr(before, name)),
                        words.value(fields[name], getattr(record, name)),
                    )
                    for name in fields
                    if getattr(before, name) != getattr(record, name)
                ]
                if changes:
                    entries.append(
                        AuditEntry(record.history_date, _who(record), f"changed {what}", changes)
                    )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
