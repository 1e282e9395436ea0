"""The roadmap by quarter: each project a row, its milestones in their quarter, as
the 12-month action plan laid them out in Q1–Q5 columns. Financial-year quarters
(Q1 is April–June), laid out here so the SVG template only draws."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models.functions import Coalesce

from projects.models import DeliveryStatus

MAX_QUARTERS = 6
MAX_ROWS = 40
LABEL_WIDTH = 220
COLUMN_WIDTH = 170
LINE = 16
HEADER = 34
STATUS_STYLE = {
    # status: (fill, text colour, word): colour and word together, never colour alone
    DeliveryStatus.COMPLETE: ("#00703c", "#ffffff", "Done"),
    DeliveryStatus.STARTED: ("#1d70b8", "#ffffff", "Started"),
    DeliveryStatus.PAUSED: ("#f47738", "#0b0c0c", "Paused"),
    DeliveryStatus.NOT_STARTED: ("#f3f2f1", "#0b0c0c", "Not started"),
    "overdue": ("#d4351c", "#ffffff", "Overdue"),
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class Quarter:
    start: date
    end: date

    @property
    def number(self):
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def label(self):
        months = f"{MONTHS[self.start.month - 1]}–{MONTHS[self.end.month - 1]}"
        return f"Q{self.number} {months} {self.end.year}"

    def contains(self, day):
        return self.start <= day <= self.end


def quarter_of(day):
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end_month = first_month + 2
    next_month = date(day.year + (end_month == 12), end_month % 12 + 1, 1)
    return Quarter(start, next_month.fromordinal(next_month.toordinal() - 1))


def quarters_between(first, last, limit=MAX_QUARTERS):
    quarters, day = [], first
    while day <= last and len(quarters) < limit:
        quarter = quarter_of(day)
        quarters.append(quarter)
        day = date.fromordinal(quarter.end.toordinal() + 1)
    return quarters


@dataclass
class Mark:
    title: str
    due: date
    status_word: str
    fill: str
    text: str
    x: int = 0
    y: int = 0

    @property
    def short_title(self):
        return self.title if len(self.title) <= 24 else self.title[:23] + "…"


@dataclass
class Row:
    project: object
    y: int
    height: int
    marks: list = field(default_factory=list)


@dataclass
class Roadmap:
    quarters: list
    rows: list
    width: int
    height: int
    column_x: list
    hidden_projects: int
    label_width: int = LABEL_WIDTH
    column_width: int = COLUMN_WIDTH

    @property
    def columns(self):
        return [{"quarter": q, "x": x} for q, x in zip(self.quarters, self.column_x, strict=True)]

    @property
    def span(self):
        return f"{self.quarters[0].label} to {self.quarters[-1].label}"


def window(scope):
    """Six quarters from the one before the as-at day; if nothing falls there (an old
    plan), the quarters its milestones span."""
    start = quarter_of(scope.as_at)
    first = quarter_of(date.fromordinal(start.start.toordinal() - 1)).start
    quarters = quarters_between(first, date(first.year + 2, 12, 31))
    due = Coalesce("forecast_date", "baseline_date")
    dated = scope.milestones().annotate(due=due).exclude(due=None)
    if not dated.filter(due__gte=quarters[0].start, due__lte=quarters[-1].end).exists():
        earliest = dated.order_by("due").values_list("due", flat=True).first()
        if earliest:
            quarters = quarters_between(earliest, date(earliest.year + 2, 12, 31))
    return quarters


def build_roadmap(scope):
    quarters = window(scope)
    first, last = quarters[0].start, quarters[-1].end
    due = Coalesce("forecast_date", "baseline_date")
    in_window = scope.milestones().annotate(due=due).filter(due__gte=first, due__lte=last)
    # A big portfolio has more rows than a page can show: draw the first MAX_ROWS
    # projects (programme pages draw the rest) and load only their milestones.
    shown = (
        scope.projects()
        .filter(pk__in=in_window.values("project_id"))
        .order_by("programme__order", "order", "name")
    )
    total = shown.count()
    shown_ids = list(shown.values_list("pk", flat=True)[:MAX_ROWS])
    milestones = list(
        in_window.filter(project_id__in=shown_ids)
        .select_related("project")
        .order_by("project__programme__order", "project__order", "project__name", "due")
    )
    by_project = {}
    for milestone in milestones:
        by_project.setdefault(milestone.project_id, (milestone.project, []))[1].append(milestone)
    projects = list(by_project.values())
    hidden = max(0, total - len(projects))
    rows, y = [], HEADER
    column_x = [LABEL_WIDTH + i * COLUMN_WIDTH for i in range(len(quarters))]
    for project, items in projects[:MAX_ROWS]:
        per_quarter = [[m for m in items if q.contains(m.due)] for q in quarters]
        height = max(1, max(len(cell) for cell in per_quarter)) * LINE + 8
        row = Row(project=project, y=y, height=height)
        for index, cell in enumerate(per_quarter):
            for position, milestone in enumerate(cell):
                overdue = (
                    milestone.delivery_status != DeliveryStatus.COMPLETE
                    and milestone.due < scope.as_at
                )
                fill, text, word = STATUS_STYLE["overdue" if overdue else milestone.delivery_status]
                row.marks.append(
                    Mark(
                        title=milestone.title,
                        due=milestone.due,
                        status_word=word,
                        fill=fill,
                        text=text,
                        x=column_x[index] + 4,
                        y=y + 4 + position * LINE,
                    )
                )
        rows.append(row)
        y += height
    return Roadmap(
        quarters=quarters,
        rows=rows,
        width=LABEL_WIDTH + COLUMN_WIDTH * len(quarters),
        height=y + 4,
        column_x=column_x,
        hidden_projects=hidden,
    )
