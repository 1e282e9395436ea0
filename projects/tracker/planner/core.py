"""Working out an import's plan: each item matched to a project of the strategy (by
reference, else by programme and name), people, councils and RAG looked up, and the
differences with the portal listed. Blank cells change nothing. Milestones, and
progress and money, are planned in the modules beside this one."""

import re
from collections import defaultdict

from django.utils import timezone

from core.roles import ADMINISTRATOR, has_role
from programmes.models import Organisation, Person, Programme

from ...models import FundingSource, Milestone, Project, ProjectFinance, StatusUpdate
from ..cells import plain_text
from ..items import Problem
from ..plan import FIELD_LABELS, ItemChange, Plan
from .milestones import MilestonePlanning
from .risks import RiskPlanning
from .updates import UpdatePlanning

PEOPLE_ROLES = {"lead": "lead", "sponsor": "sponsor", "manager": "manager"}
TEXT_FIELDS = {"driver": "driver", "resourcing": "resourcing", "funding": "funding_approach"}
DATE_FIELDS = {"start": "start_date", "end": "end_date"}
ALL_COUNCILS = {"all", "all councils", "all partners"}
# What an officer may change by import, as in the portal's update form: the status.
OFFICER_FIELDS = {"lifecycle_status"}
PROGRAMME_NAME_LIMIT = Programme._meta.get_field("name").max_length


