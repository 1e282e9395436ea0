"""Members on tablets and phones. At 390 (a phone), 768 (an iPad held upright) and 1280
pixels wide, on every page type: nothing fixed or overlaid covers the header, the
navigation, the page heading or the first row of a table; a focused element is never
hidden under another; the page never scrolls sideways (wide tables scroll in their own
box); axe finds nothing. Lists' filters start hidden behind MOJ Frontend's "Show filter"
on narrow screens, and sit above the list without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import SCREENSHOTS as SCREENSHOT_FOLDER

# Every page type, by the persona who sees it: the axe test's list.
from .test_accessibility_axe import PAGES, ids, violations_on
from .test_browser import screenshot_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {
    "phone": {"width": 390, "height": 844},
    "tablet": {"width": 768, "height": 1024},
    "desktop": {"width": 1280, "height": 900},
}
LOOKED_AT = {  # saved under var/screenshots/ for a person to look at
    "member": ["/", "/projects/", "/projects/{project}/"],
    "owner": ["/projects/{project}/update/"],
}

# Whether another element is drawn over the middle of `element` once it is scrolled into
# view: the element the browser would give a tap there, if it is not `element` itself.
COVERED = """(element) => {
    element.scrollIntoView({block: "center"});
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    if (!hit || element.contains(hit) || hit.contains(element)) return null;
    return hit.outerHTML.slice(0, 120);
}"""
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def problems_on(page):
    """What covers the heading, the first table row or the way to the navigation, and
    how far the page scrolls sideways."""
    found = []
    for name, selector in (
        ("heading", "main h1"),
        ("first row", "main table tbody tr"),
        ("header", "header a"),
        ("navigation", ".govuk-service-navigation__toggle:not([hidden]), #navigation a"),
    ):
        element = page.locator(selector).first
        if element.count() and element.is_visible():
            hit = element.evaluate(COVERED)
            if hit:
                found.append(f"{name} covered by {hit}")
        elif name in ("heading", "navigation"):
            found.append(f"no visible {name}")
    sideways = page.evaluate(SIDEWAYS)
    if sideways > 1:
        found.append(f"the page scrolls {sideways}px sideways")
    return found


def hidden_focus(page, presses=30):
    """Elements that Tab focuses but another element covers."""
    page.locator("body").focus()
    found = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("() => document.activeElement")
        if focused.evaluate("(e) => !e || e === document.body"):
            continue
        hit = focused.evaluate(COVERED)
        if hit:
            found.append(f"{focused.evaluate('(e) => e.outerHTML.slice(0, 80)')} under {hit}")
    return found


@pytest.mark.parametrize("width", list(WIDTHS))
def test_nothing_covers_any_page_at_any_width(world, live_server, browser, width):
    axe, found, numbers = Axe(), {}, ids(world)
    for persona, paths in PAGES.items():
        context = browser.new_context(viewport=WIDTHS[width])
        page = context.new_page()
        sign_in(page, live_server, getattr(world, persona))
        for path in paths:
            page.goto(live_server.url + path.format(**numbers))
            problems = problems_on(page) + hidden_focus(page)
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            problems += violations_on(page, axe)  # a focused link drops its underline
            if problems:
                found[f"{persona} {path}"] = problems
            if width != "desktop" and path in LOOKED_AT.get(persona, []):
                slug = path.strip("/").replace("/", "-").replace("{", "").replace("}", "")
                screenshot_page(page, f"{width}-{slug or 'dashboard'}")
        context.close()
    assert not found, "\n".join(f"{key}: {value}" for key, value in found.items())


@pytest.mark.parametrize("width", ["phone", "tablet"])
@pytest.mark.parametrize("path", ["/projects/", "/contracts/changes/"])
def test_a_lists_filter_waits_behind_its_toggle_on_narrow_screens(
    world, live_server, browser, width, path
):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    sign_in(page, live_server, world.member)
    page.goto(live_server.url + path)
    filters = page.locator(".moj-filter")
    toggle = page.get_by_role("button", name="Show filter")

    assert not filters.is_visible()
    assert page.locator("main h1").evaluate(COVERED) is None

    toggle.click()
    assert filters.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('moj-filter')")
    assert hidden_focus(page) == []  # open, it sits in the page: Tab never goes under it
    assert problems_on(page) == []
    page.get_by_role("button", name="Close").click()
    assert not filters.is_visible()
    assert page.evaluate("() => document.activeElement.textContent") == "Show filter"
    context.close()


def test_if_moj_frontend_fails_to_load_the_filter_sits_above_the_list(world, live_server, browser):
    context = browser.new_context(viewport=WIDTHS["tablet"])
    context.route("**/moj-frontend*.js", lambda route: route.abort())
    page = context.new_page()
    sign_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/contracts/changes/")

    assert page.locator(".moj-filter").is_visible()
    assert problems_on(page) == []
    assert hidden_focus(page) == []
    context.close()


def test_without_javascript_the_filter_sits_above_the_list(world, live_server, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 768, "height": 1024}
    )
    page = context.new_page()
    sign_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/projects/")

    assert page.locator(".moj-filter").is_visible()
    assert (
        page.locator(".moj-filter-layout__filter").evaluate("(e) => getComputedStyle(e).position")
        == "static"
    )
    assert problems_on(page) == []
    context.close()


# A4 less the printer's margins, in CSS pixels: what a printed page has room for.
PRINTED_WIDTH = 718
# The tables wider than that (the roadmap's has a landscape page of its own).
OVER_THE_EDGE = """() => [...document.querySelectorAll("main table")]
    .filter((table) => !table.closest(".app-roadmap-section"))
    .filter((table) => table.getBoundingClientRect().right > innerWidth + 1)
    .map((table) => (table.caption ? table.caption.textContent : table.outerHTML).slice(0, 60))"""


@pytest.mark.parametrize(
    "path", ["/?strategy={strategy_slug}", "/programmes/{programme}/", "/projects/{project}/"]
)
def test_a_printed_page_keeps_every_table_whole_and_leaves_out_the_controls(
    world, live_server, browser, path
):
    from .reports import pdf_text

    context = browser.new_context(viewport={"width": PRINTED_WIDTH, "height": 1000})
    page = context.new_page()
    sign_in(page, live_server, world.member)
    url = path.format(
        strategy_slug=world.strategy.slug, programme=world.programme.pk, project=world.project.pk
    )
    page.goto(live_server.url + url)
    page.emulate_media(media="print")
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")

    assert page.evaluate(OVER_THE_EDGE) == []
    pdf = page.pdf(format="A4", print_background=True)
    if path.startswith("/?"):
        (SCREENSHOT_FOLDER / "dashboard-printed.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    for control in ("Sign out", "Signed in as", "Strategy or plan", "Compare with", "Download"):
        assert control not in text, control
    context.close()


def test_a_printed_dashboard_has_every_panels_table(world, live_server, browser):
    from .reports import pdf_reader, pdf_text

    context = browser.new_context(viewport={"width": PRINTED_WIDTH, "height": 1000})
    page = context.new_page()
    sign_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/?strategy={world.strategy.slug}")
    pdf = page.pdf(format="A4", print_background=True)  # the print media, beforeprint too
    text = pdf_text(pdf)

    for caption in (
        "Red or Amber project",
        "RAG by programme Programme",  # the table's caption and its first heading
        "Spend against budget by programme",
        "Savings by confidence of delivery",
        "plan items by service area and part",
        "The roadmap's milestones by quarter",
    ):
        assert caption in text, caption
    pages = [" ".join((p.extract_text() or "").split()) for p in pdf_reader(pdf).pages]
    for heading in ("Red and Amber projects", "What changed since", "Money", "Roadmap by quarter"):
        assert any(p.startswith(heading) or f" {heading}" in p[:80] for p in pages), heading
    context.close()


def test_on_a_desktop_the_filter_stays_beside_the_list(world, live_server, browser):
    page = browser.new_context(viewport=WIDTHS["desktop"]).new_page()
    sign_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/projects/")

    assert page.locator(".moj-filter").is_visible()
    assert page.get_by_role("button", name="Hide filter").count() == 1  # MOJ's toggle
    assert (
        page.locator(".moj-filter-layout__filter").evaluate("(e) => getComputedStyle(e).position")
        == "static"
    )


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_sign_in_page_reads_at_any_width(live_server, browser, width):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")

    problems = [p for p in problems_on(page) if p != "no visible navigation"]  # signed out
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    assert problems + hidden_focus(page) + violations_on(page, Axe()) == []
    context.close()
