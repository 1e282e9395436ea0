"""Projects to .xlsx, in two layouts the importer reads back without loss:

- the portal's layout: a Projects sheet (a row per project, progress as dated entries
  in one cell) and a Milestones sheet (a row per milestone, with real dates);
- the 12-month action plan's own layout: colour key in rows 1–3, activity stream,
  project, lead, resourcing, funding, budget and pressure (£000s), then a column per
  quarter holding the milestones due in it, coloured by the key.
"""

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from django.utils import timezone

from core.calendar import financial_year_of, quarter_of
from core.workbooks import (
    SheetWriter,
    finish,
    new_workbook,
    workbook_bytes,
    xlsx_response,
)
from programmes.models import RagLevel

from .finance import action_plan_columns
from .models import (
    DeliveryStatus,
    FundingSource,
    Milestone,
    MilestoneStatus,
    Project,
    ProjectFinance,
    StatusUpdate,
)
from .risk_export import write_risk_sheet
from .tracker.cells import ProgressEntry, progress_cell
from .tracker.columns import quarter_label

STATUS_WORDS = dict(MilestoneStatus.choices)
MAX_QUARTERS = 40
LAYOUTS = {"portal": "The portal's layout", "action-plan": "The 12-month action plan's layout"}
PROJECT_HEADERS = [
    "Strategy",
    "Programme",
    "Ref",
    "Project",
    "Description",
    "Plan part",
    "Sponsor",
    "Project manager",
    "Lead",
    "Status",
    "RAG",
    "RAG meaning",
    "Last update",
    "Councils impacted",
    "Resourcing",
    "Funding approach",
    "Start date",
    "End date",
    "Progress",
]
MILESTONE_HEADERS = [
    "Strategy",
    "Programme",
    "Ref",
    "Project",
    "Milestone",
    "Baseline date",
    "Forecast date",
    "Due words",
    "Milestone status",
    "Completed on",
    "Milestone lead",
]
WIDTHS = {"Project": 40, "Description": 50, "Progress": 80, "Milestone": 50, "Programme": 28}


def _export_projects(projects):
    rows = list(
        projects.select_related("programme__strategy", "sponsor", "manager", "lead")
        .with_current_rag()
        .order_by("programme__strategy__order", "programme__order", "order", "name", "pk")
    )
    councils = defaultdict(list)
    Through = Project.councils_impacted.through
    for project_id, code in (
        Through.objects.filter(project__in=projects.values("pk"))
        .order_by("organisation__code")
        .values_list("project_id", "organisation__code")
    ):
        councils[project_id].append(code)
    for project in rows:
        project.council_codes = councils.get(project.pk, [])
    return rows


def _levels():
    return {level.pk: level for level in RagLevel.objects.all()}


def _progress_by_project(projects):
    entries = defaultdict(list)
    updates = (
        StatusUpdate.objects.filter(project__in=projects.values("pk"))
        .exclude(progress="")
        .order_by("reported_on", "created_at", "pk")
        .values_list("project_id", "reported_on", "progress")
    )
    for project_id, reported_on, progress in updates.iterator(chunk_size=5000):
        entries[project_id].append(ProgressEntry(reported_on, progress))
    return entries


class MilestoneRow(NamedTuple):
    title: str
    baseline_date: date | None
    forecast_date: date | None
    due_text: str
    delivery_status: str
    completed_on: date | None
    lead_id: int | None
    lead_name: str | None
    lead_initials: str | None

    @property
    def due_date(self):
        return self.forecast_date or self.baseline_date


def _milestones_by_project(projects, *, withdrawn=True):
    """Each project's milestones in order, as plain rows: a portfolio holds hundreds of
    thousands, and model instances would cost more than writing them out. They are put
    in order here, project by project: sorting them all in the database took longer.
    `withdrawn`: False leaves out those withdrawn (a plan's quarters show what is planned)."""
    milestones = defaultdict(list)
    chosen = Milestone.objects.filter(project__in=projects.values("pk"))
    rows = (
        (chosen if withdrawn else chosen.planned())
        .order_by()
        .values_list(
            "project_id", "order", "pk", *MilestoneRow._fields[:7], "lead__name", "lead__initials"
        )
    )
    for project_id, order, pk, *fields in rows.iterator(chunk_size=10_000):
        milestones[project_id].append((order, fields[1] or date.min, pk, MilestoneRow(*fields)))
    return {
        project_id: [row for *_, row in sorted(rows)] for project_id, rows in milestones.items()
    }


def _name(person):
    return person.name if person else ""


def portfolio_workbook(projects):
    """The portal's layout: bytes of an .xlsx."""
    chosen, projects = projects, _export_projects(projects)
    levels = _levels()
    progress = _progress_by_project(chosen)
    milestones = _milestones_by_project(chosen)
    book = new_workbook()
    sheet = SheetWriter(book, "Projects", PROJECT_HEADERS, widths=WIDTHS)
    rows = SheetWriter(book, "Milestones", MILESTONE_HEADERS, widths=WIDTHS)
    for project in projects:
        level = levels.get(project.current_rag_id)
        identity = [
            project.programme.strategy.title,
            project.programme.name,
            project.reference,
            project.name,
        ]
        sheet.row(
            [
                *identity,
                project.description,
                project.get_plan_part_display() if project.plan_part else "",
                _name(project.sponsor),
                _name(project.manager),
                _name(project.lead),
                project.get_lifecycle_status_display(),
                sheet.rag_cell(level),
                level.words if level else "No RAG yet",
                project.last_reported_on,
                ", ".join(project.council_codes),
                project.resourcing,
                project.funding_approach,
                project.start_date,
                project.end_date,
                sheet.cell(progress_cell(progress.get(project.pk, [])), wrap=True),
            ]
        )
        for milestone in milestones.get(project.pk, []):
            rows.row(
                [
                    *identity,
                    milestone.title,
                    milestone.baseline_date,
                    milestone.forecast_date,
                    milestone.due_text,
                    STATUS_WORDS[milestone.delivery_status],
                    milestone.completed_on,
                    milestone.lead_name,
                ]
            )
    finish([sheet, rows, write_risk_sheet(book, chosen)])
    return workbook_bytes(book)


