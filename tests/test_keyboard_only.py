"""An officer's whole update, with the keyboard alone: no click, no mouse."""

import pytest

from .test_browser import screenshot_page
from .world import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, describe, *, limit=300):
    """Press Tab until the focused element matches `describe` (its text, label or name)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            r"""() => {
                const e = document.activeElement;
                // A wide table's scrolling box takes focus too; its words are its links'.
                const box = e && e.classList.contains("app-scroll-table");
                if (!e || e === document.body || box) return "";
                const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
                const text = (e.textContent || "").replace(/\s+/g, " ").trim();
                return [text, label, e.getAttribute("name") || "", e.value || ""].join(" | ");
            }"""
        )
        if describe in focused:
            return focused
    raise AssertionError(f"Tab never reached {describe!r}")


def sign_in_with_keyboard(page, live_server, user):
    page.goto(f"{live_server.url}/sign-in/")
    tab_to(page, "Username")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")


def test_officer_updates_a_project_with_the_keyboard_only(world, live_server, page):
    sign_in_with_keyboard(page, live_server, world.owner)

    tab_to(page, "My projects")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/")
    tab_to(page, f"Update {world.project.name}")
    page.keyboard.press("Enter")
    page.wait_for_url("**/update/")

    tab_to(page, "Red – off track")
    page.keyboard.press("Space")
    tab_to(page, "Progress this period")
    page.keyboard.type("Design workshop moved to January")
    tab_to(page, "Issues and risks to escalate")
    page.keyboard.type("Capita's designer is on leave")
    tab_to(page, "Save update")
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects/*/")

    banner = page.locator(".govuk-notification-banner").inner_text()
    assert f"Status update saved for {world.project.name}" in banner
    assert "Red off track" in " ".join(page.locator("main").inner_text().split())
    screenshot_page(page, "keyboard-only-update-saved")


def test_officer_adds_a_milestone_with_the_keyboard_only(world, live_server, page):
    sign_in_with_keyboard(page, live_server, world.owner)
    page.goto(f"{live_server.url}/projects/{world.project.pk}/")

    tab_to(page, "Plan milestones")
    page.keyboard.press("Enter")
    page.wait_for_url("**/milestones/")
    tab_to(page, "Add a milestone")
    page.keyboard.press("Enter")
    page.wait_for_url("**/milestones/add/")
    tab_to(page, "| Milestone |")
    page.keyboard.type("Old access points removed")
    tab_to(page, "due_0")
    page.keyboard.type("31")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2027")
    tab_to(page, "Save milestone")
    page.keyboard.press("Enter")
    page.wait_for_url("**/milestones/")

    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "Milestone “Old access points removed” added" in banner
    assert "31/03/2027" in page.locator("main").inner_text()
    screenshot_page(page, "keyboard-only-milestone-added")


def test_officer_adds_and_escalates_a_risk_with_the_keyboard_only(world, live_server, page):
    sign_in_with_keyboard(page, live_server, world.owner)
    page.goto(f"{live_server.url}/projects/{world.red_project.pk}/")

    tab_to(page, "Add a risk")
    page.keyboard.press("Enter")
    page.wait_for_url("**/raid/risks/new/**")
    tab_to(page, "| Title |")
    page.keyboard.type("Lease ends before the move")
    tab_to(page, "| Event |")
    page.keyboard.type("The lease ends before the servers have moved")
    for name in ("initial_likelihood", "initial_impact", "residual_likelihood", "residual_impact"):
        tab_to(page, name)
        page.keyboard.press("4")  # a focused list moves to the option its key starts
    tab_to(page, "| response |")  # the group's first radio: the arrows choose within it
    page.keyboard.press("ArrowDown")
    tab_to(page, "Save risk")
    page.keyboard.press("Enter")
    page.wait_for_url("**/raid/risks/*/")
    assert "16 – High" in page.locator("main").inner_text()

    tab_to(page, "Escalate to the programme")
    page.keyboard.press("Enter")
    page.wait_for_url("**/escalate/")
    tab_to(page, "Why escalate it?")
    page.keyboard.type("The programme holds the contingency")
    tab_to(page, "Escalate | ")
    page.keyboard.press("Enter")
    page.wait_for_url("**/raid/risks/*/")
    assert "Escalated to the programme" in page.locator("main").inner_text()
    screenshot_page(page, "keyboard-only-risk-escalated")
