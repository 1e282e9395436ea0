"""Uploads the importer refuses, each with a message and nothing written: not .xlsx,
encrypted, too big, too many rows, a zip bomb, XML entity tricks."""

import io
import random
import re
import string
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core import workbook_safety as safety
from core import workbook_scan as sheet_scan
from core.workbook_safety import RefusedWorkbook, open_workbook
from projects.models import Project, TrackerImport
from tests.factories import make_strategy
from tests.tracker_workbooks import annual_plan, saved

from .second_factor import log_in

pytestmark = pytest.mark.django_db


def refusal_for(client, administrator, name, content):
    log_in(client, administrator)
    strategy = make_strategy()
    before = (Project.objects.count(), TrackerImport.objects.count())
    response = client.post(
        reverse("tracker:start"),
        {
            "strategy": strategy.pk,
            "workbook": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400
    assert (Project.objects.count(), TrackerImport.objects.count()) == before
    page = response.content.decode()
    assert "There is a problem" in page
    return page


def rezipped(content, replace):
    """The same workbook with some of its members' XML replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            target.writestr(member.filename, replace.get(member.filename, data))
        for name in set(replace) - set(source.namelist()):
            target.writestr(name, replace[name])
    return output.getvalue()


def test_a_file_that_is_not_xlsx_is_refused(client, administrator):
    page = refusal_for(client, administrator, "tracker.csv", b"Ref,Description\n")
    assert "‘tracker.csv’ is not an Excel workbook: save it from Excel as .xlsx" in page


def test_a_renamed_text_file_is_refused(client, administrator):
    page = refusal_for(client, administrator, "tracker.xlsx", b"Ref,Description\n")
    assert "is not an Excel .xlsx workbook (it may be damaged)" in page


def test_an_encrypted_workbook_is_refused(client, administrator):
    # Excel saves a password-protected workbook as an OLE compound file.
    content = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512
    page = refusal_for(client, administrator, "protected.xlsx", content)
    assert "is protected with a password" in page


def test_a_workbook_over_the_size_limit_is_refused(client, administrator, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 1000
    page = refusal_for(client, administrator, "big.xlsx", annual_plan())
    assert "the largest workbook the portal takes is 1 kB" in page


def test_a_workbook_over_the_row_limit_is_refused(client, administrator, settings):
    settings.PORTAL_IMPORT_MAX_ROWS = 10
    page = refusal_for(client, administrator, "long.xlsx", annual_plan())
    assert "reaches row 20 (its sheets together), and the portal reads at most 10 rows" in page


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, administrator):
    book = Workbook()
    content = saved(book)
    bomb = rezipped(content, {"xl/worksheets/sheet1.xml": b"<a>" + b" " * 50_000_000 + b"</a>"})
    assert len(bomb) < 200_000
    page = refusal_for(client, administrator, "bomb.xlsx", bomb)
    assert "holds a part (xl/worksheets/sheet1.xml) that unpacks to" in page
    assert "times its packed size, far more than a spreadsheet" in page


def test_xml_entity_expansion_is_refused():
    """The billion laughs: defusedxml, which openpyxl parses with, forbids entities."""
    content = saved(Workbook())
    source = zipfile.ZipFile(io.BytesIO(content))
    sheet = source.read("xl/worksheets/sheet1.xml").decode()
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    body = sheet.split("?>", 1)[1] if sheet.startswith("<?xml") else sheet
    evil = rezipped(content, {"xl/worksheets/sheet1.xml": (laughs + body).encode()})
    with pytest.raises(RefusedWorkbook, match="declares a document type"):
        open_workbook("evil.xlsx", evil)


def test_an_external_entity_is_refused():
    content = saved(Workbook())
    evil = rezipped(
        content,
        {
            "xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">]><workbook>&xxe;</workbook>'
        },
    )
    with pytest.raises(RefusedWorkbook):
        open_workbook("xxe.xlsx", evil)


def sheet_of(rows, columns=1):
    """A worksheet's XML: `rows` rows of `columns` one-digit cells, written directly (as a
    file built to get past the limits would be)."""
    cells = "".join(f'<c t="n"><v>{n % 10}</v></c>' for n in range(columns))
    body = "".join(f'<row r="{r}">{cells}</row>' for r in range(1, rows + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>'
    ).encode()


def test_a_sheet_with_more_cells_than_the_limit_is_refused_before_it_is_parsed(
    client, administrator, settings, monkeypatch
):
    """The outside test's 9.9 MB workbook held a 185 MB sheet of 12 million one-digit
    cells: the scan stops at the limit and openpyxl never sees the sheet."""
    settings.PORTAL_IMPORT_MAX_CELLS = 1_000
    parsed = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: parsed.append(a))
    content = rezipped(saved(Workbook()), {"xl/worksheets/sheet1.xml": sheet_of(20, 60)})

    page = refusal_for(client, administrator, "wide.xlsx", content)

    assert "‘wide.xlsx’ has more than 1,000 filled or formatted cells" in page
    assert parsed == []


def test_a_200000_row_workbook_is_refused_for_its_rows(client, administrator):
    content = rezipped(saved(Workbook()), {"xl/worksheets/sheet1.xml": sheet_of(200_000)})
    assert len(content) < 10_000_000

    page = refusal_for(client, administrator, "long.xlsx", content)

    assert (
        "‘long.xlsx’ reaches row 200,000 (its sheets together), and the portal reads at most "
        in page
    )


def test_a_row_numbered_past_the_limit_counts_as_that_many_rows(client, administrator):
    """openpyxl reads every row up to the highest number, however few the XML holds."""
    far = sheet_of(1).replace(b'r="1"', b'r="900000"')
    content = rezipped(saved(Workbook()), {"xl/worksheets/sheet1.xml": far})

    page = refusal_for(client, administrator, "far.xlsx", content)

    assert "reaches row 900,000" in page


def with_shared_strings():
    """The content types of saved(Workbook()), naming a shared strings part."""
    types = zipfile.ZipFile(io.BytesIO(saved(Workbook()))).read("[Content_Types].xml")
    return types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        b'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )


def test_a_part_that_unpacks_past_its_limit_is_refused_in_words(client, administrator):
    strings = b"<sst>" + b"".join(b"<si><t>%d</t></si>" % n for n in range(1_200_000))
    assert 20_000_000 < len(strings) < 30_000_000
    content = rezipped(
        saved(Workbook()),
        {"xl/sharedStrings.xml": strings, "[Content_Types].xml": with_shared_strings()},
    )

    page = refusal_for(client, administrator, "strings.xlsx", content)

    assert (
        "‘strings.xlsx’ holds a part (xl/sharedStrings.xml) that unpacks to "
        f"{len(strings) / 1_000_000:.0f} MB, more than the 20 MB a tracker needs"
    ) in page
    assert "e+" not in page


def test_a_workbook_declaring_a_document_type_is_refused_before_it_is_parsed():
    content = rezipped(
        saved(Workbook()),
        {"xl/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><styleSheet/>'},
    )
    with pytest.raises(RefusedWorkbook, match="declares a document type"):
        open_workbook("dtd.xlsx", content)


SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def worksheet(rows, prefix=""):
    """A sheet's XML around `rows`, its elements under `prefix` (a namespace prefix)."""
    tag = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{tag}worksheet {xmlns}="{MAIN}">'
        f"<{tag}sheetData>{rows}</{tag}sheetData></{tag}worksheet>"
    )