def _quarters(milestones):
    """A column per quarter from the first milestone's to the last, as the plan has them.
    When that would pass MAX_QUARTERS (a stray 31/12/9999 for "no end"), only quarters
    holding milestones get a column, and later ones go in the last column."""
    occupied = sorted({quarter_of(m.due_date) for m in milestones if m.due_date})
    if not occupied:
        return []
    quarters = [occupied[0]]
    while quarters[-1] < occupied[-1] and len(quarters) <= MAX_QUARTERS:
        quarters.append(quarters[-1].following())
    return quarters if len(quarters) <= MAX_QUARTERS else occupied[:MAX_QUARTERS]


def _initials(person):
    if person is None:
        return ""
    return person.initials or person.name


def _key_levels(projects, levels):
    scale_ids = {project.programme.strategy.rag_scale_id for project in projects}
    key = [level for level in levels.values() if level.scale_id in scale_ids]
    return sorted(key, key=lambda level: (level.scale_id, level.order))


def _status_colour(status, key):
    """The key's colour for a milestone: Complete is the complete colour (Blue), under
    way the on-track colour (Green); not started and paused stay unfilled."""
    wanted = {DeliveryStatus.COMPLETE: "complete", DeliveryStatus.STARTED: "on track"}.get(status)
    if wanted is None:
        return None
    level = next((level for level in key if wanted in level.words.lower()), None)
    return level.colour if level else None


def action_plan_workbook(projects):
    """The 12-month action plan's layout: bytes of an .xlsx."""
    chosen, projects = projects, _export_projects(projects)
    levels = _levels()
    milestones = _milestones_by_project(chosen, withdrawn=False)
    quarters = _quarters(m for rows in milestones.values() for m in rows)
    positions = {quarter: index for index, quarter in enumerate(quarters)}
    lines = {
        (line.project_id, line.year): line
        for line in ProjectFinance.objects.filter(
            project__in=chosen.values("pk"), funding_source=FundingSource.COUNCIL_BUDGET
        )
    }
    year = min((year for _, year in lines), default=financial_year_of(timezone.localdate()))
    span = f"{year}-{(year + 1) % 100:02d}"
    key = _key_levels(projects, levels)
    headers = [
        "Activity Stream",
        "Project",
        "Lead",
        "Resourcing",
        "Funding approach",
        f"{span} Budget outside contract £000s",
        f"{span} pressure £000s",
        *(quarter_label(q.start, q.end, number) for number, q in enumerate(quarters, 1)),
        "Date to be confirmed, or later",
        "RAG",
    ]
    book = new_workbook()
    sheet = SheetWriter(
        book,
        "12 month action plan",
        headers,
        widths={"Project": 36, "Activity Stream": 24, **{h: 30 for h in headers[7:-2]}},
        thousands=(6, 7),
        above=lambda writer: _key_rows(writer, key),
    )
    previous_programme = None
    for project in projects:
        programme = project.programme.name
        line = lines.get((project.pk, year))
        budget, pressure = action_plan_columns(line) if line else (None, None)
        cells = [[] for _ in range(len(quarters) + 1)]
        fills = [set() for _ in range(len(quarters) + 1)]
        for milestone in milestones.get(project.pk, []):
            due = milestone.due_date
            quarter = quarter_of(due) if due else None
            index = positions.get(quarter, len(quarters))
            lead = ""
            # The plan's "(AP)": a successor lead, written only as initials.
            if milestone.lead_initials and milestone.lead_id != project.lead_id:
                lead = f" ({milestone.lead_initials})"
            cells[index].append(f"{milestone.title}{lead}")
            fills[index].add(_status_colour(milestone.delivery_status, key))
        level = levels.get(project.current_rag_id)
        sheet.row(
            [
                programme if programme != previous_programme else None,
                project.name,
                _initials(project.lead),
                project.resourcing,
                project.funding_approach,
                budget / 1000 if budget is not None else None,
                pressure / 1000 if pressure is not None else None,
                *(
                    # A cell's fill is read back as every milestone's status in it:
                    # coloured only when they share one.
                    sheet.cell("\n".join(text), fill=_one(colours), wrap=True) if text else None
                    for text, colours in zip(cells, fills, strict=True)
                ),
                sheet.rag_cell(level, f"{level.label} – {level.words}" if level else None),
            ]
        )
        previous_programme = programme
    finish([sheet])
    return workbook_bytes(book)


def _one(colours):
    return next(iter(colours)) if len(colours) == 1 else None


def _key_rows(sheet, key):
    """Rows 1–3: the colour key, two levels to a row as the action plan lays it out."""
    rows = []
    for start in range(0, len(key), 2):
        row = []
        for level in key[start : start + 2]:
            row += [sheet.rag_cell(level), level.words, None]
        rows.append(row)
    return rows


def projects_download(projects, *, layout, name):
    """An .xlsx response of `projects` in the chosen layout (the portal's by default)."""
    writer = action_plan_workbook if layout == "action-plan" else portfolio_workbook
    suffix = "-action-plan" if layout == "action-plan" else ""
    filename = f"{name}{suffix}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return xlsx_response(writer(projects), filename)
