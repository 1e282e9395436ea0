"""The boards and committees the papers name, with their meetings on the papers' dates
(fixtures/demo/meetings.json)."""

from datetime import date

import pytest

from meetings.models import Body

pytestmark = pytest.mark.django_db


def meeting_dates(name):
    return [m.date for m in Body.objects.get(name=name).meetings.order_by("date")]


def test_the_cabinets_meet_on_the_dates_the_strategy_papers_give(demo_data):
    assert meeting_dates("South Oxfordshire District Council Cabinet") == [
        date(2018, 10, 4),
        date(2021, 11, 4),
    ]
    assert meeting_dates("Vale of White Horse District Council Cabinet") == [
        date(2018, 10, 5),
        date(2021, 10, 29),
    ]


def test_oxfordshire_scrutiny_meets_quarterly_and_reads_the_transformation_programme(
    demo_data,
):
    body = Body.objects.get(name__startswith="Joint Audit & Governance")
    assert body.cycle == Body.Cycle.QUARTERLY
    assert [s.slug for s in body.strategies.all()] == ["oxfordshire-transformation-2019"]
    assert meeting_dates(body.name) == [
        date(2019, 1, 17),
        date(2019, 4, 18),
        date(2019, 7, 25),
        date(2019, 10, 17),
    ]


def test_the_five_councils_plan_goes_to_jtb_then_smb(demo_data):
    assert meeting_dates("Joint Tactical Board") == [date(2022, 2, 17), date(2022, 3, 17)]
    assert meeting_dates("Strategic Management Board") == [date(2022, 3, 10)]
    assert meeting_dates("Joint Committee") == []  # the plan gives no date


def test_3c_management_board_has_its_members_and_no_invented_meetings(demo_data):
    board = Body.objects.get(name="3C Shared Services Management Board")
    assert sorted((m.person.name, m.title) for m in board.memberships.all()) == [
        ("Brian O'Sullivan", "Programme Manager"),
        ("Fiona Bryant", "CCC Director"),
        ("Mike Hill", "SCDC Director"),
        ("Oliver Morley", "HDC Director"),
        ("Paul Sumpter", "Head of 3C ICT"),
    ]
    assert meeting_dates(board.name) == []


def test_both_cabinets_agreed_the_2018_strategy_and_nothing_is_invented(demo_data):
    from reports.models import Action, Report

    report = Report.objects.get(strategy__slug="south-vale-jts-2018")
    decisions = [
        (d.meeting.date, d.number, d.outcome, d.recommendation[:40])
        for d in report.decisions.order_by("meeting__date")
    ]
    assert decisions == [
        (date(2018, 10, 4), 1, "agreed", "(a) That Cabinet approves the joint tech"),
        (date(2018, 10, 5), 1, "agreed", "(a) That Cabinet approves the joint tech"),
    ]  # the papers say nothing of the virement, (b)
    action = Action.objects.get(report=report)
    assert (action.owner.name, action.due, action.status) == ("James Carpenter", None, "open")
