"""Drafts are read by clerks, administrators and the report's named authors; members and
other officers see a report once its Final is issued, and then only the Final
(reports/access.py)."""

import pytest
from django.urls import reverse

from reports.issuing import report_issue

from .reports import make_report
from .second_factor import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(world):
    """A report with one draft issued, written by the owner officer."""
    report = make_report(strategy=world.strategy, title="Quarter two update", appendices=[])
    report.authors.add(world.owner.person)
    return report, report_issue(report=report, by=world.clerk)


def register_titles(client):
    return [report.title for report in client.get(reverse("reports:list")).context["reports"]]


def test_a_member_cannot_list_or_open_a_draft(client, member, drafted):
    report, draft = drafted
    client.force_login(member)
    assert "Quarter two update" not in register_titles(client)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:issue", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[draft.pk])).status_code == 404


def test_an_officer_who_is_not_an_author_cannot_open_a_draft(client, other_officer, drafted):
    report, draft = drafted
    client.force_login(other_officer)
    assert register_titles(client) == []
    assert client.get(reverse("reports:download", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["clerk", "administrator", "officer"])
def test_clerks_administrators_and_authors_read_the_draft(client, request, persona, drafted):
    report, draft = drafted
    log_in(client, request.getfixturevalue(persona))
    assert register_titles(client) == ["Quarter two update"]
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    download = client.get(reverse("reports:download", args=[draft.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_once_the_final_is_issued_a_member_reads_it_but_not_the_drafts(client, member, drafted):
    report, draft = drafted
    final = report_issue(report=report, by=report.created_by or draft.issued_by, final=True)
    client.force_login(member)
    assert register_titles(client) == ["Quarter two update"]
    page = client.get(reverse("reports:detail", args=[report.pk]))
    assert [issue.label for issue in page.context["issues"]] == ["Final"]
    assert client.get(reverse("reports:download", args=[final.pk])).status_code == 200
    assert client.get(reverse("reports:download", args=[draft.pk])).status_code == 404


def test_the_register_lists_each_report_once_for_an_author(client, officer, drafted, world):
    report, _ = drafted
    report.authors.add(world.other_officer.person)
    report_issue(report=report, by=world.clerk)
    client.force_login(officer)
    assert register_titles(client) == ["Quarter two update"]
