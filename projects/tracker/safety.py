"""Opening an uploaded workbook only when it is safe to: an .xlsx, not encrypted, within
the size and row limits, and not a zip bomb (member sizes are checked before anything
is decompressed). openpyxl parses the XML with defusedxml, which refuses entity
expansion and external entities.
"""

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.conf import settings
from openpyxl.xml import DEFUSEDXML

from .sheet_scan import LimitPassed, Limits, Merge, WorkbookScan, sheet_parts

# An encrypted .xlsx (and an old .xls) is an OLE compound file, not a zip.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# Spreadsheet XML compresses well, but not a thousand times over.
MAX_RATIO = 200
MAX_MEMBERS = 2000

assert DEFUSEDXML, "defusedxml must be installed: openpyxl then parses workbooks with it"


class RefusedWorkbook(ValueError):
    """A workbook the portal will not open; the message says why, for the person."""


def _limit_words(size):
    """A size as a person reads it: "9.9 MB", "185 MB", "1.1 GB", never "1.1e+03 MB"."""
    megabytes = size / 1_000_000
    if megabytes < 0.1:
        return f"{size / 1000:,.0f} kB"
    if megabytes >= 1000:
        return f"{megabytes / 1000:,.1f} GB".replace(".0 GB", " GB")
    if megabytes >= 10:
        return f"{megabytes:,.0f} MB"
    return f"{megabytes:.1f} MB".replace(".0 MB", " MB")


def check_size(filename, size):
    """Refuse a file over the limit before reading any of it."""
    max_bytes = settings.PORTAL_IMPORT_MAX_BYTES
    if size > max_bytes:
        raise RefusedWorkbook(
            f"‘{filename}’ is {_limit_words(size)}: the largest workbook the portal "
            f"takes is {_limit_words(max_bytes)}"
        )


def check_workbook_bytes(filename, content):
    max_bytes = settings.PORTAL_IMPORT_MAX_BYTES
    check_size(filename, len(content))
    if not filename.lower().endswith(".xlsx"):
        raise RefusedWorkbook(
            f"‘{filename}’ is not an Excel workbook: save it from Excel as .xlsx "
            "and upload it again"
        )
    if content.startswith(OLE_SIGNATURE):
        raise RefusedWorkbook(
            f"‘{filename}’ is protected with a password (or is an old .xls file): remove the "
            "password or save it as .xlsx, then upload it again"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise RefusedWorkbook(
            f"‘{filename}’ is not an Excel .xlsx workbook (it may be damaged): "
            "open it in Excel, save it as .xlsx and upload it again"
        ) from None
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS:
        raise RefusedWorkbook(
            f"‘{filename}’ holds {len(members):,} parts, far more than a tracker does: "
            "the portal does not open it"
        )
    if unpacked > max_bytes * 20:
        raise RefusedWorkbook(
            f"‘{filename}’ would unpack to {_limit_words(unpacked)}, far more than the "
            f"{_limit_words(max_bytes * 20)} a tracker holds: the portal does not open it"
        )
    packed = max(members, key=lambda m: m.file_size / max(m.compress_size, 1), default=None)
    if packed and packed.file_size / max(packed.compress_size, 1) > MAX_RATIO:
        raise RefusedWorkbook(
            f"‘{filename}’ holds a part ({packed.filename}) that unpacks to "
            f"{packed.file_size // max(packed.compress_size, 1):,} times its packed size, as "
            "a zip bomb does and a spreadsheet does not: the portal does not open it"
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise RefusedWorkbook(f"‘{filename}’ is encrypted: remove the password and upload it again")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise RefusedWorkbook(f"‘{filename}’ is a zip file but not an Excel workbook")
    for member in members:
        limit = _part_limit(member.filename)
        if member.file_size > limit:
            raise RefusedWorkbook(
                f"‘{filename}’ holds a part ({member.filename}) that unpacks to "
                f"{_limit_words(member.file_size)}, more than the {_limit_words(limit)} a "
                "tracker needs: the portal does not open it"
            )
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as part:
                if b"<!DOCTYPE" in part.read(PROLOGUE):
                    raise RefusedWorkbook(
                        f"‘{filename}’ could not be read as a workbook (it declares a document "
                        "type, which Excel never writes): save it from Excel as .xlsx and "
                        "upload it again"
                    )
    return archive


# A part is refused past these unpacked sizes. Sheets are read a row at a time, so may
# be larger; openpyxl holds the shared strings, styles and the rest whole.
SHEET_PART_BYTES = 60_000_000
SHARED_STRINGS_BYTES = 20_000_000
OTHER_PART_BYTES = 5_000_000
# A DTD, if any, comes before the root element.
PROLOGUE = 4096
# The reader keeps a note for each merged cell; a tracker merges a few hundred.
MAX_MERGED_CELLS = 100_000


def _part_limit(name):
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return SHEET_PART_BYTES
    if name == "xl/sharedStrings.xml":
        return SHARED_STRINGS_BYTES
    return OTHER_PART_BYTES


@dataclass
class OpenedWorkbook:
    """A workbook openpyxl reads a row at a time, and each sheet's merged cells (which
    openpyxl's read-only mode does not read), by sheet title."""

    filename: str
    book: Any
    merges: dict[str, list[Merge]]

    @property
    def worksheets(self):
        return self.book.worksheets

    def rows_of(self, sheet, *, max_col):
        """(row number, cells) for each row of the sheet, a gap in the XML an empty row;
        a parser failure half way is the same refusal as one at the start."""
        rows = iter(sheet.iter_rows(max_col=max_col))
        number = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:  # noqa: BLE001 - any parser failure is a refusal
                raise _unreadable(self.filename, error) from None
            number += 1
            yield number, row

    def close(self):
        self.book.close()


def _unreadable(filename, error):
    return RefusedWorkbook(
        f"‘{filename}’ could not be read as a workbook ({type(error).__name__}): "
        "open it in Excel, save it as .xlsx and upload it again"
    )


def open_workbook(filename, content):
    """The workbook, or RefusedWorkbook with a message a person can act on. The sheets
    are scanned for their rows, cells and merges before openpyxl reads any of them."""
    archive = check_workbook_bytes(filename, content)
    limits = Limits(
        rows=settings.PORTAL_IMPORT_MAX_ROWS,
        cells=settings.PORTAL_IMPORT_MAX_CELLS,
        merged_cells=MAX_MERGED_CELLS,
    )
    scan = WorkbookScan(limits)
    merges = {}
    try:
        for title, part in sheet_parts(archive).items():
            if part in archive.NameToInfo:
                merges[title] = scan.sheet(archive, part)
    except LimitPassed as passed:
        raise RefusedWorkbook(f"‘{filename}’ {passed.what}") from None
    except Exception as error:  # noqa: BLE001 - any parser failure is the same refusal
        raise _unreadable(filename, error) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any parser failure is the same refusal
        raise _unreadable(filename, error) from None
    return OpenedWorkbook(filename=filename, book=book, merges=merges)
