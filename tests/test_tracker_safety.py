"""Uploads the importer refuses, each with a message and nothing written: not .xlsx,
encrypted, too big, too many rows, a zip bomb, XML entity tricks."""

import io
import zipfile

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
    """The same workbook with some of its members' XML replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            target.writestr(member.filename, replace.get(member.filename, data))
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
    assert "the largest workbook the portal takes is 0.001 MB" in page


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
    assert "far more than a tracker holds" in page


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
