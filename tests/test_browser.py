"""The home page as a person sees it, in Debian's Chromium, on the world (tests/world.py)."""

from datetime import date

import pytest

from identity.second_factor import required_for

from .second_factor import authenticator, code_for
from .world import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    """Through the sign-in form, and the code page after it for an administrator."""
    device = authenticator(user) if required_for(user) else None
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Code").fill(code_for(device))
        page.get_by_role("button", name="Continue").click()


def test_member_signs_in_and_sees_the_strategys_projects(world, live_server, page, screenshot):
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in(page, live_server, world.member)
    page.get_by_role("link", name="Strategies", exact=True).click()

    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Strategies"
    core_it = page.locator("table", has=page.get_by_text(world.programme.name, exact=True))
    assert core_it.locator("tbody tr").count() == world.programme.projects.count() == 3
    complete = world.complete_project.name
    row = page.get_by_role("row", name=complete)
    assert "Complete" in row.inner_text()
    assert "complete" in row.locator(".app-rag__words").inner_text()
    font = heading.evaluate("element => getComputedStyle(element).fontFamily")
    assert font.lower().startswith("arial")
    assert page.locator("img, svg.govuk-header__logotype").count() == 0
    screenshot("home-member")

    page.get_by_role("link", name=complete).click()
    assert page.get_by_role("heading", level=1).inner_text() == complete
    screenshot("project-complete")
    page.goto(f"{live_server.url}/")
    # The Content Security Policy blocks nothing the portal itself uses.
    assert not [text for text in console if "Content Security Policy" in text], console
    colour = page.locator(".app-rag").first.evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert colour != "rgba(0, 0, 0, 0)", "RAG colours come from /rag.css"
    assert "js-enabled" in page.locator("body").get_attribute("class")


def test_sign_in_page_shows_the_error_summary(live_server, page, screenshot):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter your username" in summary.inner_text()
    screenshot("sign-in-errors")


def test_officer_sets_red_with_a_slipped_milestone_and_a_member_sees_it(
    world, live_server, browser, screenshot
):
    officer = browser.new_page()
    sign_in(officer, live_server, world.owner)
    officer.get_by_role("link", name="My projects").click()
    officer.get_by_role("link", name=f"Update {world.project.name}").click()
    officer.get_by_role("group", name="RAG status").get_by_label("Red – off track").check()
    officer.get_by_label("Progress this period").fill("Design workshop postponed by Capita")
    officer.get_by_label("Issues and risks to escalate").fill("Capita design is late")
    design = officer.locator(".app-milestone-edit", has_text="Consolidated design agreed")
    forecast = design.locator("fieldset", has_text="Forecast date")
    forecast.get_by_label("Day").fill("31")
    forecast.get_by_label("Month").fill("1")
    forecast.get_by_label("Year").fill("2019")
    screenshot_page(officer, "update-form-filled")
    officer.get_by_role("button", name="Save update").click()
    assert "Status update saved" in officer.locator(".govuk-notification-banner").inner_text()

    member = browser.new_context().new_page()
    sign_in(member, live_server, world.member)
    member.get_by_label("Strategy or plan").select_option(world.strategy.slug)
    member.get_by_role("button", name="Show").click()
    red = member.get_by_role("table").filter(has_text="Latest commentary")
    assert "Capita design is late" in red.inner_text()
    red.get_by_role("link", name=world.project.name).click()
    header = " ".join(member.locator("main").inner_text().split())
    assert "Current RAG: Red off track" in header
    assert "Capita design is late" in header
    row = member.get_by_role("row", name="Consolidated design agreed")
    assert "123 days late" in row.inner_text()
    assert "31/01/2019" in row.inner_text()
    screenshot_page(member, "project-after-update-member")


def screenshot_page(page, name):
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("body").screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_member_filters_to_red_projects_of_one_programme_and_opens_one(
    world, live_server, page, screenshot
):
    from .factories import make_update

    # Red: the datacentre closure already, and now Active Directory in the same programme
    # and the fraud service in the other; Wifi consolidation Amber.
    for project, code in [(world.green_project, "R"), (world.amber_project, "R")]:
        make_update(project=project, code=code, reported_on=date(2022, 4, 1), issues="Off track")
    make_update(project=world.project, code="A", reported_on=date(2022, 4, 1), issues="Late")

    sign_in(page, live_server, world.member)
    page.get_by_role("link", name="Projects", exact=True).click()
    page.get_by_label("Programme").select_option(label=world.programme.name)
    page.get_by_label("Current RAG").select_option(
        label="Red – off track (12-month action plan key)"
    )
    page.get_by_role("button", name="Apply filters").click()

    rows = page.locator(".app-project-table tbody tr")
    assert rows.count() == 2
    names = sorted(rows.nth(i).locator("td").first.inner_text() for i in range(rows.count()))
    assert names == sorted([str(world.red_project), str(world.green_project)])
    assert "programme=" in page.url and "rag=" in page.url
    screenshot("projects-red-core-it")

    page.get_by_role("link", name=world.green_project.name).click()
    assert page.get_by_role("heading", level=1).inner_text() == world.green_project.name


def test_dashboard_screenshot(world, live_server, page, screenshot):
    from projects.models import Milestone

    sign_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/?strategy={world.strategy.slug}")
    assert page.locator("svg.app-roadmap").count() == 1
    # Every roadmap title stays within its mark: none runs into the next quarter.
    overflowing = page.locator("svg.app-roadmap g > g").evaluate_all(
        """marks => marks.flatMap(mark => {
            const box = mark.querySelector("rect").getBBox();
            return [...mark.querySelectorAll("text")]
                .filter(text => text.getBBox().x + text.getBBox().width > box.x + box.width)
                .map(text => text.textContent);
        })"""
    )
    # A mark for each of the strategy's milestones, some titles longer than a mark holds.
    milestones = Milestone.objects.filter(project__programme__strategy=world.strategy)
    assert page.locator("svg.app-roadmap g > g").count() == milestones.count() == 10
    assert overflowing == []
    screenshot("dashboard-action-plan")
