"""Hypothesis throws arbitrary input at every form and parser: the answer is a page
with a clear message (or a save), never a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.date_input import GovukDateField

from .contract_changes import change_form_data
from .second_factor import log_in
from .tracker_workbooks import saved
from .updates import update_form_data

pytestmark = pytest.mark.django_db
FORGIVING = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 302, 400, 403, 404, 409}
junk = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999999999999999",
            "1e400",
            "NaN",
            "31",
            "2/30",
            "=cmd|' /C calc'!A0",
            "<script>x</script>",
            "\x00",
            "٣",
            "1,5",
            "12.345",
        ]
    ),
)
date_part = st.one_of(junk, st.integers(-10, 10000).map(str))


@FORGIVING
@given(day=date_part, month=date_part, year=date_part)
def test_the_govuk_date_field_answers_any_input_with_a_date_or_a_message(day, month, year):
    from django.core.exceptions import ValidationError

    field = GovukDateField(label="Forecast date")
    try:
        field.clean([day, month, year])
    except ValidationError as error:
        assert error.messages and all(message for message in error.messages)


@FORGIVING
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "rag",
                "delivery_status",
                "progress",
                "issues",
                "version",
                "budget_rag",
                "milestones-0-forecast_date_0",
                "milestones-0-id",
                "milestones-TOTAL_FORMS",
                "confirm_complete",
            ]
        ),
        junk,
        max_size=6,
    )
)
def test_the_status_update_form_never_fails_on_bad_input(client, officer, owned_project, fields):
    client.force_login(officer)
    data = {**update_form_data(owned_project), **fields}
    response = client.post(reverse("projects:update", args=[owned_project.pk]), data)
    assert response.status_code in ANSWERS


@FORGIVING
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "reference",
                "category",
                "one_off_cost",
                "recurring_cost",
                "cost_neutral",
                "decision_date_0",
                "decision_date_2",
                "councils_affected",
                "projects",
                "share_1",
                "share_4",
            ]
        ),
        junk,
        max_size=6,
    )
)
def test_the_change_form_never_fails_on_bad_input(client, officer, contract, fields):
    client.force_login(officer)
    data = {**change_form_data(contract), **fields}
    response = client.post(reverse("contracts:change_raise", args=[contract.pk]), data)
    assert response.status_code in ANSWERS


@FORGIVING
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "to_status",
                "on_0",
                "on_1",
                "on_2",
                "reason",
                "decision_maker",
                "decision_date_2",
                "version",
            ]
        ),
        junk,
        max_size=5,
    )
)
def test_the_move_form_never_fails_on_bad_input(client, world, fields):
    log_in(client, world.admin)
    change = world.change
    response = client.post(reverse("contracts:change_move", args=[change.pk]), fields)
    assert response.status_code in ANSWERS


@FORGIVING
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "committee",
                "meeting_date_0",
                "meeting_date_1",
                "meeting_date_2",
                "report_of",
                "author_name",
                "exempt_paragraph",
                "programmes",
                "include_money",
                "recommendations",
            ]
        ),
        junk,
        max_size=6,
    )
)
def test_the_report_form_never_fails_on_bad_input(client, world, fields):
    client.force_login(world.clerk)
    url = f"{reverse('reports:new')}?strategy={world.strategy.pk}"
    assert client.post(url, fields).status_code in ANSWERS


@FORGIVING
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "strategy",
                "as_at",
                "since",
                "q",
                "rag",
                "due",
                "sort",
                "page",
                "status",
                "council",
                "category",
                "contract",
                "programme",
                "lifecycle_status",
            ]
        ),
        junk,
        max_size=5,
    )
)
def test_lists_and_dashboards_never_fail_on_bad_query_strings(client, member, params):
    client.force_login(member)
    for name in ("home", "projects:list", "contracts:register", "reports:list", "money_export"):
        assert client.get(reverse(name), params).status_code in ANSWERS, name


TRACKER_HEADERS = [
    "Ref",
    "Description",
    "Milestones",
    "Due Dates",
    "Lead",
    "Council(s) Impacted",
    "Delivery Status",
    "RAG Status",
    "Progress",
    "2018-19 Budget outside contract £000s",
    "Q1 July-Sept 18",
]
cell = st.one_of(
    junk,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.none(),
)


@FORGIVING
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=len(TRACKER_HEADERS)), max_size=6))
def test_the_tracker_import_answers_any_sheet_with_a_preview_or_a_message(client, world, rows):
    book = Workbook()
    book.active.append(TRACKER_HEADERS)
    for row in rows:
        book.active.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        )
    log_in(client, world.admin)
    response = client.post(
        reverse("tracker:start"),
        {
            "strategy": world.plan.pk,
            "workbook": SimpleUploadedFile("fuzz.xlsx", saved(book)),
        },
    )
    assert response.status_code in ANSWERS
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200


@FORGIVING
@given(content=st.binary(max_size=2000), name=st.sampled_from(["a.xlsx", "a.xls", "a"]))
def test_the_tracker_import_refuses_any_bytes_with_a_message(client, world, content, name):
    log_in(client, world.admin)
    response = client.post(
        reverse("tracker:start"),
        {
            "strategy": world.plan.pk,
            "workbook": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400


def test_a_day_too_big_for_the_machine_is_not_a_real_date():
    """Found by hypothesis in CI: a month of 2200000000 overflowed instead of failing as a date."""
    from django import forms

    field = GovukDateField(label="Decision date")
    with pytest.raises(forms.ValidationError, match="must be a real date"):
        field.clean(["0", "2200000000", "2022"])
