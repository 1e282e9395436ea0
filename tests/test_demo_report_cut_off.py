"""The 2018 strategy's report to the 5 October 2018 Cabinet reads the data as it stood
on 30 September 2018, however late it is issued (issue 21's test of done)."""

import re
from datetime import date

import pytest

from reports.appendix_registry import APPENDICES
from reports.issuing import report_issue
from reports.models import Report
from reports.render import render_pdf

from .reports import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_to_october_2018_cabinet(demo_data):
    report = Report.objects.get(strategy__slug="south-vale-jts-2018")
    report.appendices = list(APPENDICES)
    report.save()
    return report


def issued(report, clerk):
    """The report issued as a draft, with its PDF (rendered in the request in tests)."""
    issue = report_issue(report=report, by=clerk)
    issue.refresh_from_db()
    return issue


def appendix(snapshot, kind):
    return next(a["data"] for a in snapshot["appendices"] if a["kind"] == kind)


def test_it_goes_to_both_cabinets_and_reads_the_data_as_at_30_september_2018(
    report_to_october_2018_cabinet, clerk
):
    report = report_to_october_2018_cabinet
    assert report.cut_off() == date(2018, 9, 30)
    issue = issued(report, clerk)
    quarters = appendix(issue.snapshot, "milestones_by_quarter")
    assert quarters["columns"] == [
        "Overdue",
        "Q2 Jul–Sep 2018",
        "Q3 Oct–Dec 2018",
        "Q4 Jan–Mar 2019",
        "Q1 Apr–Jun 2019",
    ]
    overdue = [item for row in quarters["rows"] for item in row["cells"][0]]
    assert all(date.fromisoformat(item["due"]) < date(2018, 9, 30) for item in overdue)
    listed = [item for row in quarters["rows"] for cell in row["cells"][1:] for item in cell]
    assert len(listed) > 20
    assert all(
        date(2018, 7, 1) <= date.fromisoformat(i["due"]) <= date(2019, 6, 30) for i in listed
    )

    text = pdf_text(bytes(issue.pdf))
    assert "Data as at 30 September 2018" in text
    assert "Report to South Oxfordshire District Council Cabinet, 4 October 2018" in text
    assert "Vale of White Horse District Council Cabinet, 5 October 2018" in text
    assert "2018/19" in text
    assert not re.search(r"Q\d \w{3}–\w{3} 202\d", text), "a quarter of the 2020s is printed"


def test_issuing_it_again_later_gives_the_same_text(report_to_october_2018_cabinet, clerk):
    report = report_to_october_2018_cabinet
    first = issued(report, clerk)
    second = issued(report, clerk)
    assert pdf_text(bytes(second.pdf)) == pdf_text(bytes(first.pdf))
    assert pdf_text(render_pdf(second.snapshot)[0]) == pdf_text(bytes(first.pdf))


def test_the_2021_joint_report_names_both_cabinets_dates_and_portfolio_holders(demo_data, clerk):
    report = Report.objects.get(strategy__slug="south-vale-jts-2021")
    text = pdf_text(bytes(issued(report, clerk).pdf))
    assert (
        "Report to Vale of White Horse District Council Cabinet, 29 October 2021 "
        "(Debby Hallett) South Oxfordshire District Council Cabinet, 4 November 2021 "
        "(Andrea Powell)"
    ) in text
    assert "Data as at 29 October 2021" in text
