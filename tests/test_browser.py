"""The home page as a person sees it, in Debian's Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("portal-demo")
    page.get_by_role("button", name="Sign in").click()


def test_member_signs_in_and_sees_the_annex_b_projects(reload_demo, live_server, page, screenshot):
    sign_in(page, live_server, "member")

    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Strategies and projects"
    platform = page.locator("table", has=page.get_by_text("Platform", exact=True))
    assert platform.locator("tbody tr").count() == 5
    row = page.get_by_role("row", name="Follow me print")
    assert "Complete" in row.inner_text()
    assert "complete" in row.locator(".app-rag__words").inner_text()
    font = heading.evaluate("element => getComputedStyle(element).fontFamily")
    assert font.lower().startswith("arial")
    assert page.locator("img, svg.govuk-header__logotype").count() == 0
    screenshot("home-member")

    page.get_by_role("link", name="Follow me print").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Follow me print"
    screenshot("project-follow-me-print")


def test_sign_in_page_shows_the_error_summary(reload_demo, live_server, page, screenshot):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter your username" in summary.inner_text()
    screenshot("sign-in-errors")
