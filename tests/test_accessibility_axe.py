"""axe-core on every page type, for each persona that sees it, in Debian's Chromium:
no violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_browser import sign_in
from .world import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Pages by the world's persona who sees them (tests/world.py).
PAGES = {
    "member": [
        "/",
        "/?strategy={plan_slug}",
        "/strategies/",
        "/projects/",
        "/projects/{project}/",
        "/programmes/{programme}/",
        "/contracts/",
        "/contracts/{contract}/",
        "/contracts/changes/",
        "/contracts/changes/{change}/",
        "/contracts/plans/{plan_area}/",
        "/reports/",
        "/meetings/",
        "/reports/actions/",
        "/accessibility/",
        "/raid/risks/{risk}/",
        "/raid/issues/{raid_issue}/",
        "/kpis/{kpi}/",
        "/kpis/strategy/{strategy}/",
        "/account/",
        "/account/two-step/set-up/password/",
    ],
    "owner": [
        "/my/",
        "/import/",
        "/import/{tracker_import}/",
        "/projects/{project}/update/",
        "/projects/{project}/milestones/",
        "/projects/{project}/milestones/add/",
        "/projects/{project}/milestones/{milestone}/",
        "/projects/{project}/milestones/{milestone}/withdraw/",
        "/projects/{project}/dependencies/add/",
        "/projects/{project}/dependencies/add/?on_project={red_project}",
        "/raid/risks/new/?project={red_project}",
        "/raid/risks/{risk}/edit/",
        "/raid/risks/{risk}/escalate/",
        "/raid/issues/new/?project={red_project}",
        "/raid/issues/{raid_issue}/edit/",
        "/projects/benefits/add/?project={project}",
        "/projects/benefits/{benefit}/",
        "/kpis/{kpi}/",
        "/kpis/strategy/{strategy}/",
        "/contracts/{contract}/changes/new/",
        "/reports/actions/{action}/",
        "/notifications/",
        "/notifications/settings/",
        "/account/api-tokens/",
    ],
    "admin": [
        "/account/",
        "/account/two-step/people/",
        "/account/two-step/people/{two_step_person}/",
        "/contracts/changes/{change}/move/",
        "/contracts/changes/{change}/edit/",
        "/contracts/changes/{change}/progress/",
    ],
    "clerk": [
        "/reports/new/",
        "/reports/new/?strategy={strategy}",
        "/reports/{report}/",
        "/reports/{report}/edit/",
        "/reports/issues/{issue}/",
        "/reports/{report}/meetings/{meeting}/decisions/",
    ],
}


def ids(world):
    """The numbers and slugs PAGES' paths name, from the world and what a test adds to it."""
    report, issue = a_report_with_an_issue(world)
    meeting = report.meetings.get()
    return {
        "report": report.pk,
        "issue": issue.pk,
        "meeting": meeting.pk,
        "action": a_decision_and_an_action(world, report, meeting).pk,
        "project": world.project.pk,
        "milestone": world.project.milestones.order_by("order").first().pk,
        "red_project": world.red_project.pk,
        "risk": world.red_project.risks.get().pk,
        "raid_issue": world.red_project.issues.get().pk,
        "benefit": world.project.benefits.get().pk,
        "kpi": world.strategy.kpis.get().pk,
        "programme": world.programme.pk,
        "contract": world.contract.pk,
        "change": world.change.pk,
        "plan_area": world.plan_area.pk,
        "plan_slug": world.plan.slug,
        "strategy": world.strategy.pk,
        "tracker_import": a_previewed_import(world).pk,
        "two_step_person": a_person_with_two_step_verification(world).pk,
        "api_token": an_api_token(world).pk,
    }


def an_api_token(world):
    """The owner officer's, one live and one revoked: their tokens page lists both."""
    from api.tokens import token_issue, token_revoke

    token_revoke(token=token_issue(user=world.owner, name="Retired report").token, by=world.owner)
    return token_issue(user=world.owner, name="Power BI: board pack").token


def a_person_with_two_step_verification(world):
    """The other officer, with an authenticator app: their reset page has its form."""
    from .second_factor import authenticator

    authenticator(world.other_officer)
    return world.other_officer


def a_decision_and_an_action(world, report, meeting):
    """The first recommendation agreed, and an action for the owner officer."""
    from reports.models import Action, Decision

    Decision.objects.create(
        report=report, meeting=meeting, number=1, recommendation="Notes", outcome="agreed"
    )
    return Action.objects.create(
        report=report, meeting=meeting, description="Report back", owner=world.owner.person
    )


def a_previewed_import(world):
    """The owner's preview of the annual plan: problems, notes and both tables."""
    from .factories import make_previewed_import
    from .tracker_workbooks import annual_plan

    return make_previewed_import(strategy=world.plan, user=world.owner, content=annual_plan())[0]


def a_report_with_an_issue(world):
    from reports.issuing import report_issue

    from .factories import make_body, make_meeting
    from .reports import make_report

    report = make_report(
        strategy=world.strategy,
        title="Page check report",
        include_milestones_by_quarter=False,
        include_milestone_changes=False,
    )
    # The forward plan then has a report due and one not started.
    body = make_body(name="Programme Board", strategies=[world.strategy])
    make_meeting(body=body, on=date(2030, 1, 17), reports=[report])
    make_meeting(body=body, on=date(2019, 7, 25))
    return report, report_issue(report=report, by=world.clerk)


def violations_on(page, axe):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_no_wcag_violations_on_any_page(world, live_server, browser):
    axe = Axe()
    found = {}
    numbers = ids(world)
    anonymous = browser.new_page()
    anonymous.goto(f"{live_server.url}/sign-in/")
    found["/sign-in/"] = violations_on(anonymous, axe)
    # The check can fail: an image without alt text on the page is found.
    anonymous.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt") for v in violations_on(anonymous, axe))
    anonymous.reload()
    for persona, paths in PAGES.items():
        page = browser.new_context().new_page()
        sign_in(page, live_server, getattr(world, persona))
        for path in paths:
            page.goto(live_server.url + path.format(**numbers))
            problems = violations_on(page, axe)
            if problems:
                found[f"{persona} {path}"] = problems
    # The setup page, behind the password asked again (tests/test_second_factor_sessions.py).
    page = browser.new_context().new_page()
    sign_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/account/two-step/set-up/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="Set up two-step verification").is_visible()
    found["member /account/two-step/set-up/"] = violations_on(page, axe)
    found = {key: value for key, value in found.items() if value}
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
