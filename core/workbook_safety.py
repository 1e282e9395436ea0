"""Opening an uploaded workbook only when it is safe to: an .xlsx, not encrypted, within
the size and row limits, and not a zip bomb (member sizes are checked before anything
is decompressed). openpyxl parses the XML with defusedxml, which refuses entity
expansion and external entities.
"""

import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from typing import Any

import openpyxl
from defusedxml.ElementTree import fromstring
from django.conf import settings
from openpyxl.xml import DEFUSEDXML

from .workbook_scan import LimitPassed, Limits, Merge, PartScan, WorkbookScan, sheet_parts

logger = logging.getLogger(__name__)

# An encrypted .xlsx (and an old .xls) is an OLE compound file, not a zip.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# Spreadsheet XML compresses well, but not a thousand times over.
MAX_RATIO = 200
MAX_MEMBERS = 2000

assert DEFUSEDXML, "defusedxml must be installed: openpyxl then parses workbooks with it"


class RefusedWorkbook(ValueError):
    """A workbook the portal will not open; the message says why, for the person."""


def _limit_words(size: int) -> str:
    """A size as a person reads it: "9.9 MB", "185 MB", "1.1 GB", never "1.1e+03 MB"."""
    megabytes = size / 1_000_000
    if megabytes < 0.1:
        return f"{size / 1000:,.0f} kB"
    if megabytes >= 1000:
        return f"{megabytes / 1000:,.1f} GB".replace(".0 GB", " GB")
    if megabytes >= 10:
        return f"{megabytes:,.0f} MB"
    return f"{megabytes:.1f} MB".replace(".0 MB", " MB")


def check_size(filename: str, size: int) -> None:
    """Refuse a file over the limit before reading any of it."""
    max_bytes = settings.PORTAL_IMPORT_MAX_BYTES
    if size > max_bytes:
        raise RefusedWorkbook(
            f"‘{filename}’ is {_limit_words(size)}: the largest workbook the portal "
            f"takes is {_limit_words(max_bytes)}"
        )


def check_workbook_bytes(filename: str, content: bytes) -> tuple[zipfile.ZipFile, dict[str, str]]:
    """The workbook's archive and each part's content type, if its sizes are safe to read."""
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
            f"‘{filename}’ holds a part ({packed.filename[:60]}) that unpacks to "
            f"{packed.file_size // max(packed.compress_size, 1):,} times its packed size, far "
            "more than a spreadsheet's: the portal does not open it"
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise RefusedWorkbook(f"‘{filename}’ is encrypted: remove the password and upload it again")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise RefusedWorkbook(f"‘{filename}’ is a zip file but not an Excel workbook")
    roles = _content_types(filename, archive)
    for member in members:
        limit = PART_BYTES.get(roles.get(member.filename, ""), OTHER_PART_BYTES)
        if member.file_size > limit:
            raise RefusedWorkbook(
                f"‘{filename}’ holds a part ({member.filename[:60]}) that unpacks to "
                f"{_limit_words(member.file_size)}, more than the {_limit_words(limit)} a "
                "tracker needs: the portal does not open it"
            )
    return archive, roles


SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml."
SHEET = SPREADSHEET + "worksheet+xml"
SHARED_STRINGS = SPREADSHEET + "sharedStrings+xml"
# A part is refused past these unpacked sizes, by the kind [Content_Types].xml gives it
# (as openpyxl finds it). Sheets are read a row at a time, so may be larger; openpyxl
# holds the shared strings, styles and the rest whole. tests/test_tracker_safety.py
PART_BYTES = {SHEET: 60_000_000, SHARED_STRINGS: 20_000_000}
OTHER_PART_BYTES = 5_000_000
SHARED_STRINGS_BYTES = PART_BYTES[SHARED_STRINGS]
# The reader keeps a note for each merged cell; a tracker merges a few hundred.
MAX_MERGED_CELLS = 100_000
# Characters of text in all cells together (a shared string each time it is used):
# reading text is what takes an import's time. A tracker of 5,000 rows holds about 1 MB.
MAX_TEXT = 20_000_000


