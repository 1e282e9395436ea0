"""Writing .xlsx downloads the way every export of the portal does: a bold frozen header
with an auto-filter, dates as real dates (shown dd/mm/yyyy), money as numbers, RAG
cells coloured *and* worded, and text escaped so a spreadsheet shows it rather than
running it as a formula (OWASP CSV injection).

Workbooks are written in openpyxl's write-only mode: rows stream out, so a
10,000-project portfolio does not hold every cell in memory.
"""

import io
from datetime import date

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

POUNDS = '"£"#,##0.00'
THOUSANDS = "#,##0.###"
UK_DATE = "dd/mm/yyyy"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def safe_text(value):
    """Text a spreadsheet will show, never run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def new_workbook():
    return Workbook(write_only=True)


class SheetWriter:
    """One sheet: call `row()` for each row after the header, then nothing else."""

    def __init__(self, book, title, headers, *, widths=None, money=(), thousands=(), above=()):
        self.sheet = book.create_sheet(title[:31])
        self.headers = headers
        self.money = set(money)
        self.thousands = set(thousands)
        above = above(self) if callable(above) else above
        self.sheet.freeze_panes = f"A{len(above) + 2}"
        for index, header in enumerate(headers, start=1):
            width = (widths or {}).get(header, max(12, min(len(header) + 2, 40)))
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        # Rows above the header (a colour key): a function of this writer, whose
        # cells must belong to its sheet.
        for cells in above:
            self.sheet.append(cells)
        self.header_row = len(above) + 1
        self.sheet.append([self.cell(header, font=BOLD) for header in headers])
        self.rows = 0

    def cell(self, value, *, fill=None, font=None, number_format=None, wrap=False):
        cell = WriteOnlyCell(self.sheet, value=value)
        if fill:
            cell.fill = PatternFill("solid", fgColor="FF" + fill.lstrip("#").upper())
        if font:
            cell.font = font
        if number_format:
            cell.number_format = number_format
        if wrap:
            cell.alignment = WRAP
        return cell

    def rag_cell(self, level, text=None):
        """A RAG level coloured as the key colours it, and in words."""
        if level is None:
            return text or ""
        return self.cell(
            text or level.label,
            fill=level.colour,
            font=Font(bold=True, color="FF" + level.text_colour.lstrip("#").upper()),
        )

    def row(self, values):
        cells = []
        for index, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = safe_text(value)
            elif isinstance(value, date):
                value = self.cell(value, number_format=UK_DATE)
            elif index in self.money and value is not None:
                value = self.cell(value, number_format=POUNDS)
            elif index in self.thousands and value is not None:
                value = self.cell(value, number_format=THOUSANDS)
            cells.append(value)
        self.sheet.append(cells)
        self.rows += 1

    def finish(self):
        last = get_column_letter(len(self.headers))
        self.sheet.auto_filter.ref = f"A{self.header_row}:{last}{self.header_row + self.rows}"


def finish(writers):
    for writer in writers:
        writer.finish()


def workbook_bytes(book):
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
