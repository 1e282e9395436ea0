"""Planning a risk register sheet: each row matched to a risk of the project (by the
project's reference, else its name) or of the programme it names, by the risk's
reference, else its title or event; what differs is planned, blank cells change nothing.
A project's editors import its risks, a programme's owner the programme's; other rows
are left alone, and said so (tests/test_risk_register_import.py)."""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Q

from ...models import Risk
from ..items import Problem
from ..plan import RiskChange

SCORED = (("initial_likelihood", "initial_impact"), ("residual_likelihood", "residual_impact"))


class RiskPlanning:
    """Part of `Planner`: reads its projects, people and who may edit what."""

    def load_risks(self):
        strategy = self.strategy
        self.risks = defaultdict(list)
        for risk in Risk.objects.filter(
            Q(project__programme__strategy=strategy)
            | Q(programme__strategy=strategy)
            | Q(strategy=strategy)
        ).select_related("owner"):
            if risk.project_id:
                key = ("project", risk.project_id)
            else:
                key = ("programme", risk.programme_id) if risk.programme_id else ("strategy", 0)
            self.risks[key].append(risk)

    def risk_changes(self):
        for row in self.reading.risks:
            if row.strategy and row.strategy.casefold() != self.strategy.title.casefold():
                self.plan.left_alone.append(
                    (row.where, row.keeper, f"its risk belongs to ‘{row.strategy}’")
                )
                continue
            keeper = self.risk_keeper(row)
            if keeper is None:
                continue
            risk = self.existing_risk(keeper, row)
            values = self.risk_values(row, risk)
            if risk is not None and not values:
                continue
            if not self.may_keep_risks_of(keeper):
                self.plan.left_alone.append(
                    (row.where, str(keeper), "you cannot change its risks: ask who keeps them")
                )
                continue
            if self.risk_problem(row, risk, values):
                continue
            self.plan.risks.append(RiskChange(risk, keeper, values, row.where))

    def risk_keeper(self, row):
        """The project named by reference or name, else the programme, else (neither named)
        the strategy itself; None, said why."""
        if row.project_reference or row.project:
            named = SimpleNamespace(
                reference=row.project_reference,
                name=row.project,
                programme=row.programme,
                where=row.where,
            )
            project, matched = self.match(named)
            if not matched:
                return None  # a reference two projects share: match() has said so
            if project is None and not row.programme:
                # A register without a programme column: a name the strategy has once.
                same = [
                    p for (_, name), p in self.by_name.items() if name == row.project.casefold()
                ]
                project = same[0] if len(same) == 1 else None
            if project is None:
                self.plan.notes.append(
                    Problem(
                        row.where,
                        f"‘{row.project or row.project_reference}’ is not a project of this "
                        "strategy yet: its risk is left out (import the project first)",
                    )
                )
            return project
        if not row.programme:
            return self.strategy
        programme = self.programmes.get(row.programme.casefold())
        if programme is None:
            self.plan.notes.append(
                Problem(row.where, f"‘{row.programme}’ is not a programme of this strategy")
            )
        return programme

    def existing_risk(self, keeper, row):
        risks = self.risks.get(self.keeper_key(keeper), [])
        reference = row.values.get("reference", "").casefold()
        if reference:
            same = [r for r in risks if r.reference.casefold() == reference]
        else:
            words = (row.values.get("title") or row.values.get("description", "")).casefold()
            same = [r for r in risks if words in {r.title.casefold(), r.description.casefold()}]
        return same[0] if len(same) == 1 else None

    def risk_values(self, row, risk):
        values = {}
        for name, value in row.values.items():
            if risk is None or getattr(risk, name) != value:
                values[name] = value
        if row.owner:
            person = self.people.get(row.owner.casefold())
            if person is None:
                self.unknown[("a person", row.owner)].append(row.where)
            elif risk is None or risk.owner_id != person.pk:
                values["owner"] = person
        return values

    def keeper_key(self, keeper):
        if keeper == self.strategy:
            return ("strategy", 0)
        if keeper in self.programmes.values():
            return ("programme", keeper.pk)
        return ("project", keeper.pk)

    def may_keep_risks_of(self, keeper):
        """As in the portal: a project's editors, a programme's owner, administrators (and
        the command line's operator) everything, the strategy's own included."""
        if self.user is None or self.may_add:
            return True
        if keeper == self.strategy:
            return False
        if keeper in self.programmes.values():
            person = getattr(self.user, "person", None)
            return person is not None and keeper.owner_id == person.pk
        return keeper.pk in self.editable

    def risk_problem(self, row, risk, values):
        """A half-scored rating: the database would refuse it."""
        for likelihood, impact in SCORED:
            state = {
                name: values.get(name, getattr(risk, name) if risk else None)
                for name in (likelihood, impact)
            }
            if (state[likelihood] is None) != (state[impact] is None):
                words = "initial" if likelihood.startswith("initial") else "current"
                self.plan.problems.append(
                    Problem(row.where, f"give both the {words} likelihood and impact, or neither")
                )
                return True
        return False
