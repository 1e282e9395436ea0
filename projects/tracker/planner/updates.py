"""Planning an item's progress entries, RAG and money: which dated updates are new,
which update carries the sheet's RAG, and the finance line the plan's columns make."""

import re
from collections import defaultdict

from core.calendar import financial_year_of

from ...finance import action_plan_finance
from ...models import Project
from ..cells import LARGEST_AMOUNT
from ..items import Problem


class UpdatePlanning:
    """Part of `Planner`: reads its loaded updates, finance lines and plan."""

    @staticmethod
    def is_known(entry, known):
        """An entry the project already has: the same words on the same day (or, undated,
        the same words). A tracker may also split one stored update in two where its
        words mention a date: a piece that follows that date inside a stored update
        is part of it."""
        if entry.day is None:
            return any(text == entry.text for _, text in known)
        if (entry.day, entry.text) in known:
            return True
        return any(
            (day == entry.day and text.startswith(entry.text)) or _follows_its_date(text, entry)
            for day, text in known
            if entry.text in text
        )

    def update_changes(self, change):
        item = change.item
        project = change.project
        known = set(self.progress.get(project.pk, [])) if project else set()
        updates = []
        for entry, where in item.progress:
            if self.is_known(entry, known):
                continue
            known.add((entry.day, entry.text))
            day = entry.day or self.today
            if day > self.today:
                self.plan.problems.append(
                    Problem(where, f"the update dated {day:%d/%m/%Y} is in the future")
                )
                continue
            updates.append(
                {"reported_on": day, "progress": entry.text, "rag": None, "where": where}
            )
        updates.sort(key=lambda update: update["reported_on"])
        latest = self.latest.get(project.pk) if project else None
        rag = item.rag
        status = item.values.get("lifecycle", (None,))[0]
        delivery = MILESTONE_STATUS_OF.get(status, "")
        if rag is not None:
            if rag.scale_id != self.strategy.rag_scale_id:
                self.plan.problems.append(
                    Problem(item.rag_where, f"{rag.label} is not on this strategy’s RAG key")
                )
                return
            newest_is_new = updates and (
                latest is None or updates[-1]["reported_on"] >= latest.reported_on
            )
            if newest_is_new:
                updates[-1]["rag"] = rag
                updates[-1]["delivery_status"] = delivery
            elif latest is None or latest.rag_id != rag.pk:
                updates.append(
                    {
                        "reported_on": self.today,
                        "progress": f"RAG set to {rag.label} from the imported tracker "
                        f"({item.rag_where}).",
                        "rag": rag,
                        "delivery_status": delivery,
                        "where": item.rag_where,
                    }
                )
        change.updates = updates

    def finance_changes(self, change):
        item = change.item
        years = defaultdict(dict)
        for cell in item.money:
            years[cell.year or financial_year_of(self.today)][cell.kind] = cell
        for year, cells in sorted(years.items()):
            budget, pressure = cells.get("budget"), cells.get("pressure")
            where = (budget or pressure).where
            line = self.finance.get((change.project.pk, year)) if change.project else None
            # A blank budget beside a pressure keeps the budget the line has.
            budget_pounds = budget.pounds if budget else (line.revenue_budget if line else None)
            values = action_plan_finance(budget_pounds, pressure.pounds if pressure else None)
            if any(value < 0 or value >= LARGEST_AMOUNT for value in values.values()):
                self.plan.problems.append(
                    Problem(
                        where,
                        "the budget, and the budget plus the pressure, must be £0 or more "
                        "and less than £1,000,000,000,000",
                    )
                )
                continue
            if line is not None:
                values = {k: v for k, v in values.items() if getattr(line, k) != v}
            if values and change.project is not None and not self.may_add:
                self.refuse(change, f"money for {year}/{(year + 1) % 100:02d}", where)
            elif values:
                change.finance.append((line, year, values))


def _follows_its_date(text, entry):
    """Whether `entry.text` appears in `text` straight after a date that is its day."""
    start = text.find(entry.text)
    while start >= 0:
        written = DATE_BEFORE.search(text[max(0, start - 30) : start])
        if written and (int(written["day"]), int(written["month"])) == (
            entry.day.day,
            entry.day.month,
        ):
            return True
        start = text.find(entry.text, start + 1)
    return False


DATE_BEFORE = re.compile(
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/\d{2,4})?\s*(?:update\s*)?[-–:]?\s*$", re.I
)
MILESTONE_STATUS_OF = {
    Project.Lifecycle.SCHEDULED: "not_started",
    Project.Lifecycle.ACTIVE: "started",
    Project.Lifecycle.PAUSED: "paused",
    Project.Lifecycle.COMPLETE: "complete",
    Project.Lifecycle.CLOSED: "complete",
}
