"""Writing .xlsx downloads the way every export of the portal does: a bold frozen header
with an auto-filter, dates as real dates (shown dd/mm/yyyy), money as numbers, RAG
cells coloured *and* worded, and text escaped so a spreadsheet shows it rather than
running it as a formula (OWASP CSV injection).

The sheets are written here as SpreadsheetML directly, not through openpyxl or
XlsxWriter: a 10,000-project portfolio is two million cells, and both libraries spend
ten to twenty times as long on a cell as writing its string (README, Benchmarks).
openpyxl still reads every export back in the tests, and the importer reads these files
like any other workbook.
"""

import re
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from django.http import HttpResponse
from openpyxl.utils import get_column_letter

POUNDS = '"£"#,##0.00'
THOUSANDS = "#,##0.###"
UK_DATE = "dd/mm/yyyy"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters XML 1.0 cannot hold: a tracker pasted from elsewhere may contain them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_EPOCH = date(1899, 12, 30).toordinal()
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def safe_text(value):
    """Text a spreadsheet will show, never run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Style:
    """A cell format: the workbook numbers each distinct one once."""

    __slots__ = ("fill", "bold", "colour", "number_format", "wrap")

    def __init__(self, *, fill=None, bold=False, colour=None, number_format=None, wrap=False):
        self.fill = fill.lstrip("#").upper() if fill else None
        self.colour = colour.lstrip("#").upper() if colour else None
        self.bold, self.number_format, self.wrap = bold, number_format, wrap

    def key(self):
        return (self.fill, self.bold, self.colour, self.number_format, self.wrap)


class Cell:
    __slots__ = ("value", "style")

    def __init__(self, value, style):
        self.value, self.style = value, style


class Book:
    def __init__(self):
        self.sheets = []
        self.styles = {Style().key(): 0}
        self.fragments = {}  # (value, style) → the cell's XML after its reference

    def style_id(self, style):
        return self.styles.setdefault(style.key(), len(self.styles))

    def save(self):
        with tempfile.SpooledTemporaryFile(max_size=50_000_000) as output:
            with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
                self._write(archive)
            output.seek(0)
            return output.read()

    def _write(self, archive):
        count = len(self.sheets)
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for n in range(1, count + 1)
            )
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        sheets = "".join(
            f'<sheet name="{escape(s.title, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
            for n, s in enumerate(self.sheets, start=1)
        )
        filters = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{escape(s.quoted_title)}!{s.filter_range(absolute=True)}</definedName>"
            for n, s in enumerate(self.sheets)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{RELS}"><sheets>{sheets}</sheets><definedNames>{filters}</definedNames>'
            "</workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, count + 1)
            )
            + f'<Relationship Id="rId{count + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/styles.xml", self._styles_xml())
        for n, sheet in enumerate(self.sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as member:
                sheet.write_to(member)

    def _styles_xml(self):
        formats, fills, fonts, xfs = {}, ["none", "gray125"], [], []
        for fill, bold, colour, number_format, wrap in self.styles:
            font = (bold, colour)
            if font not in fonts:
                fonts.append(font)
            if fill and fill not in fills:
                fills.append(fill)
            format_id = 0
            if number_format:
                format_id = formats.setdefault(number_format, 164 + len(formats))
            xfs.append(
                f'<xf numFmtId="{format_id}" fontId="{fonts.index(font)}" '
                f'fillId="{fills.index(fill) if fill else 0}" borderId="0" xfId="0"'
                + (' applyNumberFormat="1"' if format_id else "")
                + (' applyFill="1"' if fill else "")
                + (' applyFont="1"' if bold or colour else "")
                + ('><alignment wrapText="1" vertical="top"/></xf>' if wrap else "/>")
            )
        number_formats = "".join(
            f'<numFmt numFmtId="{i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
            for code, i in formats.items()
        )
        font_xml = "".join(
            "<font>"
            + ("<b/>" if bold else "")
            + '<sz val="11"/>'
            + (f'<color rgb="FF{colour}"/>' if colour else "")
            + '<name val="Arial"/></font>'
            for bold, colour in fonts
        )
        fill_xml = (
            '<fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            + "".join(
                f'<fill><patternFill patternType="solid"><fgColor rgb="FF{fill}"/>'
                f'<bgColor indexed="64"/></patternFill></fill>'
                for fill in fills[2:]
            )
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN}">'
            f'<numFmts count="{len(formats)}">{number_formats}</numFmts>'
            f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
            f'<fills count="{len(fills)}">{fill_xml}</fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            f'borderId="0"/></cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


def new_workbook():
    return Book()


class SheetWriter:
    """One sheet: call `row()` for each row after the header, then `finish()`."""

    def __init__(self, book, title, headers, *, widths=None, money=(), thousands=(), above=()):
        self.book = book
        self.title = NOT_XML.sub("", title)[:31]
        self.quoted_title = "'" + self.title.replace("'", "''") + "'"
        self.headers = headers
        self.letters = [get_column_letter(i) for i in range(1, len(headers) + 1)]
        self.money = {index - 1 for index in money}
        self.thousands = {index - 1 for index in thousands}
        self.date_style = book.style_id(Style(number_format=UK_DATE))
        self.money_style = book.style_id(Style(number_format=POUNDS))
        self.thousands_style = book.style_id(Style(number_format=THOUSANDS))
        self.widths = [
            (widths or {}).get(header, max(12, min(len(header) + 2, 40))) for header in headers
        ]
        # Closed by write_to, once the workbook is saved: a sheet outlives this call.
        self.buffer = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.number = 0
        book.sheets.append(self)
        # Rows above the header (a colour key): a function of this writer, whose
        # cells are styled in this workbook.
        above = above(self) if callable(above) else above
        for cells in above:
            self._append(cells)
        self.header_row = len(above) + 1
        bold = Style(bold=True)
        self._append([self.cell(header, style=bold) for header in headers])
        self.rows = 0

    def cell(self, value, *, fill=None, font_colour=None, bold=False, wrap=False, style=None):
        style = style or Style(fill=fill, bold=bold, colour=font_colour, wrap=wrap)
        return Cell(value, self.book.style_id(style))

    def rag_cell(self, level, text=None):
        """A RAG level coloured as the key colours it, and in words."""
        if level is None:
            return text or ""
        return self.cell(
            text or level.label, fill=level.colour, font_colour=level.text_colour, bold=True
        )

    def row(self, values):
        self._append(values)
        self.rows += 1

    def _append(self, values):
        """One row as SpreadsheetML. A portfolio repeats its names, statuses and dates on
        thousands of rows, so each cell's XML after its reference is made once."""
        self.number += 1
        row = self.number
        letters, fragments = self.letters, self.book.fragments
        parts = [f'<row r="{row}">']
        for index, value in enumerate(values):
            style = 0
            if value.__class__ is Cell:
                value, style = value.value, value.style
            if value is None or value == "":
                if style:
                    parts.append(f'<c r="{letters[index]}{row}" s="{style}"/>')
                continue
            if value.__class__ is bool or not isinstance(value, str | date):
                parts.append(f'<c r="{letters[index]}{row}{self._number(index, value, style)}')
                continue
            key = (value, style)
            fragment = fragments.get(key)
            if fragment is None:
                fragment = self._fragment(value, style)
                if len(fragment) < 200:
                    fragments[key] = fragment
            parts.append(f'<c r="{letters[index]}{row}{fragment}')
        parts.append("</row>")
        self.buffer.write("".join(parts))

    def _fragment(self, value, style):
        if isinstance(value, str):
            text = escape(safe_text(NOT_XML.sub("", value)))
            return f'" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
        serial = value.toordinal() - EXCEL_EPOCH
        if isinstance(value, datetime):
            serial += (value.hour * 3600 + value.minute * 60 + value.second) / 86400
        return f'" s="{style or self.date_style}"><v>{serial}</v></c>'

    def _number(self, index, value, style):
        if value.__class__ is bool:
            return f'" s="{style}" t="b"><v>{int(value)}</v></c>'
        if not style and index in self.money:
            style = self.money_style
        elif not style and index in self.thousands:
            style = self.thousands_style
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return f'" s="{style}"><v>{text}</v></c>'

    def filter_range(self, *, absolute=False):
        last = self.letters[-1]
        first_row, last_row = self.header_row, self.header_row + self.rows
        if absolute:
            return f"$A${first_row}:${last}${last_row}"
        return f"A{first_row}:{last}{last_row}"

    def finish(self):
        """Nothing more to write: the sheet is put together when the workbook is saved."""

    def write_to(self, member):
        frozen = self.header_row
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
            for i, width in enumerate(self.widths, start=1)
        )
        member.write(
            (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                f'xmlns="{MAIN}" xmlns:r="{RELS}"><sheetViews><sheetView workbookViewId="0">'
                f'<pane ySplit="{frozen}" topLeftCell="A{frozen + 1}" activePane="bottomLeft" '
                'state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
            ).encode()
        )
        self.buffer.seek(0)
        while chunk := self.buffer.read(1 << 20):
            member.write(chunk.encode())
        self.buffer.close()
        member.write(f'</sheetData><autoFilter ref="{self.filter_range()}"/></worksheet>'.encode())


def finish(writers):
    for writer in writers:
        writer.finish()


def workbook_bytes(book):
    return book.save()


def xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