class Planner(MilestonePlanning, UpdatePlanning, RiskPlanning):
    def __init__(self, *, strategy, user, reading, today=None):
        self.strategy = strategy
        self.user = user
        self.reading = reading
        self.today = today or timezone.localdate()
        # The command line runs as the server's operator; in the browser, only
        # administrators add programmes and projects.
        self.may_add = user is None or has_role(user, ADMINISTRATOR)
        self.plan = Plan(problems=list(reading.problems), rows=reading.rows)
        self.unknown = defaultdict(list)
        self.new_names = set()
        self.matched = {}  # project pk → the item that matched it
        self.other_strategies = defaultdict(int)
        self.refused = defaultdict(list)  # (project, what) → where an officer asked to change it
        self._load()

    def _load(self):
        strategy = self.strategy
        self.programmes = {p.name.casefold(): p for p in strategy.programmes.all()}
        projects = list(
            Project.objects.filter(programme__strategy=strategy)
            .select_related("programme", "lead", "sponsor", "manager")
            .with_current_rag()
            .prefetch_related("councils_impacted")
        )
        self.by_reference = defaultdict(list)
        self.by_name = {}
        for project in projects:
            if project.reference:
                self.by_reference[project.reference.casefold()].append(project)
            self.by_name[(project.programme.name.casefold(), project.name.casefold())] = project
        ids = [p.pk for p in projects]
        self.milestones = defaultdict(list)
        for milestone in (
            Milestone.objects.filter(project_id__in=ids)
            .select_related("lead")
            .order_by("project", "order", "baseline_date", "pk")
        ):
            self.milestones[milestone.project_id].append(milestone)
        self.progress = defaultdict(list)  # (reported on, text as compared)
        self.latest = {}
        for update in StatusUpdate.objects.filter(project_id__in=ids).order_by(
            "project", "reported_on", "created_at", "pk"
        ):
            self.progress[update.project_id].append(
                (update.reported_on, plain_text(update.progress))
            )
            self.latest[update.project_id] = update
        self.finance = {
            (line.project_id, line.year): line
            for line in ProjectFinance.objects.filter(
                project_id__in=ids, funding_source=FundingSource.COUNCIL_BUDGET
            )
        }
        if self.user is None:
            self.editable = set(ids)
        else:
            self.editable = set(
                Project.objects.editable_by(self.user)
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
            )
        self.people = {}
        initials = defaultdict(list)
        for person in Person.objects.all():
            self.people.setdefault(person.name.casefold(), person)
            if person.initials:
                initials[person.initials.casefold()].append(person)
        for written, people in initials.items():
            # Initials two people share name neither: the lead is left as it is.
            if len(people) == 1:
                self.people.setdefault(written, people[0])
        self.organisations = list(Organisation.objects.all())
        self.load_risks()
        self.partners = list(strategy.organisations.all()) or [
            o for o in self.organisations if o.kind == Organisation.Kind.COUNCIL
        ]

    def build(self):
        for item in self.reading.items.values():
            strategy = item.values.get("strategy")
            if strategy and strategy[0].casefold() != self.strategy.title.casefold():
                # A portfolio export holds every strategy: each imports into its own.
                self.other_strategies[strategy[0]] += 1
                self.plan.left_alone.append(
                    (
                        item.where,
                        item.name,
                        f"it belongs to ‘{strategy[0]}’: import it into that strategy",
                    )
                )
                continue
            change = self.item_change(item)
            if change:
                self.plan.changes.append(change)
        self.risk_changes()
        for (what, value), places in self.unknown.items():
            rows = ", ".join(str(where) for where in places[:3])
            more = f" and {len(places) - 3} more" if len(places) > 3 else ""
            self.plan.notes.append(
                Problem(
                    None, f"‘{value}’ is not {what} in the portal ({rows}{more}): left as it is"
                )
            )
        for (project, what), places in self.refused.items():
            self.plan.notes.append(
                Problem(
                    places[0],
                    f"only an administrator can change the {what} of ‘{project}’: left as it is",
                )
            )
        for title, count in self.other_strategies.items():
            self.plan.notes.append(
                Problem(
                    None,
                    f"{count} project{'s' * (count != 1)} of ‘{title}’ left alone: "
                    "import them into that strategy",
                )
            )
        self.plan.notes += self.reading.notes
        return self.plan

    def programme_for(self, item):
        """The strategy's programme an item belongs to: named exactly, or by the sheet's
        name (a sheet per service area), or ending the plan's title (`Five Councils IT`)."""
        for name in (item.programme, item.where.sheet):
            programme = self.programmes.get(name.strip().casefold())
            if programme:
                return programme
        title = f" {item.programme.casefold()}"
        endings = [p for key, p in self.programmes.items() if title.endswith(f" {key}")]
        return endings[0] if len(endings) == 1 else None

    def match(self, item):
        if item.reference:
            found = self.by_reference.get(item.reference.casefold(), [])
            if len(found) > 1:
                self.plan.problems.append(
                    Problem(
                        item.where,
                        f"reference {item.reference} belongs to {len(found)} projects of this "
                        "strategy: give them different references first",
                    )
                )
                return None, False
            if found:
                return found[0], True
        return self.by_name.get((item.programme.casefold(), item.name.casefold())), True

    def item_change(self, item):
        # The programme first: an item is matched by its programme's name as the portal has it.
        programme = self.programme_for(item)
        if programme is not None:
            item.programme = programme.name
        project, matched = self.match(item)
        if not matched:
            return None
        if project is None:
            if not self.may_add:
                self.plan.problems.append(
                    Problem(
                        item.where,
                        f"‘{item.name}’ is not a project of this strategy yet: only an "
                        "administrator can add projects",
                    )
                )
                return None
            new_name = (item.programme.casefold(), item.name.casefold())
            if new_name in self.new_names:
                self.plan.problems.append(
                    Problem(
                        item.where,
                        f"‘{item.name}’ appears twice in ‘{item.programme}’ with different "
                        "references: give the two projects different names",
                    )
                )
                return None
            self.new_names.add(new_name)
            if programme is None and not self.add_programme(item):
                return None
        elif project.pk in self.matched:
            first = self.matched[project.pk]
            self.plan.problems.append(
                Problem(
                    item.where,
                    f"this row and {first.where.row and str(first.where)} both describe "
                    f"‘{project.name}’: give them the same reference and name",
                )
            )
            return None
        if project is not None:
            self.matched[project.pk] = item
        change = ItemChange(
            item=item,
            project=project,
            programme=programme or (project.programme if project else None),
            programme_name=project.programme.name if project else item.programme,
        )
        if project is not None:
            latest = self.latest.get(project.pk)
            change.fingerprint = f"{project.pk}:{project.version}:{latest.pk if latest else ''}"
        self.project_fields(change)
        self.milestone_changes(change)
        self.update_changes(change)
        self.finance_changes(change)
        if project is not None and project.pk not in self.editable:
            # A council's shared tracker lists everyone's projects: an officer's import
            # updates theirs and leaves the rest, saying so when the sheet differs.
            differs = change.action != "unchanged"
            self.plan.left_alone.append(
                (
                    item.where,
                    project.name,
                    "you cannot change it"
                    + (
                        " and the sheet differs from the portal: ask its project manager, "
                        "its lead or an administrator"
                        if differs
                        else "; the sheet says what the portal does"
                    ),
                )
            )
            return None
        return change

    def refuse(self, change, what, where=None):
        if change.project.pk not in self.editable:
            return  # the whole row is left alone, and said so once
        self.refused[(change.project.name, what)].append(where or change.item.where)

    def add_programme(self, item):
        name = item.programme
        if len(name) > PROGRAMME_NAME_LIMIT:
            self.plan.problems.append(
                Problem(item.where, f"the programme name ‘{name[:60]}…’ is too long")
            )
            return False
        known = {new.casefold() for new in self.plan.new_programmes}
        if name.casefold() not in known:
            self.plan.new_programmes.append(name)
        return True

    def _set(self, change, name, value, where=None):
        current = getattr(change.project, name) if change.project else None
        if isinstance(current, str) and isinstance(value, str):
            same = plain_text(current) == plain_text(value)
        else:
            same = current == value
        if change.project is not None and same:
            return
        if change.project is not None and not self.may_add and name not in OFFICER_FIELDS:
            # Officers keep a project's status current; who runs it, and its money and
            # dates, are an administrator's to change, as in the portal's own forms.
            self.refuse(change, FIELD_LABELS.get(name, name).lower(), where)
            return
        change.fields[name] = value

    def project_fields(self, change):
        item = change.item
        if change.project is None:
            change.fields["name"] = item.name
        if item.reference:
            self._set(change, "reference", item.reference)
        if item.description:
            self._set(change, "description", item.description)
        if item.part:
            self._set(change, "plan_part", item.part)
        for role, name in PEOPLE_ROLES.items():
            if role in item.values:
                words, where = item.values[role]
                person = self.people.get(words.casefold())
                if person is None:
                    self.unknown[("a person", words)].append(where)
                else:
                    self._set(change, name, person, where)
        for role, name in TEXT_FIELDS.items():
            if role in item.values:
                self._set(change, name, item.values[role][0][:300], item.values[role][1])
        for role, name in DATE_FIELDS.items():
            if role in item.values:
                self._set(change, name, *item.values[role])
        start = change.fields.get("start_date", getattr(change.project, "start_date", None))
        end = change.fields.get("end_date", getattr(change.project, "end_date", None))
        if start and end and end < start:
            self.plan.problems.append(
                Problem(item.where, "the end date must be on or after the start date")
            )
        if "lifecycle" in item.values:
            self._set(change, "lifecycle_status", *item.values["lifecycle"])
        if "councils" in item.values:
            councils = self.councils(*item.values["councils"])
            current = set(change.project.councils_impacted.all()) if change.project else set()
            if councils and set(councils) != current:
                if change.project is not None and not self.may_add:
                    self.refuse(change, "councils impacted", item.values["councils"][1])
                else:
                    change.councils = councils

    def councils(self, words, where):
        if words.casefold() in ALL_COUNCILS:
            return self.partners
        found = []
        for token in re.split(r"\s*[,;/]\s*|\s+and\s+", words):
            token = token.strip()
            if not token:
                continue
            match = [
                o
                for o in self.organisations
                if token.casefold() in {o.code.casefold(), o.name.casefold()}
            ] or [o for o in self.organisations if o.name.casefold().startswith(token.casefold())]
            if len(match) == 1:
                found.append(match[0])
            else:
                self.unknown[("a council", token)].append(where)
        return found


def plan_import(*, strategy, user, reading, today=None):
    return Planner(strategy=strategy, user=user, reading=reading, today=today).build()
