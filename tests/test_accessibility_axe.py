"""axe-core on every page type, for each persona that sees it, in Debian's Chromium:
no violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "member": [
        "/",
        "/?strategy=south-vale-jts-2018",
        "/?strategy=oxfordshire-transformation-2019",
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
        "/accessibility/",
    ],
    "officer": [
        "/my/",
        "/import/",
        "/import/{tracker_import}/",
        "/projects/{project}/update/",
        "/contracts/{contract}/changes/new/",
    ],
    "admin": [
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
    ],
}


def ids():
    from contracts.models import Contract, ContractChange
    from programmes.models import Strategy
    from projects.models import Project

    project = Project.objects.get(name="Wifi consolidation")
    contract = Contract.objects.get()
    plan = Project.objects.filter(programme__strategy__contract=contract).first()
    report, issue = a_report_with_an_issue()
    return {
        "report": report.pk,
        "issue": issue.pk,
        "project": project.pk,
        "programme": project.programme_id,
        "contract": contract.pk,
        "change": ContractChange.objects.first().pk,
        "plan_area": plan.programme_id,
        "strategy": Strategy.objects.get(slug="south-vale-jts-2021").pk,
        "tracker_import": a_previewed_import().pk,
    }


def a_previewed_import():
    """The officer's preview of the annual plan: problems, notes and both tables."""
    from django.contrib.auth import get_user_model

    from programmes.models import Strategy

    from .factories import make_previewed_import
    from .tracker_workbooks import annual_plan

    officer = get_user_model().objects.get(username="officer")
    strategy = Strategy.objects.get(slug="five-councils-annual-plan-2022-23")
    return make_previewed_import(strategy=strategy, user=officer, content=annual_plan())[0]


def a_report_with_an_issue():
    from datetime import date

    from django.contrib.auth import get_user_model

    from programmes.models import Strategy
    from reports.issuing import report_issue
    from reports.models import Report, ReportIssue

    issue = ReportIssue.objects.select_related("report").first()
    if issue:
        return issue.report, issue
    report = Report.objects.create(
        title="Page check report",
        strategy=Strategy.objects.get(slug="south-vale-jts-2021"),
        meeting_date=date(2021, 11, 4),
        report_of="Head of Service",
        author_name="Clerk",
        include_milestones_by_quarter=False,
        include_milestone_changes=False,
    )
    clerk = get_user_model().objects.get(username="clerk")
    return report, report_issue(report=report, by=clerk)


def violations_on(page, axe):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_no_wcag_violations_on_any_page(reload_demo, live_server, browser):
    axe = Axe()
    found = {}
    numbers = ids()
    anonymous = browser.new_page()
    anonymous.goto(f"{live_server.url}/sign-in/")
    found["/sign-in/"] = violations_on(anonymous, axe)
    # The check can fail: an image without alt text on the page is found.
    anonymous.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt") for v in violations_on(anonymous, axe))
    anonymous.reload()
    for persona, paths in PAGES.items():
        page = browser.new_context().new_page()
        sign_in(page, live_server, persona)
        for path in paths:
            page.goto(live_server.url + path.format(**numbers))
            problems = violations_on(page, axe)
            if problems:
                found[f"{persona} {path}"] = problems
    found = {key: value for key, value in found.items() if value}
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
