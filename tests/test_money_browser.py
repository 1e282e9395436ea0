"""The money panels as a member sees them in Chromium."""

import pytest

from .test_browser import screenshot_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_reads_savings_by_confidence_and_spend_against_budget(world, live_server, page):
    sign_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/?strategy={world.strategy.slug}")
    chart = page.locator("svg#savings-by-confidence, svg[aria-labelledby^='savings-by-confidence']")
    assert chart.count() == 1
    assert "Savings by confidence of delivery" in chart.locator("title").first.text_content()
    table = page.get_by_role("table", name="Savings by confidence of delivery, 2018/19")
    assert "£100k" in table.inner_text()
    page.locator("#money").scroll_into_view_if_needed()
    screenshot_page(page, "dashboard-money")

    spend = page.get_by_role("table", name="Spend against budget by programme, 2018/19")
    assert "Red" in spend.inner_text() and "over budget beyond tolerance" in spend.inner_text()
