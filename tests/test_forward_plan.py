"""/meetings/, the forward plan: each meeting with the reports due to it, the day each
reads its data as at (the end of the last whole period before the meeting, unless the
clerk chose another), and how far each has got (reports/forward_plan.py)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.issuing import report_issue

from .factories import make_body, make_meeting
from .reports import make_report

pytestmark = pytest.mark.django_db


def meetings(page, section, body_name="Programme Board"):
    """The meetings of one section (upcoming or past) of one body."""
    return [due for due in page.context[section] if due.meeting.body.name == body_name]


def rows(page, section, body_name="Programme Board"):
    """[(meeting date, body, report due, data as at, state)] of one section."""
    found = []
    for due in meetings(page, section, body_name):
        for row in due.reports:
            title = row.report.title if row.report else row.subject
            found.append((due.meeting.date, due.meeting.body.name, title, row.cut_off, row.state))
    return found


@pytest.fixture
def board(world):
    return make_body(
        name="Programme Board", councils=[world.councils["SODC"]], strategies=[world.strategy]
    )


def test_a_body_that_reads_a_strategy_is_owed_a_report_at_each_meeting(client, member, board):
    make_meeting(body=board, on=date(2018, 10, 5))
    client.force_login(member)
    page = client.get(reverse("forward_plan"))
    assert rows(page, "past") == [
        (date(2018, 10, 5), "Programme Board", board.strategies.get().title,
         date(2018, 9, 30), "Not started"),
    ]  # fmt: skip


def test_a_report_shows_its_cut_off_and_state_as_it_is_issued(client, world, board):
    report = make_report(
        strategy=world.strategy, title="Quarter update", appendices=[], data_cut_off=None
    )
    make_meeting(body=board, on=date(2019, 7, 25), reports=[report])
    client.force_login(world.clerk)

    def state():
        return rows(client.get(reverse("forward_plan")), "past")

    assert state() == [
        (date(2019, 7, 25), "Programme Board", "Quarter update", date(2019, 6, 30),
         "Being written"),
    ]  # fmt: skip
    report_issue(report=report, by=world.clerk)
    assert state()[0][-1] == "Draft"
    report.data_cut_off = date(2019, 7, 10)
    report.save()
    report_issue(report=report, by=world.clerk, final=True)
    assert state()[0][3:] == (date(2019, 7, 10), "Final issued")


def test_a_monthly_strategy_reads_to_the_end_of_the_last_month(client, member, board, world):
    world.strategy.reporting_period = "monthly"
    world.strategy.save()
    make_meeting(body=board, on=date(2022, 3, 17))
    client.force_login(member)
    page = client.get(reverse("forward_plan"))
    assert rows(page, "past")[0][3] == date(2022, 2, 28)
    assert "reviews February 2022" in page.content.decode()


def test_each_report_due_says_the_period_its_meeting_reviews(client, member, board):
    make_meeting(body=board, on=date(2018, 10, 5))
    client.force_login(member)
    assert "reviews July to September 2018" in client.get(reverse("forward_plan")).content.decode()


def test_upcoming_meetings_come_soonest_first_and_past_ones_latest_first(client, member, board):
    today = timezone.localdate()
    for year in (today.year + 2, today.year + 1, today.year - 2, today.year - 1):
        make_meeting(body=board, on=today.replace(year=year))
    client.force_login(member)
    page = client.get(reverse("forward_plan"))
    assert [d.meeting.date.year for d in meetings(page, "upcoming")] == [
        today.year + 1,
        today.year + 2,
    ]
    assert [d.meeting.date.year for d in meetings(page, "past")] == [
        today.year - 1,
        today.year - 2,
    ]


def test_a_member_sees_a_report_is_being_written_but_not_its_draft(client, member, world, board):
    report = make_report(strategy=world.strategy, title="Quarter update", appendices=[])
    make_meeting(body=board, on=date(2019, 7, 25), reports=[report])
    client.force_login(member)
    html = client.get(reverse("forward_plan")).content.decode()
    assert world.strategy.title in html and "Being written" in html
    assert "Quarter update" not in html  # a draft's title is the clerk's until issued
    assert reverse("reports:detail", args=[report.pk]) not in html


def test_a_contract_report_covers_its_annual_plan(client, world):
    body = world.contract.governance_bodies.get(short_name="JTB")
    body.strategies.set([world.plan])
    report = make_report(contract=world.contract, title="Plan update", appendices=[])
    body.meetings.get().reports.add(report)
    client.force_login(world.clerk)
    page = client.get(reverse("forward_plan"))
    assert [row[2] for row in rows(page, "past", "Joint Tactical Board")] == ["Plan update"]


@pytest.mark.parametrize("size", [2, 12])
def test_the_forward_plan_reads_a_fixed_number_of_queries(
    client, world, board, size, django_assert_num_queries
):
    for n in range(size):
        report = make_report(strategy=world.strategy, title=f"Update {n}", appendices=[])
        report_issue(report=report, by=world.clerk)
        make_meeting(body=board, on=date(2019, 1, 1 + n), reports=[report])
        make_meeting(body=make_body(strategies=[world.strategy]), on=date(2030, 1, 1 + n))
    client.force_login(world.clerk)
    client.get(reverse("forward_plan"))  # the session and roles are read once
    with django_assert_num_queries(FORWARD_PLAN_QUERIES):
        page = client.get(reverse("forward_plan"))
    assert len(meetings(page, "past")) == len(page.context["upcoming"]) == size


# Session, user, roles and the readable reports; each section's meetings, their councils,
# their strategies and report links; the past section's reports and their meetings (a
# report on a contract would add its plans).
FORWARD_PLAN_QUERIES = 4 + 2 * 4 + 2