@pytest.mark.parametrize(
    "sheet",
    [
        worksheet("<row r='900000'><c><v>1</v></c></row>"),
        worksheet('<row r = "900000"><c><v>1</v></c></row>'),
        worksheet('<row r="9e5"><c><v>1</v></c></row>'),
        worksheet('<row r="900_000"><c><v>1</v></c></row>'),
        worksheet('<x-y:row r="900000"><x-y:c><x-y:v>1</x-y:v></x-y:c></x-y:row>', "x-y"),
        worksheet('<row r="900000"><c><v>1</v></c></row>').replace("UTF-8", "UTF-16"),
    ],
    ids=["single quotes", "spaces", "exponent", "underscores", "prefix", "UTF-16"],
)
def test_a_row_number_is_read_as_openpyxl_reads_it_however_it_is_written(sheet):
    data = sheet.encode("utf-16") if "UTF-16" in sheet else sheet.encode()
    content = rezipped(saved(Workbook()), {SHEET: data})

    with pytest.raises(RefusedWorkbook, match="reaches row 900,000"):
        open_workbook("odd.xlsx", content)


def test_a_sheet_the_workbook_names_elsewhere_is_counted_all_the_same():
    """Every XML part is scanned, not only xl/worksheets/: openpyxl finds a sheet by the
    workbook's relationships, which may point anywhere."""
    content = rezipped(
        saved(Workbook()),
        {"xl/elsewhere/big.xml": sheet_of(60_000), SHEET: sheet_of(1)},
    )

    with pytest.raises(RefusedWorkbook, match="reaches row 60,001"):
        open_workbook("decoy.xlsx", content)


