"""Issue 22's test of done, in the browser only: an officer adds a milestone to a
project they manage, re-baselines it with a reason, adds a risk scored 4 × 4 and
escalates it; the project page, the programme page's heat map and a cabinet report show
them. Another officer is refused."""

from datetime import date

import pytest
from django.utils import timezone

from reports.frozen import build_snapshot
from reports.render import render_pdf

from .conftest import SCREENSHOTS
from .reports import make_report, pdf_text
from .test_browser import screenshot_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, legend, day):
    box = page.locator("fieldset", has_text=legend)
    box.get_by_label("Day").fill(str(day.day))
    box.get_by_label("Month").fill(str(day.month))
    box.get_by_label("Year").fill(str(day.year))


def test_an_officer_plans_a_milestone_and_escalates_a_risk_in_the_browser(
    world, live_server, browser
):
    officer = browser.new_page()
    sign_in(officer, live_server, world.owner)
    officer.goto(f"{live_server.url}/projects/{world.project.pk}/")

    officer.get_by_role("link", name="Plan milestones").click()
    officer.get_by_role("link", name="Add a milestone").click()
    officer.get_by_label("Milestone", exact=True).fill("Site surveys complete")
    fill_date(officer, "Due date", date(2027, 3, 31))
    officer.get_by_role("button", name="Save milestone").click()
    assert "Milestone “Site surveys complete” added" in officer.locator("main").inner_text()

    officer.get_by_role("link", name="Change Site surveys complete").click()
    fill_date(officer, "Baseline date", date(2027, 6, 30))
    officer.get_by_label("Why the baseline is changing").fill("Survey contractor replaced")
    officer.get_by_role("button", name="Save milestone").click()
    officer.get_by_role("link", name=f"Back to {world.project.name}").click()
    project_page = officer.locator("main").inner_text()
    assert "Re-baselined from 31/03/2027" in project_page
    assert "Survey contractor replaced" in project_page

    officer.get_by_role("link", name="Add a risk").click()
    officer.get_by_label("Title", exact=True).fill("Access points arrive late")
    officer.get_by_label("Event").fill("The access points are not delivered before go-live")
    for label in ("Initial", "Current"):
        officer.get_by_label(f"{label} likelihood").select_option("4")
        officer.get_by_label(f"{label} impact").select_option("4")
    officer.get_by_label("Treat").check()
    officer.get_by_label("Open", exact=True).check()
    officer.get_by_role("button", name="Save risk").click()
    assert "16 – High" in officer.locator("main").inner_text()
    officer.get_by_role("link", name="Escalate to the programme").click()
    officer.get_by_label("Why escalate it?").fill("Needs the programme's contingency")
    officer.get_by_role("button", name="Escalate").click()
    assert "Escalated to the programme" in officer.locator("main").inner_text()
    screenshot_page(officer, "risk-escalated")

    officer.goto(f"{live_server.url}/projects/{world.project.pk}/")
    assert "Access points arrive late" in officer.locator("main").inner_text()
    officer.goto(f"{live_server.url}/programmes/{world.programme.pk}/")
    table = officer.locator(".app-heat-map-table")
    # Likelihood 4, impact 4: the world's risk and this one initially, this one now.
    row_4 = table.locator("tbody tr").nth(1)
    assert row_4.locator("td").nth(3).inner_text().startswith("2 / 1")
    programme_page = officer.locator("main").inner_text()
    assert "Access points arrive late" in programme_page
    assert "Escalated to the programme" in programme_page
    screenshot_page(officer, "programme-heat-map")

    report = make_report(strategy=world.strategy, title="RAID check", appendices=["risk_register"])
    snapshot = build_snapshot(report, now=timezone.now())
    pdf = render_pdf(snapshot)[0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "raid-report.pdf").write_bytes(pdf)  # for a person to look at
    text = pdf_text(pdf)
    assert "Access points arrive late" in text and "Escalated to the programme" in text
    assert "16 – High" in text

    other = browser.new_page()
    sign_in(other, live_server, world.other_officer)
    refused = other.goto(f"{live_server.url}/projects/{world.project.pk}/milestones/add/")
    assert refused.status == 403
    risk_id = world.project.risks.get().pk
    assert other.goto(f"{live_server.url}/raid/risks/{risk_id}/escalate/").status == 403
