"""The portal's tables are plain django-tables2 in GOV.UK dress (core/tables.py,
partials/govuk_table.html): each cell is drawn by its column's `render_<column>` method
or default, or (the project list) by its table's row template, and nothing in the process
patches the library."""

import importlib.util
import inspect
import re
import sys
from datetime import date

import django_tables2
import django_tables2.utils
import pytest
from django.urls import reverse

from .factories import make_update

pytestmark = pytest.mark.django_db

OUR_PACKAGES = {"core", "programmes", "projects", "contracts", "dashboards", "reports", "portal"}


def table_of(response):
    """The page's table as its reader meets it: headers (with their sort links), and each
    row's cells (as HTML) by header."""
    page = response.content.decode()
    table = re.search(r'<table class="govuk-table.*?</table>', page, re.S).group(0)
    headers = re.findall(r'<th scope="col"[^>]*>\s*(.*?)\s*</th>', table, re.S)
    names = [re.sub(r"<[^>]+>| [▲▼]", "", header) for header in headers]
    body = table.split('<tbody class="govuk-table__body">')[1]
    rows = [
        dict(zip(names, re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row), strict=True))
        for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body, re.S)
    ]
    return headers, rows


def row_for(rows, column, text):
    return next(row for row in rows if text in row[column])


def test_project_list_draws_each_cell_of_a_project_as_members_read_it(client, world):
    world.project.sponsor = None
    world.project.save()
    make_update(project=world.complete_project, reported_on=date(2023, 1, 6))
    client.force_login(world.member)

    _, rows = table_of(client.get(reverse("projects:list")))

    wifi = row_for(rows, "Project", "Wifi consolidation")
    assert wifi == {
        "Project": (
            f'<a class="govuk-link" href="{reverse("projects:detail", args=[world.project.pk])}">'
            "AP08 Wifi consolidation</a>"
        ),
        "Current RAG": '<span class="app-rag-none">No update yet</span>',
        "Status": "Active",
        "Programme": "Core IT turnaround",
        "Sponsor": "–",
        "Project manager": "TBC",
        "Lead": "Lee Brown",
        "Last update": "Never",
    }
    red = world.red_project.status_updates.get().rag
    closure = row_for(rows, "Project", "Legacy datacentre closure")
    assert closure["Current RAG"] == (
        f'<span class="app-rag app-rag--{red.pk}">{red.label}</span> '
        f'<span class="app-rag__words">{red.words}</span>'
    )
    assert closure["Sponsor"] == "James Carpenter"
    assert closure["Last update"] == "07/03/2022"
    # Reported, but without a RAG: render_rag reads the record as well as the value.
    hr = row_for(rows, "Project", "Strategic HR")
    assert hr["Current RAG"] == '<span class="app-rag-none">No RAG recorded</span>'
    assert hr["Status"] == "Complete"
    assert hr["Project manager"] == "Lee Brown"


def test_project_list_headers_sort_by_link_and_show_the_current_order(client, world):
    client.force_login(world.member)

    headers, rows = table_of(client.get(reverse("projects:list"), {"sort": "-rag"}))

    assert headers[0] == (
        '<a class="govuk-link govuk-link--no-visited-state" href="?sort=name">Project</a>'
    )
    assert headers[1] == (
        '<a class="govuk-link govuk-link--no-visited-state" href="?sort=rag">Current RAG ▼</a>'
    )
    assert len(rows) == 7


def test_change_register_draws_each_cell_with_its_columns_render_method(client, world):
    client.force_login(world.member)

    headers, rows = table_of(client.get(reverse("contracts:register")))

    assert "Councils affected" in headers  # not sortable: no link
    change = row_for(rows, "Change", "IT end user computing environment")
    directory = reverse("projects:detail", args=[world.green_project.pk])
    assert change == {
        "Reference": "–",
        "Change": (
            f'<a class="govuk-link" href="{reverse("contracts:change", args=[world.change.pk])}">'
            "IT end user computing environment for South and Vale Councils only</a>"
        ),
        "Status": '<strong class="govuk-tag app-change-tag--scoping">Scoping</strong>',
        "Category": "New environment",
        "Councils affected": "SODC, VOWH",
        "Financial impact": "Not yet known",
        "Linked projects": f'<a class="govuk-link" href="{directory}">{world.green_project}</a>',
        "Contract": "Five Councils Capita contract",
    }
    fraud = row_for(rows, "Change", "Return of the fraud service")
    assert fraud["Financial impact"] == "Cost neutral"
    assert fraud["Status"] == (
        '<strong class="govuk-tag app-change-tag--in_negotiation">In negotiation</strong>'
    )


def library_functions(module):
    """The functions and classes a django-tables2 module holds, and those its classes hold."""
    for name, value in vars(module).items():
        yield f"{module.__name__}.{name}", value
        if inspect.isclass(value) and value.__module__.startswith("django_tables2"):
            for attribute, member in vars(value).items():
                member = getattr(member, "fget", None) or getattr(member, "__func__", member)
                yield f"{module.__name__}.{name}.{attribute}", member


def test_nothing_in_the_portal_patches_django_tables2(client, world):
    client.force_login(world.member)
    client.get(reverse("projects:list"))  # a patch made on first use would be in place now

    ours = [
        name
        for module_name, module in list(sys.modules.items())
        if module_name.split(".")[0] == "django_tables2"
        for name, value in library_functions(module)
        if (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__.split(".")[0] in OUR_PACKAGES
    ]
    assert ours == []
    # The very function the portal once replaced, against a fresh copy of its module.
    spec = importlib.util.spec_from_file_location("fresh_utils", django_tables2.utils.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    signature = django_tables2.utils.signature
    assert signature.__module__ == "django_tables2.utils"
    assert signature.__code__.co_code == fresh.signature.__code__.co_code
    assert django_tables2.Table.__module__ == "django_tables2.tables"