def test_the_scan_counts_the_same_whatever_its_chunks(monkeypatch):
    """A tag cut in two between chunks is still one row and one cell."""
    counts = []
    for size in (1 << 20, 7, 13):
        monkeypatch.setattr(sheet_scan, "CHUNK", size)
        scan = sheet_scan.WorkbookScan(sheet_scan.Limits(10**6, 10**6, 10**7, 10**6))
        archive = zipfile.ZipFile(io.BytesIO(rezipped(saved(Workbook()), {SHEET: sheet_of(30, 4)})))
        part = scan.part(archive, SHEET)
        counts.append((part.rows, part.columns, scan.cells, scan.text))
    assert counts == [(30, 4, 120, 120)] * 3


def test_a_cell_longer_than_excel_allows_is_refused():
    long = "x" * 40_000
    content = rezipped(
        saved(Workbook()),
        {
            SHEET: worksheet(
                f'<row r="1"><c t="inlineStr"><is><t>{long}</t></is></c></row>'
            ).encode()
        },
    )

    with pytest.raises(RefusedWorkbook, match="a cell of more than 32,767 characters"):
        open_workbook("long-cell.xlsx", content)


def test_a_shared_string_counts_its_length_each_time_a_cell_uses_it(monkeypatch):
    """One 30,000-character string in 1,000 cells is 30 million characters to read."""
    monkeypatch.setattr(safety, "MAX_TEXT", 1_000_000)
    words = "".join(random.Random(1).choices(string.ascii_letters, k=30_000))
    strings = f'<sst xmlns="{MAIN}"><si><t>{words}</t></si></sst>'.encode()
    cells = "".join('<c t="s"><v>0</v></c>' for _ in range(50))
    rows = "".join(f'<row r="{r}">{cells}</row>' for r in range(1, 21))
    content = rezipped(
        saved(Workbook()),
        {
            SHEET: worksheet(rows).encode(),
            "xl/sharedStrings.xml": strings,
            "[Content_Types].xml": with_shared_strings(),
        },
    )

    with pytest.raises(RefusedWorkbook, match="more than 1,000,000 characters of text"):
        open_workbook("repeated.xlsx", content)


def test_a_row_wider_than_excel_allows_is_refused():
    numbers = random.Random(2)
    cells = "".join(f"<c><v>{numbers.random()}</v></c>" for _ in range(16_385))
    content = rezipped(saved(Workbook()), {SHEET: worksheet(f'<row r="1">{cells}</row>').encode()})

    with pytest.raises(RefusedWorkbook, match="a row of more than 16,384 cells"):
        open_workbook("wide-row.xlsx", content)


def test_two_sheets_of_one_name_are_refused():
    book = Workbook()
    book.create_sheet("Other")
    content = saved(book)
    workbook_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/workbook.xml")
    content = rezipped(content, {"xl/workbook.xml": workbook_xml.replace(b'"Other"', b'"Sheet"')})

    with pytest.raises(RefusedWorkbook, match="has two sheets called ‘Sheet’"):
        open_workbook("twins.xlsx", content)


def test_a_cell_naming_a_style_the_workbook_lacks_is_refused_not_a_crash(client, administrator):
    """openpyxl's read-only mode looks a style up only when the reader asks for a fill."""
    rows = '<row r="1"><c t="inlineStr" s="9999"><is><t>Red</t></is></c></row>'
    content = rezipped(saved(Workbook()), {SHEET: worksheet(rows).encode()})

    page = refusal_for(client, administrator, "styles.xlsx", content)

    assert "‘styles.xlsx’ could not be read as a workbook" in page


def test_a_sheet_whose_dimension_is_wrong_is_read_whole(administrator):
    """Some programs write <dimension ref="A1"/> whatever the sheet holds."""
    book = Workbook()
    book.active.append(["Project", "Progress"])
    book.active.append(["Wifi", "01/11/2026 - Kit late"])
    content = saved(book)
    xml = zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
    xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml)
    book = open_workbook("narrow.xlsx", rezipped(content, {SHEET: xml}))
    try:
        sheet = book.worksheets[0]
        rows = [[cell.value for cell in row] for _, row in book.rows_of(sheet, max_col=200)]
    finally:
        book.close()

    assert rows[0][:2] == ["Project", "Progress"]
