"""`manage.py import_tracker`: the same preview and import as the pages, from a file."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import Project
from tests.tracker_imports import counts, new_annual_plan_strategy
from tests.tracker_workbooks import annual_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_plan_strategy(world):
    return new_annual_plan_strategy(world)


def test_the_command_previews_then_imports(tmp_path, annual_plan_strategy):
    path = tmp_path / "annual-plan.xlsx"
    path.write_bytes(annual_plan())
    before = counts()
    out = StringIO()
    call_command("import_tracker", path, strategy=annual_plan_strategy.slug, stdout=out)
    assert "5 to create" in out.getvalue()
    assert "Nothing written" in out.getvalue()
    assert counts() == before

    out = StringIO()
    call_command(
        "import_tracker", path, strategy=annual_plan_strategy.slug, confirm=True, stdout=out
    )
    assert "Imported: 5 created" in out.getvalue()
    assert Project.objects.filter(programme__strategy=annual_plan_strategy).count() == 5


def test_the_command_refuses_a_file_that_is_not_a_workbook(tmp_path, annual_plan_strategy):
    path = tmp_path / "tracker.csv"
    path.write_text("Ref,Description\n")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_tracker", path, strategy=annual_plan_strategy.slug)
