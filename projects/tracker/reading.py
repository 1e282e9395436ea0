"""A workbook read sheet by sheet: a risk register by `risk_sheet`, any other sheet as a
tracker by `reader.SheetReader`, all into one Reading."""

from .items import Problem, Reading
from .reader import SheetReader
from .risk_sheet import read_risk_rows, take_risk_sheet

# Trackers are a few dozen columns wide; cells beyond this are not read.
MAX_COLUMNS = 200


def read_workbook(book, *, levels):
    """What an OpenedWorkbook (core.workbook_safety) holds."""
    reading = Reading()
    for sheet in book.worksheets:
        rows = book.rows_of(sheet, max_col=book.width(sheet, MAX_COLUMNS))
        rows, risk_headings = take_risk_sheet(rows)
        if risk_headings:
            read_risk_rows(sheet.title, rows, risk_headings, reading)
            reading.sheets.append(sheet.title)
            continue
        reader = SheetReader(sheet, reading, levels, rows=rows, merges=book.merges(sheet))
        reader.read()
        if reader.columns is None:
            reading.notes.append(
                Problem(None, f"Sheet ‘{sheet.title}’ has no header row the portal recognises")
            )
        else:
            reading.sheets.append(sheet.title)
    if not reading.items and not reading.risks and not reading.problems:
        reading.problems.append(
            Problem(
                None,
                "No projects were found: the portal looks for a header row with words such as "
                "Project, Description, Milestones, Due dates, Lead and RAG",
            )
        )
    return reading
