"""Reading tracker cells: due dates that may be words, progress cells with many dated
updates, RAG words and letters, and header words in their variants."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programmes.models import RagScale
from projects.tracker.cells import (
    ProgressEntry,
    amount,
    progress_cell,
    quarter_end,
    rag_level,
    read_due,
    split_progress,
)
from projects.tracker.columns import read_header, role_for

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
MONTH_WORDS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
WORDS = (
    st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ,.;&()'"), min_size=1, max_size=60)
    .map(lambda text: " ".join(text.split()))
    .filter(lambda text: len(text) > 1)
)


@pytest.mark.parametrize(
    "written, day",
    [
        ("31/03/22", date(2022, 3, 31)),
        ("31/03/2022", date(2022, 3, 31)),
        ("30 Sept 2022", date(2022, 9, 30)),
        ("By or before 30 Sept 2022", date(2022, 9, 30)),
        ("31/01/22 go live April - June evaluation", date(2022, 1, 31)),
        ("Q2 Oct-Dec 2018", date(2018, 12, 31)),
        ("TBC", None),
        ("ongoing", None),
        ("Annual, Q3", None),
        ("31/02/22", None),
    ],
)
def test_due_dates_are_read_and_their_words_kept(written, day):
    due = read_due(written)
    assert (due.day, due.words) == (day, written)


@given(DAYS)
def test_any_excel_date_is_a_date_without_words(day):
    assert read_due(day) == read_due(day)
    assert (read_due(day).day, read_due(day).words) == (day, "")


@given(DAYS, st.sampled_from(["{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}/{m}/{yy:02d}"]))
def test_numeric_dates_in_any_common_form(day, form):
    text = form.format(d=day.day, m=day.month, y=day.year, yy=day.year % 100)
    assert read_due(text).day == day


@given(DAYS, st.sampled_from(["", "By or before ", "Due "]))
def test_worded_dates_with_words_around_them(day, prefix):
    text = f"{prefix}{day.day} {MONTH_WORDS[day.month - 1]} {day.year}"
    assert read_due(text).day == day
    assert read_due(text).words == text


@pytest.mark.parametrize(
    "header, end",
    [
        ("Q1 July-Sept 18", date(2018, 9, 30)),
        ("Q3 Jan-Mar 2019", date(2019, 3, 31)),
        ("Q5 July-Sept 2019", date(2019, 9, 30)),
        ("Project", None),
    ],
)
def test_quarter_columns_end_on_the_last_day_of_their_quarter(header, end):
    assert quarter_end(header) == end


def test_a_progress_cell_from_the_annual_plan_splits_into_dated_entries_in_date_order():
    cell = (
        "12/02/21 - TOM agreed for H&EH as part of the settlement agreement in December 2020 "
        "04/10/2020 - H&EH TOM will be agreed as part of the settlement. 12/02/2020 - All work "
        "on the TOM has ceased. 18/02 - Align stakeholders. 7/3/22 Update - Awaiting sign-off."
    )
    assert split_progress(cell) == [
        ProgressEntry(date(2020, 2, 12), "All work on the TOM has ceased."),
        ProgressEntry(date(2020, 2, 18), "Align stakeholders."),
        ProgressEntry(date(2020, 10, 4), "H&EH TOM will be agreed as part of the settlement."),
        ProgressEntry(
            date(2021, 2, 12),
            "TOM agreed for H&EH as part of the settlement agreement in December 2020",
        ),
        ProgressEntry(date(2022, 3, 7), "Awaiting sign-off."),
    ]


def test_a_date_inside_a_sentence_stays_in_its_update():
    cell = "06/09/2021 - Meeting scheduled for 14/09/2021 with JL. Shut down 10/09/2021."
    assert split_progress(cell) == [
        ProgressEntry(
            date(2021, 9, 6), "Meeting scheduled for 14/09/2021 with JL. Shut down 10/09/2021."
        )
    ]


def test_undated_text_and_ditto_marks():
    assert split_progress("Review still ongoing") == [ProgressEntry(None, "Review still ongoing")]
    assert split_progress("as above") == []
    assert split_progress(None) == []


@given(st.lists(st.tuples(DAYS.filter(lambda d: d.year > 2000), WORDS), min_size=1, max_size=8))
def test_entries_written_as_trackers_do_come_back_verbatim_and_in_date_order(entries):
    cell = " ".join(f"{day.day}/{day.month}/{day.year % 100:02d} - {text}" for day, text in entries)
    read = split_progress(cell)
    assert [entry.text for entry in read] == [
        text for _, text in sorted(entries, key=lambda entry: entry[0])
    ]
    assert [entry.day for entry in read] == sorted(day for day, _ in entries)


@given(st.lists(st.tuples(DAYS, WORDS), min_size=1, max_size=8))
def test_the_portals_own_progress_cells_round_trip(entries):
    entries = sorted((ProgressEntry(day, text) for day, text in entries), key=lambda e: e.day)
    assert split_progress(progress_cell(entries)) == entries


@pytest.mark.parametrize(
    "header, role",
    [
        ("Due Dates", "due"),
        ("Due date", "due"),
        ("Council(s) Impacted", "councils"),
        ("Councils Impacted", "councils"),
        ("RAG Status R = late A = Risk of delay G = on track", "rag"),
        ("Delivery Status (Not started, Started, Paused, Complete)", "delivery_status"),
        ("Links to Service Outcomes (if relevant)", "driver"),
        ("Driver or Source", "driver"),
        ("  activity   stream ", "programme"),
        ("RAG meaning", "ignore"),
    ],
)
def test_header_words_in_their_variants(header, role):
    assert role_for(header) == role


def test_a_title_row_is_not_a_header_row():
    assert read_header(1, ["Annual Plan for:", "Five Councils IT"]) is None
    columns = read_header(6, ["Ref", "Description", "Milestones", "Due Dates", "Lead"])
    assert columns.roles == {
        "reference": 1,
        "description": 2,
        "milestone": 3,
        "due": 4,
        "lead": 5,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "written", ["G", "g", "Green", "on track", "G - on track", "Green (on track)"]
)
def test_rag_from_words_or_letters(written):
    levels = RagScale.objects.get(slug="annual-plan").levels.all()
    assert rag_level(written, levels).label == "Green"


@pytest.mark.django_db
def test_rag_blank_or_not_applicable_is_no_rag_and_unknown_words_are_refused():
    levels = RagScale.objects.get(slug="annual-plan").levels.all()
    assert rag_level("n/a", levels) is None
    with pytest.raises(ValueError):
        rag_level("Purple", levels)


def test_money_under_a_thousands_header():
    assert amount(48, 1000) == 48000
    assert amount("1,250.5", 1) == amount(1250.5, 1)
    assert amount(None, 1000) is None
    with pytest.raises(ValueError):
        amount("37K pa", 1000)
    assert amount(0.1, 1000) == 100
    with pytest.raises(ValueError):
        amount(1e23, 1000)  # more than a finance line holds


@given(st.integers(min_value=0, max_value=10**6))
def test_whole_thousands_are_exact(thousands):
    assert amount(thousands, 1000) == thousands * 1000