def _content_types(filename: str, archive: zipfile.ZipFile) -> dict[str, str]:
    """{part name: its content type} from [Content_Types].xml."""
    try:
        types = fromstring(archive.read("[Content_Types].xml"))
    except Exception as error:  # noqa: BLE001 - any parser failure is the same refusal
        raise _unreadable(filename, error) from None
    return {
        override.get("PartName", "").lstrip("/"): override.get("ContentType", "")
        for override in types.iter(f"{CONTENT_TYPES}Override")
    }


CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@dataclass
class OpenedWorkbook:
    """A workbook openpyxl reads a row at a time, with what the scan found of each sheet
    (its merged cells, which openpyxl's read-only mode does not read, and its width), by
    sheet title."""

    filename: str
    book: Any
    sheets: dict[str, PartScan]

    @property
    def worksheets(self) -> list[Any]:
        return self.book.worksheets

    def width(self, sheet: Any, most: int) -> int:
        """Columns to read of a sheet: as wide as its widest cell, at most `most`."""
        scanned = self.sheets.get(sheet.title)
        return min(scanned.columns, most) if scanned else most

    def merges(self, sheet: Any) -> list[Merge]:
        scanned = self.sheets.get(sheet.title)
        return scanned.merges if scanned else []

    def rows_of(self, sheet: Any, *, max_col: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, cells) for each row of the sheet, a gap in the XML an empty row;
        a parser failure half way is the same refusal as one at the start, and a sheet
        longer than the row limit (which the scan has already counted) stops."""
        sheet.reset_dimensions()  # the sheet's own dimension may be wrong: read what is there
        rows = iter(sheet.iter_rows(max_col=max_col))
        for number in count(1):
            if number > settings.PORTAL_IMPORT_MAX_ROWS:
                raise RefusedWorkbook(
                    f"‘{self.filename}’ has more than {settings.PORTAL_IMPORT_MAX_ROWS:,} rows"
                )
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:  # noqa: BLE001 - any parser failure is a refusal
                raise _unreadable(self.filename, error) from None
            yield number, row

    def close(self) -> None:
        self.book.close()


def _unreadable(filename: str, error: Exception) -> RefusedWorkbook:
    logger.info("Refused %s: %r", filename, error)
    return RefusedWorkbook(
        f"‘{filename}’ could not be read as a workbook: open it in Excel, save it as .xlsx "
        "and upload it again"
    )


def open_workbook(filename: str, content: bytes) -> OpenedWorkbook:
    """The workbook, or RefusedWorkbook with a message a person can act on. Every part
    is scanned for its rows, cells, text and merges before openpyxl reads any of it."""
    archive, roles = check_workbook_bytes(filename, content)
    scan = WorkbookScan(
        Limits(
            rows=settings.PORTAL_IMPORT_MAX_ROWS,
            cells=settings.PORTAL_IMPORT_MAX_CELLS,
            text=MAX_TEXT,
            merged_cells=MAX_MERGED_CELLS,
        )
    )
    # The shared strings first: a cell that uses one counts its length.
    parts = sorted(
        (name for name in archive.namelist() if name.endswith((".xml", ".rels", ".vml"))),
        key=lambda name: roles.get(name) != SHARED_STRINGS,
    )
    try:
        scanned = {name: scan.part(archive, name) for name in parts}
        titles = sheet_parts(archive)
    except LimitPassed as passed:
        raise RefusedWorkbook(f"‘{filename}’ {passed.what}") from None
    except Exception as error:  # noqa: BLE001 - any parser failure is the same refusal
        raise _unreadable(filename, error) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any parser failure is the same refusal
        raise _unreadable(filename, error) from None
    sheets = {title: scanned[part] for title, part in titles.items() if part in scanned}
    return OpenedWorkbook(filename=filename, book=book, sheets=sheets)
