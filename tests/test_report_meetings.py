"""A report goes to one or more meetings (a joint report: several bodies, dates and
portfolio holders) and reads its data as at its cut-off: the end of the last whole
reporting period before its first meeting unless the clerk sets another day."""

from datetime import date

import pytest
from django.urls import reverse

from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

from .factories import make_body, make_meeting
from .reports import make_report, pdf_text
from .test_home import text_of
from .test_reports import report_form_data
from .updates import date_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def cabinets(world):
    """Vale's Cabinet on 29 October 2021 and South's on 4 November 2021."""
    vale = make_body(name="Vale Cabinet", councils=[world.councils["VOWH"]])
    south = make_body(name="South Cabinet", councils=[world.councils["SODC"]])
    return make_meeting(body=vale, on=date(2021, 10, 29)), make_meeting(
        body=south, on=date(2021, 11, 4)
    )


def compose(client, world, **fields):
    url = f"{reverse('reports:new')}?strategy={world.strategy.pk}"
    return client.post(url, report_form_data(meeting_date_0="", meeting_date_1="",
                                             meeting_date_2="", **fields))  # fmt: skip


def test_a_joint_report_goes_to_two_meetings_and_takes_the_first_ones_date(client, world, cabinets):
    client.force_login(world.clerk)
    compose(client, world, meetings=[meeting.pk for meeting in cabinets])

    report = Report.objects.get()
    assert list(report.meetings.order_by("date")) == list(cabinets)
    assert report.meeting_date == date(2021, 10, 29)
    assert report.cut_off() == date(2021, 9, 30)


def test_a_report_needs_its_meetings_or_a_meeting_date(client, world, cabinets):
    client.force_login(world.clerk)
    page = text_of(compose(client, world))
    assert "Choose the meetings it goes to, or enter the meeting date" in page
    assert not Report.objects.exists()


def test_the_clerk_may_read_the_data_as_at_another_day(client, world, cabinets):
    client.force_login(world.clerk)
    compose(
        client,
        world,
        meetings=[cabinets[0].pk],
        **date_parts("data_cut_off", date(2021, 10, 28)),
    )
    assert Report.objects.get().cut_off() == date(2021, 10, 28)


def test_a_monthly_strategys_report_reads_to_the_end_of_the_last_month(world, cabinets):
    world.strategy.reporting_period = "monthly"
    world.strategy.save()
    report = make_report(strategy=world.strategy, data_cut_off=None)
    report.meetings.set(cabinets)
    assert report.cut_off() == date(2021, 9, 30)
    report.meetings.set([cabinets[1]])
    assert report.cut_off() == date(2021, 10, 31)


def test_the_report_is_addressed_to_each_meeting_with_its_portfolio_holder(world, cabinets):
    report = make_report(strategy=world.strategy, appendices=[])
    vale, south = cabinets
    report.meetings.add(vale, through_defaults={"portfolio_holders": "Debby Hallett"})
    report.meetings.add(south, through_defaults={"portfolio_holders": "Andrea Powell"})

    text = pdf_text(render_pdf(build_snapshot(report))[0])

    assert (
        "Report to Vale Cabinet, 29 October 2021 (Debby Hallett) "
        "South Cabinet, 4 November 2021 (Andrea Powell)"
    ) in text
    assert f"Data as at {report.cut_off():%-d %B %Y}" in text


def test_the_clerk_says_who_presents_it_at_each_meeting(client, world, cabinets, member):
    report = make_report(strategy=world.strategy, appendices=[])
    report.meetings.set(cabinets)
    vale = report.meeting_links.get(meeting=cabinets[0])
    url = reverse("reports:presenters", args=[vale.pk])

    client.force_login(member)
    assert client.post(url, {"portfolio_holders": "Cllr X"}).status_code == 403
    client.force_login(world.clerk)
    client.post(url, {"portfolio_holders": "Debby Hallett"})
    too_long = client.post(url, {"portfolio_holders": "x" * 301}, follow=True)

    vale.refresh_from_db()
    assert vale.portfolio_holders == "Debby Hallett"
    assert "Enter at most 300 characters of names" in text_of(too_long)
    text = pdf_text(render_pdf(build_snapshot(report))[0])
    assert "Vale Cabinet, 29 October 2021 (Debby Hallett)" in text
