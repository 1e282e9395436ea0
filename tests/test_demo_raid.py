"""The papers' risks and dependencies, as a member finds them: Oxfordshire's register on
its strategy page and in its quarterly review's risk appendix, the 3C business plan's
key financial risks, and the two dependencies the Five Councils' annual plan names."""

import pytest
from django.urls import reverse

from projects.models import Dependency, Project, Risk
from reports.issuing import report_issue
from reports.models import Report

from .test_home import text_of

pytestmark = pytest.mark.django_db

OXFORDSHIRE = "oxfordshire-transformation-2019"


def test_oxfordshires_four_risks_are_on_its_strategy_page(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("home"), {"strategy": OXFORDSHIRE}))
    for reference in ("R1", "R2", "R3", "R4"):
        assert f"{reference} " in page
    assert "R2 Failure to deliver savings and reduced financial sustainability" in page
    assert "4 risks High initially, Medium now" in page


def test_oxfordshires_quarterly_review_prints_them_in_its_risk_appendix(clerk):
    report = Report.objects.get(strategy__slug=OXFORDSHIRE)
    assert report.meetings.get().date.isoformat() == "2019-07-25"
    issue = report_issue(report=report, by=clerk)
    register = next(a for a in issue.snapshot["appendices"] if a["kind"] == "risk_register")
    rows = register["data"]["rows"]
    assert [row["reference"] for row in rows] == ["R1", "R2", "R3", "R4"]
    assert {(row["initial"], row["residual"]) for row in rows} == {("High", "Medium")}
    assert {row["project"] for row in rows} == {"Transformation Programme"}


def test_the_3c_plans_key_financial_risks_are_the_strategys_own(client, member):
    risks = Risk.objects.filter(strategy__slug="3c-shared-ict-2018")
    assert risks.count() == 4
    assert risks.filter(description__startswith="Exchange rate variances pose").exists()
    client.force_login(member)
    page = text_of(client.get(reverse("home"), {"strategy": "3c-shared-ict-2018"}))
    assert "Regional staff salaries for key skills become difficult" in page


def test_the_five_councils_plan_names_two_dependencies_shown_at_both_ends(client, member):
    pairs = {(d.project.name, d.waited_on) for d in Dependency.objects.all()}
    assert pairs == {
        ("MDM", "O365 Separation"),
        (
            "Offline Backup Solution",
            "“Nuvm to Azure” of Horizon Scanning - requirement to upgrade applications/"
            "operating systems that are coming end of life",
        ),
    }
    client.force_login(member)
    mdm = Project.objects.get(name="MDM")
    page = text_of(client.get(reverse("projects:detail", args=[mdm.pk])))
    assert "MDM depends on O365 Separation" in page
    assert "picked up by the MS365 Programme due to the dependencies" in page
    o365 = Project.objects.get(name="O365 Separation")
    assert "MDM depends on O365 Separation" in text_of(
        client.get(reverse("projects:detail", args=[o365.pk]))
    )
