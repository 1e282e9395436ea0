"""A contract change from raising to approval, as officers and members see it in Chromium."""

import pytest
from django.utils import timezone

from .test_browser import screenshot_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Move the contact centre telephony to the cloud"


def fill_date(page, legend, day):
    group = page.locator("fieldset", has_text=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def move_to(page, status, reason):
    page.get_by_role("link", name="Move the change on").click()
    page.get_by_label(status, exact=True).check()
    page.get_by_label("Why is it moving?").fill(reason)


def test_officer_raises_a_change_approves_it_and_a_member_sees_it_on_the_register(
    world, live_server, browser
):
    today = timezone.localdate()
    officer = browser.new_page()
    sign_in(officer, live_server, world.owner)
    officer.get_by_role("link", name="Contract changes", exact=True).click()
    officer.get_by_role("link", name="Raise a change").click()

    officer.get_by_label("Reference").fill("CCRF298")
    officer.get_by_label("Title").fill(TITLE)
    officer.get_by_role("radio", name="System upgrade").check()
    councils = officer.locator("fieldset", has_text="Councils affected")
    councils.get_by_label("South Oxfordshire District Council").check()
    councils.get_by_label("Vale of White Horse District Council").check()
    officer.get_by_label("One-off cost (£)").fill("12000")
    officer.get_by_label("Funding route").fill("Transformation reserve")
    shares = officer.locator("fieldset", has_text="Apportionment between the partner councils")
    shares.get_by_label("South Oxfordshire District Council").fill("50")
    shares.get_by_label("Vale of White Horse District Council").fill("40")
    officer.get_by_role("button", name="Raise change").click()
    summary = officer.locator(".govuk-error-summary")
    assert "The councils' shares must total 100%: they total 90%" in summary.inner_text()
    screenshot_page(officer, "change-raise-shares-error")

    shares.get_by_label("Vale of White Horse District Council").fill("50")
    officer.get_by_role("button", name="Raise change").click()
    assert "Change raised" in officer.locator(".govuk-notification-banner").inner_text()
    shares_table = officer.locator("table.app-shares").inner_text()
    assert "£6,000" in shares_table

    for status in ("Scoping", "In negotiation", "Agreed"):
        move_to(officer, status, f"Reached {status.lower()} at the Joint Tactical Board")
        officer.get_by_role("button", name="Move the change").click()
        assert f"moved to {status}" in officer.locator(".govuk-notification-banner").inner_text()

    move_to(officer, "Approved", "Approved under the Inter-Authority Agreement")
    officer.get_by_label("Decision maker").fill("Chief executive")
    fill_date(officer, "Decision date", today)
    screenshot_page(officer, "change-move-approved-form")
    officer.get_by_role("button", name="Move the change").click()
    page_text = " ".join(officer.locator("main").inner_text().split())
    assert "Status: Approved" in page_text
    assert "Decision maker Chief executive" in page_text
    assert "Agreed to Approved" in page_text
    screenshot_page(officer, "change-approved")

    member = browser.new_context().new_page()
    sign_in(member, live_server, world.member)
    member.get_by_role("link", name="Contract changes", exact=True).click()
    member.get_by_label("Status").select_option("approved")
    member.get_by_role("button", name="Apply filters").click()
    row = member.get_by_role("row", name=TITLE)
    text = " ".join(row.inner_text().split())
    assert "CCRF298" in text
    assert "Approved" in text
    assert "SODC, VOWH" in text
    assert "£12,000 one-off" in text
    assert member.get_by_role("link", name="Raise a change").count() == 0
    screenshot_page(member, "change-register-member")


def test_member_reads_the_contract_its_plan_and_the_dashboard_summary(world, live_server, page):
    sign_in(page, live_server, world.member)
    page.get_by_label("Strategy or plan").select_option(world.plan.slug)
    page.get_by_role("button", name="Show").click()
    counts = page.locator(".app-status-counts")
    assert "Open contract changes by status" in counts.inner_text()
    assert "In negotiation" in counts.inner_text()
    screenshot_page(page, "dashboard-contract-section")

    page.goto(f"{live_server.url}/contracts/")
    page.get_by_role("link", name=world.contract.name).click()
    main = " ".join(page.locator("main").inner_text().split())
    assert "Joint Tactical Board (JTB)" in main
    assert "2 plan items by service area" in main
    screenshot_page(page, "contract-page")

    area = world.plan_area.name
    page.get_by_role("link", name=area, exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == area
    assert page.get_by_role("heading", name="Part 2 – annual plan item").count() == 1
    screenshot_page(page, "plan-area")
