"""A report reads its data as at its cut-off: milestones and their quarters as the audit
trail had them then, and milestone changes since the previous issued report's cut-off on
the same subject. Issuing it later never moves the data."""

from datetime import date

import pytest

from dashboards.scope import end_of
from projects.models import StatusUpdate
from projects.services import MilestoneChange, status_update_create
from reports.frozen import build_snapshot
from reports.render import render_pdf

from .reports import make_report, pdf_text, trail_recorded_on
from .test_reports import issue

pytestmark = pytest.mark.django_db


def test_milestone_changes_since_the_last_issued_report_carry_the_officers_reason(
    client, world, officer, owned_project
):
    trail_recorded_on(date(2018, 9, 1))
    previous = make_report(
        strategy=world.strategy, title="September update", data_cut_off=date(2018, 9, 30)
    )
    client.force_login(world.clerk)
    issue(client, previous, final=True)
    first, second = owned_project.milestones.order_by("order")[:2]
    second.title = "Consolidated design agreed by all councils"  # an edit, not a move
    second.save()
    status_update_create(
        project=owned_project,
        author=officer,
        version=owned_project.version,
        rag=owned_project.rag_scale.levels.get(code="A"),
        delivery_status="started",
        progress="Design workshop moved",
        issues="Capita's designer is on leave until March",
        milestone_changes=[
            MilestoneChange(first.pk, date(2019, 3, 29), None, first.delivery_status)
        ],
    )
    report = make_report(strategy=world.strategy, title="October update")
    issue(client, report)

    # Draft 2 still counts from the previous report's cut-off, not from this report's
    # Draft 1.
    snapshot = build_snapshot(report)
    changes = next(a for a in snapshot["appendices"] if a["kind"] == "milestone_changes")
    rows = changes["data"]["rows"]
    assert [row["milestone"] for row in rows] == [first.title]
    assert rows[0]["forecast"] == "2019-03-29"
    assert rows[0]["reason"] == "Capita's designer is on leave until March"
    assert changes["data"]["since"] == end_of(date(2018, 9, 30)).isoformat()


def test_milestones_by_quarter_puts_each_project_in_a_row_and_each_quarter_in_a_column(world):
    trail_recorded_on(date(2018, 9, 1))
    report = make_report(strategy=world.strategy, data_cut_off=date(2018, 10, 5))
    snapshot = build_snapshot(report)

    quarters = next(a for a in snapshot["appendices"] if a["kind"] == "milestones_by_quarter")
    data = quarters["data"]
    assert data["columns"] == [
        "Overdue",
        "Q3 Oct–Dec 2018",
        "Q4 Jan–Mar 2019",
        "Q1 Apr–Jun 2019",
        "Q2 Jul–Sep 2019",
    ]
    wifi = next(row for row in data["rows"] if row["project"] == "AP08 Wifi consolidation")
    assert wifi["cells"][0] == [{"milestone": "Consolidated design agreed", "due": "2018-09-30"}]
    assert [m["milestone"] for m in wifi["cells"][1]] == ["New Wifi solution implemented"]
    assert [m["milestone"] for m in wifi["cells"][2]] == ["Legacy Wifi retired"]


def test_an_update_after_the_cut_off_does_not_change_the_report(world, officer, owned_project):
    trail_recorded_on(date(2018, 9, 1))
    report = make_report(strategy=world.strategy, data_cut_off=date(2022, 3, 31))
    before = pdf_text(render_pdf(build_snapshot(report))[0])
    red = owned_project.rag_scale.levels.get(code="R")
    status_update_create(
        project=owned_project,
        author=officer,
        version=owned_project.version,
        rag=red,
        delivery_status="paused",
        progress="Supplier went into administration",
        issues="Supplier went into administration",
    )
    assert StatusUpdate.objects.filter(project=owned_project, rag=red).exists()
    assert pdf_text(render_pdf(build_snapshot(report))[0]) == before


def test_a_project_added_after_the_cut_off_is_not_in_the_report(world):
    from .factories import make_project

    trail_recorded_on(date(2018, 9, 1))
    report = make_report(strategy=world.strategy, data_cut_off=date(2018, 9, 30))
    before = pdf_text(render_pdf(build_snapshot(report))[0])
    make_project(programme=world.programme, name="Added in 2026")
    after = pdf_text(render_pdf(build_snapshot(report))[0])
    assert "Added in 2026" not in after
    assert after == before


def test_the_final_cannot_read_a_day_still_to_come(world):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from reports.issuing import report_issue

    tomorrow = timezone.localdate() + timedelta(days=1)
    report = make_report(strategy=world.strategy, data_cut_off=tomorrow, appendices=[])
    with pytest.raises(ValidationError, match="still to come"):
        report_issue(report=report, by=world.clerk, final=True)
    assert not report.issues.exists()


def test_the_clerks_day_must_not_follow_the_first_meeting(client, world):
    from django.urls import reverse

    from .test_reports import report_form_data
    from .updates import date_parts

    client.force_login(world.clerk)
    url = f"{reverse('reports:new')}?strategy={world.strategy.pk}"
    page = client.post(url, report_form_data(**date_parts("data_cut_off", date(2021, 12, 1))))
    assert "Data as at must be on or before the first meeting, 4 November 2021" in (
        page.content.decode()
    )
