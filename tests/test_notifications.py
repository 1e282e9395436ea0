"""People are told what needs them, once, as each chose: a project turning Red or a
milestone slipping tells its sponsor and programme owner; an action or an escalation
tells the person it is for; a Final issued tells the members of the bodies it goes to;
a render ending tells the clerk who issued it."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.roles import OFFICER
from meetings.models import Body, Membership
from notifications.models import Delivery, Kind, Notification, Preference
from notifications.receivers import muted
from notifications.sending import send_digests
from projects.models import Risk
from projects.raid.services import raid_action_add, raid_escalate
from reports import issuing
from reports.issuing import report_issue
from reports.models import Action

from .factories import make_body, make_meeting, make_person, make_update, make_user
from .reports import make_report
from .test_home import text_of
from .test_reports import broken_render
from .updates import post_update

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.gov.uk"
SUNDAY, MONDAY = date(2026, 12, 6), date(2026, 12, 7)


SPONSOR = "jcarpenter@example.org"


@pytest.fixture
def owners(world):
    """The world's Core IT turnaround programme owned by David Wilde, and its projects'
    sponsor, James Carpenter, given a sign-in (SPONSOR)."""
    world.programme.owner = world.contract_manager.person
    world.programme.save()
    make_user(role=OFFICER, username="jcarpenter", person=world.sponsor)
    return world


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_an_officer_saving_a_project_red_emails_its_sponsor_and_programme_owner(client, owners):
    world = owners
    client.force_login(world.owner)
    post_update(client, world.project, rag="R", issues="Supplier has gone quiet")

    [to_sponsor] = sent_to(SPONSOR)
    [to_owner] = sent_to(world.contract_manager.email)
    link = f"{BASE}/projects/{world.project.pk}/"
    assert to_sponsor.subject == "Wifi consolidation is now Red"
    assert "AP08 Wifi consolidation was reported Red" in to_sponsor.body
    assert "by Lee Brown" in to_sponsor.body
    assert "Issues and risks to escalate: Supplier has gone quiet" in to_sponsor.body
    assert f"Open it in the portal: {link}" in to_sponsor.body
    html, kind = to_sponsor.alternatives[0]
    assert kind == "text/html" and f'href="{link}"' in html and "Open it in the portal" in html
    assert f"{BASE}/notifications/settings/" in to_sponsor.body
    assert not sent_to(world.owner.email)  # who saved it knows
    assert to_owner.subject == to_sponsor.subject


def test_the_programme_owner_sees_it_on_the_needs_your_attention_page(client, owners):
    world = owners
    client.force_login(world.owner)
    post_update(client, world.project, rag="R", issues="Supplier has gone quiet")
    client.force_login(world.contract_manager)

    page = text_of(client.get(reverse("notifications:attention")))

    assert "Wifi consolidation is now Red" in page
    assert "A project I sponsor or own turns Red" in page and "At once" in page


def test_a_sponsor_who_chose_the_weekly_digest_hears_of_it_in_the_next_digest(client, owners):
    world = owners
    Preference.objects.create(person=world.sponsor, kind=Kind.PROJECT_RED, delivery=Delivery.DIGEST)
    client.force_login(world.owner)
    post_update(client, world.project, rag="R", issues="Supplier has gone quiet")

    assert not sent_to(SPONSOR)
    assert send_digests(today=SUNDAY) == 0  # digests go on Mondays
    assert send_digests(today=MONDAY) == 1
    [digest] = sent_to(SPONSOR)
    assert digest.subject == "Your weekly digest: 1 thing to know"
    assert "Dear James Carpenter" in digest.body
    assert f"- Wifi consolidation is now Red ({timezone.localdate():%-d %B %Y})" in digest.body
    assert f"{BASE}/projects/{world.project.pk}/" in digest.body
    assert f'href="{BASE}/projects/{world.project.pk}/"' in digest.alternatives[0].content
    # The schedule runs again on the Monday: nothing more.
    assert send_digests(today=MONDAY) == 0
    assert len(sent_to(SPONSOR)) == 1


def test_someone_without_a_sign_in_is_not_emailed(client, world):
    world.programme.owner = world.contract_manager.person
    world.programme.save()
    world.sponsor.email = "james.carpenter@example.gov.uk"  # known, but no sign-in
    world.sponsor.save()
    client.force_login(world.owner)
    post_update(client, world.project, rag="R", issues="Supplier has gone quiet")

    assert not sent_to("james.carpenter@example.gov.uk")
    assert len(sent_to(world.contract_manager.email)) == 1
    notification = Notification.objects.get(recipient=world.sponsor)
    assert notification.emailed_at is None


def test_not_by_email_still_lists_it_on_the_page(client, owners):
    world = owners
    Preference.objects.create(
        person=world.contract_manager.person, kind=Kind.PROJECT_RED, delivery=Delivery.NONE
    )
    client.force_login(world.owner)
    post_update(client, world.project, rag="R", issues="Supplier has gone quiet")

    assert not sent_to(world.contract_manager.email)
    assert send_digests(today=MONDAY) == 0
    assert Notification.objects.filter(recipient=world.contract_manager.person).count() == 1


def test_a_project_already_red_or_an_older_period_filled_in_tells_no_one(owners):
    world = owners
    make_update(project=world.project, code="R", reported_on=date(2026, 1, 31))
    make_update(project=world.project, code="R", reported_on=date(2026, 2, 28))  # still Red
    make_update(project=world.project, code="G", reported_on=date(2026, 3, 31))
    make_update(project=world.project, code="R", reported_on=date(2025, 12, 31))  # backfilled

    assert Notification.objects.filter(kind=Kind.PROJECT_RED).count() == 2  # the first


def test_a_milestone_slipping_beyond_the_threshold_tells_the_owners_once_a_date(owners, settings):
    world = owners
    settings.PORTAL_SLIP_NOTIFY_DAYS = 14
    milestone = world.project.milestones.order_by("order").first()
    milestone.forecast_date = milestone.baseline_date + timedelta(days=14)
    milestone.save()
    assert not mail.outbox  # 14 days: within the threshold

    milestone.forecast_date = milestone.baseline_date + timedelta(days=30)
    milestone.save()
    milestone.save()  # saved again, same date: not news
    milestone.forecast_date = milestone.baseline_date + timedelta(days=20)
    milestone.save()  # pulled in: not news either

    [to_owner] = sent_to(world.contract_manager.email)
    assert to_owner.subject == f"Wifi consolidation: “{milestone.title}” has slipped 30 days"
    assert f"{milestone.baseline_date:%-d %B %Y}" in to_owner.body


def test_an_action_tells_its_owner(world):
    raid_action_add(
        entry=Risk.objects.get(reference="R1"),
        version=Risk.objects.get(reference="R1").version,
        description="Let the hosting contract by June",
        owner=world.other_officer.person,
        due_on=date(2026, 6, 30),
        by=world.owner,
    )
    [message] = sent_to(world.other_officer.email)
    assert message.subject.startswith("An action for you on the risk R1")
    assert "by 30 June 2026" in message.body and "Let the hosting contract by June" in message.body


def test_an_action_from_a_meeting_tells_its_owner(world):
    report = make_report(strategy=world.strategy)
    meeting = make_meeting(body=make_body(name="Cabinet"), on=date(2026, 12, 10), reports=[report])
    Action.objects.create(
        report=report, meeting=meeting, owner=world.owner.person, description="Cost the wifi"
    )
    [message] = sent_to(world.owner.email)
    assert message.subject == f"An action for you from {meeting}"
    assert f"{BASE}/reports/actions/" in message.body


def test_an_escalation_tells_the_programme_owner_then_the_strategys_board(owners):
    world = owners
    board = make_body(
        name="Joint Technology Board", kind=Body.Kind.BOARD, strategies=[world.strategy]
    )
    chair = make_user(role=OFFICER, username="chair", person=make_person(name="Chris Chair"))
    Membership.objects.create(body=board, person=chair.person, role=Membership.Role.CHAIR)
    risk = Risk.objects.get(reference="R1")

    raid_escalate(
        entry=risk, version=risk.version, reason="Beyond the project", today=date(2026, 12, 1)
    )
    [to_owner] = sent_to(world.contract_manager.email)
    assert to_owner.subject == f"The risk {risk} is escalated to the programme"
    assert "Why: Beyond the project" in to_owner.body

    risk.refresh_from_db()
    raid_escalate(
        entry=risk, version=risk.version, reason="Needs the board", today=date(2026, 12, 2)
    )
    [to_chair] = sent_to("chair@example.org")
    assert to_chair.subject == f"The risk {risk} is escalated to the strategy's board"


def test_a_final_issued_tells_the_bodys_members_with_a_link_never_the_pdf(world):
    cabinet = make_body(name="Cabinet")
    councillor = make_person(name="Cllr Andrea Powell", user=world.member)
    Membership.objects.create(body=cabinet, person=councillor)
    report = make_report(strategy=world.strategy, exempt_paragraph=3)
    make_meeting(body=cabinet, on=date(2026, 12, 10), reports=[report])

    draft = report_issue(report=report, by=world.clerk)
    assert not sent_to(world.member.email)  # drafts are not theirs to read
    final = report_issue(report=report, by=world.clerk, final=True)

    [message] = sent_to(world.member.email)
    assert message.subject == f"Issued: {report.title}"
    assert f"{BASE}/reports/issues/{final.pk}/" in message.body
    assert "exempt information" in message.body
    assert not message.attachments
    assert draft.pk != final.pk


def test_the_clerk_who_issued_hears_the_pdf_is_ready_or_could_not_be_made(world, monkeypatch):
    clerk = make_person(name="Sam Clarke", user=world.clerk)
    report = make_report(strategy=world.strategy)
    report_issue(report=report, by=world.clerk)
    monkeypatch.setattr(issuing, "render_pdf", broken_render)
    report_issue(report=report, by=world.clerk)

    subjects = sorted(n.subject for n in Notification.objects.filter(recipient=clerk))
    assert subjects == [
        f"{report.title}, Draft 1: the PDF is ready",
        f"{report.title}, Draft 2: the PDF could not be made",
    ]
    failed = Notification.objects.get(recipient=clerk, subject__endswith="could not be made")
    assert "after 3 attempts: OSError: font cache locked" in failed.body


def test_nothing_saved_while_muted_is_news(owners):
    with muted():
        make_update(project=owners.project, code="R")
    assert not Notification.objects.exists() and not mail.outbox


def test_a_person_chooses_how_they_hear_of_each_kind(client, world):
    client.force_login(world.owner)
    page = client.get(reverse("notifications:preferences"))
    data = {kind.value: Delivery.AT_ONCE for kind in Kind} | {Kind.UPDATE_DUE: Delivery.DIGEST}

    response = client.post(reverse("notifications:preferences"), data)

    assert page.status_code == 200 and "A project I sponsor or own turns Red" in text_of(page)
    assert response.status_code == 302
    assert dict(world.owner.person.notification_preferences.values_list("kind", "delivery")) == data


def test_a_choice_left_out_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world.owner)
    data = {kind.value: Delivery.AT_ONCE for kind in Kind}
    del data[Kind.ESCALATED]
    data[Kind.UPDATE_DUE] = "sometimes"

    response = client.post(reverse("notifications:preferences"), data)
    page = text_of(response)

    assert response.status_code == 400
    assert "Choose how you hear that a risk or issue is escalated to me" in page
    assert "Select a valid choice" in page
    assert not Preference.objects.exists()


def test_someone_not_linked_to_a_person_is_told_why_nothing_comes(client, member):
    client.force_login(member)
    for name in ("notifications:attention", "notifications:preferences"):
        assert "Your sign-in is not linked to a person" in text_of(client.get(reverse(name)))
