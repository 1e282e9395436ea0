"""Planning an item's milestones: each sheet row matched to one of the project's
milestones (by title, or by place for rows giving only a due date), and what changes."""

from collections import defaultdict

from django.core.exceptions import ValidationError

from ...models import Milestone, MilestoneStatus
from ..items import Problem
from ..plan import MilestoneChange


class MilestonePlanning:
    """Part of `Planner`: reads its people, plan and refusals."""

    def milestone_changes(self, change):
        item = change.item
        existing = list(self.milestones.get(change.project.pk, [])) if change.project else []
        seen = defaultdict(int)
        next_order = max((m.order for m in existing), default=0)
        project_names = {item.name.casefold()}
        if change.project is not None:
            project_names.add(change.project.name.casefold())
        for row in item.milestones:
            if row.quarter and row.lead and row.lead.casefold() not in self.people:
                # "Sign off (DPIA)": brackets that name nobody are part of the title.
                row.title, row.lead = f"{row.title} ({row.lead})", ""
            title = row.title[:500]
            if row.titled:
                key = title.casefold()
                same = [m for m in existing if m.title.casefold() == key]
            else:
                # A row giving only a due date is the item's milestone: found by its place
                # among the untitled ones, so TBC becoming a date updates it.
                key = None
                same = [
                    m
                    for m in existing
                    if m.title.casefold() in project_names | {m.due_text.casefold()}
                ]
            milestone = same[seen[key]] if seen[key] < len(same) else None
            seen[key] += 1
            values = self.milestone_values(row, milestone)
            if milestone is not None and not self.may_add:
                for name, what in (("baseline_date", "baseline date"), ("lead", "lead")):
                    if values.pop(name, None) is not None:
                        self.refuse(change, f"{what} of milestone ‘{milestone.title}’", row.where)
            if self.withdrawal_changed(row, milestone, values):
                continue
            self.check_milestone(row, milestone, values)
            if milestone is None:
                next_order += 1
                values = {"title": title, "order": next_order, **values}
                change.milestones.append(MilestoneChange(None, values, row.where))
            elif values:
                change.milestones.append(MilestoneChange(milestone, values, row.where))

    def withdrawal_changed(self, row, milestone, values):
        """Withdrawing takes a reason, and a withdrawn milestone stays withdrawn: both are
        done on the milestone's own page, never by a sheet (a problem, said so)."""
        was = milestone is not None and milestone.is_withdrawn
        becomes = values.get("delivery_status") == MilestoneStatus.WITHDRAWN
        if was and values:
            message = "is withdrawn: it can be changed only on its page"
        elif becomes and not was:
            message = "can be withdrawn only on its page in the portal, with the reason"
        else:
            return False
        self.plan.problems.append(Problem(row.where, f"‘{row.title}’ {message}"))
        return True

    def check_milestone(self, row, milestone, values):
        """The milestone's own rules (a completed date needs Complete…) on its new state."""
        state = {
            name: getattr(milestone, name) if milestone else None
            for name in ("completed_on", "delivery_status", "withdrawal_reason")
        }
        state.update({k: v for k, v in values.items() if k in state})
        state["withdrawal_reason"] = state["withdrawal_reason"] or ""
        if not state["delivery_status"]:
            state["delivery_status"] = Milestone._meta.get_field("delivery_status").default
        try:
            Milestone(**state).clean()
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    self.plan.problems.append(Problem(row.where, f"‘{row.title}’: {message}"))

    def milestone_values(self, row, milestone):
        wanted = {}
        in_quarter = (
            milestone is not None and row.quarter and self.already_due(milestone, row, None)
        )
        if row.due.words and not in_quarter:
            # A quarter column's label replaces the words only when the quarter moves.
            wanted["due_text"] = row.due.words[:200]
        explicit = row.baseline or row.forecast
        if row.baseline:
            wanted["baseline_date"] = row.baseline
        if row.forecast:
            wanted["forecast_date"] = row.forecast
        if row.completed:
            wanted["completed_on"] = row.completed
        if row.status:
            wanted["delivery_status"] = row.status
        lead = self.people.get(row.lead.casefold()) if row.lead else None
        if row.lead and lead is None:
            self.unknown[("a person", row.lead)].append(row.where)
        if lead:
            wanted["lead"] = lead
        day = row.due.day
        if day and not explicit:
            if milestone is None or milestone.baseline_date is None:
                wanted["baseline_date"] = day
            elif not self.already_due(milestone, row, day):
                # A later sheet moving a date is a new forecast: the baseline stays
                # the date first agreed, so the slippage shows.
                wanted["forecast_date"] = day
        if milestone is None:
            return wanted
        return {name: value for name, value in wanted.items() if getattr(milestone, name) != value}

    @staticmethod
    def already_due(milestone, row, day):
        due = milestone.due_date
        if row.quarter:
            return due is not None and row.quarter[0] <= due <= row.quarter[1]
        return due == day
