"""The portal draws its tables' cells itself (core/table_cells.py): every cell must
be the one django-tables2 would draw."""

import pytest
from django.test import RequestFactory
from django_tables2 import RequestConfig

from contracts.models import ContractChange
from contracts.tables import ChangeTable
from programmes.models import RagLevel
from projects.models import Project
from projects.tables import ProjectTable

pytestmark = pytest.mark.django_db


def drawn_and_library_cells(table):
    RequestConfig(RequestFactory().get("/"), paginate={"per_page": 500}).configure(table)
    drawn = [[str(cell) for cell in cells] for _, cells in table.drawn_rows()]
    library = [[str(cell) for _, cell in row.items()] for row in table.paginated_rows]
    return drawn, library


def test_project_cells_are_the_ones_django_tables2_would_draw(owned_project):
    owned_project.sponsor = None  # an empty cell, drawn with the column's default
    owned_project.save()
    table = ProjectTable(Project.objects.for_list(), levels=RagLevel.objects.in_bulk())
    drawn, library = drawn_and_library_cells(table)
    assert len(drawn) == Project.objects.count() > 10
    assert drawn == library
    rows = {row.record.pk: cells for row, cells in table.drawn_rows()}
    cells = dict(zip(table.sequence, rows[owned_project.pk], strict=True))
    assert cells["sponsor"] == "–"
    assert cells["lifecycle_status"] == owned_project.get_lifecycle_status_display()
    assert any("No update yet" in row[1] for row in drawn)
    assert any("app-rag--" in row[1] for row in drawn)


def test_change_cells_are_the_ones_django_tables2_would_draw():
    table = ChangeTable(ContractChange.objects.for_register())
    drawn, library = drawn_and_library_cells(table)
    assert len(drawn) == ContractChange.objects.count() > 0
    assert drawn == library
    assert all(row[0] for row in drawn)
