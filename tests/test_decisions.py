"""After the meeting the clerk records the decision on each recommendation and the
actions arising; owners update their actions; the next report on the subject opens with
the last meeting's decisions and the actions still open."""

from datetime import date

import pytest
from django.urls import reverse

from reports.frozen import build_snapshot
from reports.models import Action, Decision
from reports.render import render_pdf

from .factories import make_body, make_meeting
from .reports import make_report, pdf_text
from .test_home import text_of
from .updates import date_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def cabinet(world):
    return make_body(name="Cabinet", strategies=[world.strategy])


@pytest.fixture
def october(world, cabinet):
    """The October 2018 report, with two recommendations, and its meeting."""
    report = make_report(
        strategy=world.strategy,
        title="Joint Technology Strategy 2018",
        recommendations="(a) Cabinet approves the strategy.\n"
        "(b) Cabinet approves a virement of £76,000.",
    )
    return report, make_meeting(body=cabinet, on=date(2018, 10, 5), reports=[report])


def decide(client, report, meeting, **fields):
    url = reverse("reports:decisions", args=[report.pk, meeting.pk])
    return client.post(url, {"outcome_1": "", "outcome_2": "", **fields})


def test_the_clerk_records_each_recommendations_decision(client, world, october):
    report, meeting = october
    client.force_login(world.clerk)
    decide(
        client,
        report,
        meeting,
        outcome_1="agreed",
        outcome_2="amended",
        amended_2="Cabinet approves a virement of £38,000 from each council.",
    )
    assert [(d.number, d.outcome, d.amended_words) for d in report.decisions.all()] == [
        (1, "agreed", ""),
        (2, "amended", "Cabinet approves a virement of £38,000 from each council."),
    ]
    page = text_of(client.get(reverse("reports:detail", args=[report.pk])))
    assert "Recommendation 2: Agreed as amended" in page
    plan = client.get(reverse("forward_plan")).context["past"]
    assert [row.state for due in plan for row in due.reports if row.report] == ["Decided"]


def test_amended_without_the_words_writes_nothing(client, world, october):
    report, meeting = october
    client.force_login(world.clerk)
    page = decide(client, report, meeting, outcome_1="agreed", outcome_2="amended")
    assert page.status_code == 400
    assert "Enter the words agreed for recommendation 2" in text_of(page)
    assert not Decision.objects.exists()


def test_only_clerks_and_administrators_record_decisions(client, member, officer, october):
    report, meeting = october
    for user in (member, officer):
        client.force_login(user)
        assert decide(client, report, meeting, outcome_1="agreed").status_code == 403
    assert not Decision.objects.exists()


def add_action(client, report, meeting, person, **fields):
    url = reverse("reports:action_new", args=[report.pk, meeting.pk])
    data = {"description": "Report the delivery programmes back to Cabinet", "owner": person.pk}
    return client.post(url, {**data, **date_parts("due", date(2019, 1, 31)), **fields})


def test_an_owner_updates_their_action_and_another_officer_cannot(
    client, world, october, officer, other_officer
):
    report, meeting = october
    client.force_login(world.clerk)
    add_action(client, report, meeting, world.owner.person)
    action = Action.objects.get()
    assert (action.owner, action.due) == (world.owner.person, date(2019, 1, 31))

    client.force_login(officer)
    assert "Report the delivery programmes" in text_of(client.get(reverse("reports:my_actions")))
    url = reverse("reports:action", args=[action.pk])
    client.post(url, {"version": 1, "status": "in_hand", "progress": "Drafted with SMT"})
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("in_hand", "Drafted with SMT", 2)

    stale = client.post(url, {"version": 1, "status": "done", "progress": "Sent"})
    assert stale.status_code == 409
    assert "Someone else updated this action" in text_of(stale)
    action.refresh_from_db()
    assert action.status == "in_hand"

    client.force_login(other_officer)
    assert client.post(url, {"version": 2, "status": "done"}).status_code == 403


def test_an_action_needs_a_description_and_an_owner(client, world, october):
    report, meeting = october
    client.force_login(world.clerk)
    page = add_action(client, report, meeting, world.owner.person, description="", owner="")
    assert page.status_code == 400
    assert "Enter the action" in text_of(page) and "Choose who owns the action" in text_of(page)
    assert not Action.objects.exists()


def test_the_next_report_opens_with_the_decisions_and_the_actions_still_open(
    client, world, october, cabinet
):
    report, meeting = october
    client.force_login(world.clerk)
    decide(client, report, meeting, outcome_1="agreed", outcome_2="deferred")
    add_action(client, report, meeting, world.owner.person)
    add_action(client, report, meeting, world.other_officer.person, description="Appoint backfill")
    done = Action.objects.get(description="Appoint backfill")
    done.status = "done"
    done.save()  # audited, as the owner's form saves

    update = make_report(strategy=world.strategy, title="January update", appendices=[])
    update.meetings.add(make_meeting(body=cabinet, on=date(2019, 1, 24)))
    text = pdf_text(render_pdf(build_snapshot(update))[0])

    assert "Since the last meeting" in text
    assert "Cabinet, 5 October 2018 1. (a) Cabinet approves the strategy. Agreed" in text
    assert "2. (b) Cabinet approves a virement of £76,000. Deferred" in text
    assert "Report the delivery programmes back to Cabinet" in text
    assert "Lee Brown 31 January 2019 Open" in text
    assert "Appoint backfill" not in text


@pytest.mark.parametrize("size", [2, 12])
def test_the_decisions_and_actions_pages_read_a_fixed_number_of_queries(
    client, world, october, officer, size, django_assert_num_queries
):
    report, meeting = october
    for n in range(size):
        Action.objects.create(
            report=report, meeting=meeting, description=f"Action {n}", owner=world.owner.person
        )
        Decision.objects.update_or_create(
            report=report,
            meeting=meeting,
            number=1 + n % 2,
            defaults={"recommendation": "x", "outcome": "agreed"},
        )
    # Each page: the session, the user and their roles, then its own reads (the
    # decisions page also lists every person an action could be given to).
    pages = [
        (world.clerk, reverse("reports:decisions", args=[report.pk, meeting.pk]), 10),
        (officer, reverse("reports:my_actions"), 6),  # and the reports it may read
        (world.clerk, reverse("reports:detail", args=[report.pk]), 10),
        (officer, reverse("reports:action", args=[Action.objects.first().pk]), 6),
    ]
    for user, url, queries in pages:
        client.force_login(user)
        client.get(url)
        with django_assert_num_queries(queries):
            client.get(url)
