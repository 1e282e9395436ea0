"""Uploads the importer refuses, each with a message and nothing written: not .xlsx,
encrypted, too big, too many rows, a zip bomb, XML entity tricks."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from projects.models import Project, TrackerImport
from projects.tracker.safety import RefusedWorkbook, open_workbook
from tests.factories import make_strategy
from tests.tracker_workbooks import annual_plan, saved

pytestmark = pytest.mark.django_db


def refusal_for(client, administrator, name, content):
    client.force_login(administrator)
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
    assert "the portal imports at most 10 at a time" in page


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, administrator):
    book = Workbook()
    content = saved(book)
    bomb = rezipped(content, {"xl/worksheets/sheet1.xml": b"<a>" + b" " * 50_000_000 + b"</a>"})
    assert len(bomb) < 200_000
    page = refusal_for(client, administrator, "bomb.xlsx", bomb)
    assert "holds a part (xl/worksheets/sheet1.xml) that unpacks to" in page
    assert "times its packed size, as a zip bomb does" in page


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
    with pytest.raises(RefusedWorkbook, match="could not be read"):
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

    assert "‘long.xlsx’ has more than 50,000 rows: the portal imports at most 50,000" in page


def test_a_row_numbered_past_the_limit_counts_as_that_many_rows(client, administrator):
    """openpyxl reads every row up to the highest number, however few the XML holds."""
    far = sheet_of(1).replace(b'r="1"', b'r="900000"')
    content = rezipped(saved(Workbook()), {"xl/worksheets/sheet1.xml": far})

    page = refusal_for(client, administrator, "far.xlsx", content)

    assert "has more than 50,000 rows" in page


def test_a_part_that_unpacks_past_its_limit_is_refused_in_words(client, administrator):
    strings = b"<sst>" + b"".join(b"<si><t>%d</t></si>" % n for n in range(1_200_000))
    assert 20_000_000 < len(strings) < 30_000_000
    content = rezipped(saved(Workbook()), {"xl/sharedStrings.xml": strings})

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
