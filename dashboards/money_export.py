"""A scope's money figures as an .xlsx workbook: spend, savings, council shares (with the
element each percentage is of and any pounds a paper printed) and budgets over projects'
lives.

Numbers stay numbers (formatted in pounds), years are labels, the financial RAG is
coloured *and* worded, every sheet has a frozen header and an auto-filter, and text
that a spreadsheet would run as a formula is escaped (OWASP CSV injection).
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.calendar import financial_year_label
from core.workbooks import POUNDS, UK_DATE, safe_text
from projects.finance import (
    SPEND_FIELDS,
    Spend,
    financial_levels,
    financial_rag_code,
)
from projects.models import CostShare, LifeBudget, ProjectFinance, Savings


def _sheet(book, title, headers, rows, money_columns=()):
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index in money_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = POUNDS
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 2)
    return sheet


def money_workbook(projects, *, strategy=None):
    book = Workbook()
    book.remove(book.active)
    levels = financial_levels()
    lines = (
        ProjectFinance.objects.filter(project__in=projects)
        .select_related("project__programme")
        .order_by("year", "project__programme__order", "project__name", "funding_source")
    )
    spend_rows, rag_cells = [], []
    for line in lines:
        spend = Spend("", **{name: getattr(line, name) for name in SPEND_FIELDS})
        level = levels.get(financial_rag_code(spend.budget, spend.outturn))
        rag_cells.append(level)
        spend_rows.append(
            [
                line.year_label,
                safe_text(line.project.programme.name),
                safe_text(line.project),
                safe_text(line.get_funding_source_display()),
                *(getattr(line, name) for name in SPEND_FIELDS),
                safe_text(f"{level.label} – {level.words}" if level else "Not assessed"),
            ]
        )
    headers = [
        "Year",
        "Programme",
        "Project",
        "Funding source",
        "Capital budget",
        "Capital forecast",
        "Capital spent",
        "Revenue budget",
        "Revenue forecast",
        "Revenue spent",
        "Financial RAG",
    ]
    sheet = _sheet(book, "Spend", headers, spend_rows, money_columns=range(5, 11))
    for row_number, level in enumerate(rag_cells, start=2):
        if level:
            cell = sheet.cell(row=row_number, column=len(headers))
            cell.fill = PatternFill("solid", fgColor=level.colour.lstrip("#"))
            cell.font = Font(color=level.text_colour.lstrip("#"), bold=True)

    savings = (
        Savings.objects.filter(project__in=projects)
        .select_related("project__programme")
        .order_by("year", "project__programme__order", "project__name")
    )
    _sheet(
        book,
        "Savings",
        [
            "Year",
            "Programme",
            "Project",
            "Target",
            "Revised target",
            "Delivered",
            "High",
            "Medium",
            "Low",
        ],
        [
            [
                s.year_label,
                safe_text(s.project.programme.name),
                safe_text(s.project),
                s.target,
                s.revised_target,
                s.delivered,
                s.forecast_high,
                s.forecast_medium,
                s.forecast_low,
            ]
            for s in savings
        ],
        money_columns=range(4, 10),
    )
    shares = CostShare.objects.filter(strategy=strategy).select_related("council", "element")
    _sheet(
        book,
        "Council shares",
        ["Year", "Council", "Share (%)", "Of", "Cost as printed", "Savings as printed", "Basis"],
        [
            [
                s.year_label,
                safe_text(s.council.name),
                s.percentage,
                safe_text(s.element.name if s.element else "The whole cost"),
                s.cost,
                s.savings,
                safe_text(s.printed_basis or s.basis),
            ]
            for s in shares
        ],
        money_columns=range(5, 7),
    )
    lives = LifeBudget.objects.filter(project__in=projects).select_related("project__programme")
    life_sheet = _sheet(
        book,
        "Budgets over life",
        [
            "Programme",
            "Project",
            "First year",
            "Last year",
            "Budget",
            "Planned spend",
            "Spent to date",
            "Spent or committed",
            "As at",
        ],
        [
            [
                safe_text(b.project.programme.name),
                safe_text(b.project.name),
                financial_year_label(b.first_year),
                financial_year_label(b.last_year),
                b.budget,
                b.planned,
                b.spent,
                b.spent_or_committed,
                b.as_at,
            ]
            for b in lives.order_by("project__programme__order", "project__order")
        ],
        money_columns=range(5, 9),
    )
    for (cell,) in life_sheet.iter_rows(min_row=2, min_col=9, max_col=9):
        cell.number_format = UK_DATE
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
