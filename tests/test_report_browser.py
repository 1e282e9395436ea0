"""A clerk composes and issues a cabinet report; a member downloads it from the register."""

import pytest
from django.utils import timezone

from .reports import pdf_text
from .test_browser import screenshot_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_issues_a_report_and_a_member_downloads_it(world, live_server, browser):
    clerk = browser.new_page()
    sign_in(clerk, live_server, world.clerk)
    clerk.get_by_role("link", name="Reports", exact=True).click()
    clerk.get_by_role("link", name="New report").click()
    clerk.get_by_label("Strategy").select_option(label=world.strategy.title)
    clerk.get_by_role("button", name="Continue").click()

    clerk.get_by_label("Title", exact=True).fill("Joint Technology Strategy update")
    # The small world is made today: a meeting today, reading the data as it stands.
    today = timezone.localdate()
    for legend in ("Meeting date", "Data as at"):
        day = clerk.locator("fieldset", has_text=legend)
        day.get_by_label("Day").fill(str(today.day))
        day.get_by_label("Month").fill(str(today.month))
        day.get_by_label("Year").fill(str(today.year))
    clerk.get_by_label("Report of").fill("Head of Policy and Programmes")
    clerk.get_by_label("Report author").fill("Simon Hewings")
    clerk.get_by_label("Recommendations").fill("(a) Cabinet notes the progress made.")
    clerk.get_by_role("button", name="Save report").click()
    assert "Report created" in clerk.locator(".govuk-notification-banner").inner_text()

    clerk.get_by_role("button", name="Issue a draft").click()
    assert clerk.get_by_role("heading", level=1).inner_text() == "Draft 1"
    assert "Issued" in clerk.locator("main").inner_text()
    screenshot_page(clerk, "report-issued")
    # Members read the Final only (tests/test_report_visibility.py).
    clerk.get_by_role("link", name="Back to Joint Technology Strategy update").click()
    clerk.get_by_role("button", name="Issue the final version").click()
    assert clerk.get_by_role("heading", level=1).inner_text() == "Final"

    member = browser.new_context(accept_downloads=True).new_page()
    sign_in(member, live_server, world.member)
    member.get_by_role("link", name="Reports", exact=True).click()
    assert member.get_by_role("link", name="New report").count() == 0
    with member.expect_download() as download:
        member.get_by_role("link", name="Final (PDF)").click()
    with open(download.value.path(), "rb") as downloaded:
        text = pdf_text(downloaded.read())
    assert "Joint Technology Strategy update" in text
    assert "Appendix A: Programme and project status" in text
    screenshot_page(member, "report-register-member")
