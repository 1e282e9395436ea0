"""The dashboard knows the reporting cycle: it offers each meeting the strategy was
reported to as an as-at day, and a strategy with nothing reported in the current period
says when it last was, with a link to the dashboard as reported then
(dashboards/reporting_cycle.py)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import StatusUpdate

from .factories import make_body, make_meeting
from .reports import make_report
from .test_home import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world):
    body = make_body(name="Programme Board", strategies=[world.strategy])
    make_meeting(body=body, on=date(2022, 3, 17))
    return body


def dashboard(client, world, **params):
    return client.get(reverse("home"), {"strategy": world.strategy.slug, **params})


def test_a_strategy_not_updated_this_period_says_when_it_last_was(client, member, world, board):
    last = StatusUpdate.objects.filter(project__programme__strategy=world.strategy).latest(
        "reported_on"
    )
    client.force_login(member)
    page = dashboard(client, world)
    text = text_of(page)
    assert (
        f"No status update has been given on this strategy since {last.reported_on:%-d %B %Y}; "
        "it was last reported to Programme Board on 17 March 2022."
    ) in text
    assert "?strategy=" + world.strategy.slug + "&amp;as_at=2021-12-31" in page.content.decode()


def test_the_as_at_choices_are_the_meetings_it_was_reported_to(client, member, world, board):
    report = make_report(strategy=world.strategy, data_cut_off=date(2021, 3, 31))
    make_meeting(body=make_body(name="Cabinet"), on=date(2021, 4, 20), reports=[report])
    client.force_login(member)
    choices = dashboard(client, world).context["cycle"].reported_to
    assert [(c.body, c.held_on, c.day) for c in choices] == [
        ("Programme Board", date(2022, 3, 17), date(2021, 12, 31)),
        ("Cabinet", date(2021, 4, 20), date(2021, 3, 31)),
    ]


def test_the_dashboard_as_reported_to_a_meeting_says_so(client, member, world, board):
    client.force_login(member)
    text = text_of(dashboard(client, world, as_at="2021-12-31"))
    assert (
        "Dashboard as at 31 December 2021, as reported to Programme Board on 17 March 2022" in text
    )
    assert "No status update has been given" not in text


def test_a_strategy_updated_this_period_shows_no_notice(client, member, world, board):
    updates = StatusUpdate.objects.filter(project__programme__strategy=world.strategy)
    assert updates.update(reported_on=timezone.localdate())
    client.force_login(member)
    assert "No status update has been given" not in text_of(dashboard(client, world))


def test_an_update_at_the_end_of_the_last_period_is_not_stale(client, member, world, board):
    from core.calendar import last_complete_period

    period_end = last_complete_period(timezone.localdate(), world.strategy.reporting_period)[1]
    updates = StatusUpdate.objects.filter(project__programme__strategy=world.strategy)
    assert updates.update(reported_on=period_end)
    client.force_login(member)
    assert "No status update has been given" not in text_of(dashboard(client, world))
