"""Every URL the portal serves × every persona → the response they must get.

The table is checked against the URL configuration itself: a new URL without an
entry here fails the test, so nothing can be added unguarded.
"""

from datetime import date

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from api.tokens import token_issue
from contracts.services import change_raise
from programmes.models import KpiActual
from projects.models import RaidAction, TrackerImport
from reports.issuing import report_issue
from reports.models import Action

from .reports import make_report
from .second_factor import log_in

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "clerk", "owner", "other_officer", "administrator"]
SIGN_IN = 302  # anonymous visitors are sent to sign in
EVERYONE = dict.fromkeys(PERSONAS[1:], 200) | {"anonymous": SIGN_IN}
PUBLIC = dict.fromkeys(PERSONAS, 200)
OWNER = {
    "anonymous": SIGN_IN,
    "member": 403,
    "clerk": 403,
    "owner": 200,
    "other_officer": 403,
    "administrator": 200,
}
OFFICERS = OWNER | {"other_officer": 200}
CLERKS = {
    "anonymous": SIGN_IN,
    "member": 403,
    "clerk": 200,
    "owner": 403,
    "other_officer": 403,
    "administrator": 200,
}
# The matrix's report has only a draft: it is hidden from all but clerks and
# administrators (tests/test_report_visibility.py has authors and Finals).
DRAFT_READERS = CLERKS | {"member": 404, "owner": 404, "other_officer": 404}
POST_ONLY = dict.fromkeys(PERSONAS[1:], 405) | {"anonymous": SIGN_IN}
# The API signs in by token only: each persona sends its own (client_for); without one, 401.
API_READERS = dict.fromkeys(PERSONAS[1:], 200) | {"anonymous": 401}
API_KINDS = {
    "strategy": "strategy",
    "programme": "programme",
    "project": "project",
    "milestone": "milestone",
    "statusupdate": "status_update",
    "risk": "risk",
    "issue": "raid_issue",
    "kpi": "kpi",
    "kpiactual": "kpi_actual",
    "contractchange": "change",
}
ADMINISTRATORS = dict.fromkeys(PERSONAS[1:-1], 403) | {"anonymous": SIGN_IN, "administrator": 200}

# url name: (the object its <pk> names, expected GET status by persona)
MATRIX = {
    "healthz": (None, PUBLIC),
    "rag_css": (None, PUBLIC),
    "accessibility": (None, PUBLIC),
    "home": (None, EVERYONE),
    "strategies": (None, EVERYONE),
    "money_export": (None, EVERYONE),
    "portfolio_export": (None, EVERYONE),
    "projects:export": (None, EVERYONE),
    "programmes:export": ("programme", EVERYONE),
    "contracts:register_export": (None, EVERYONE),
    "tracker:start": (None, OFFICERS),
    # An upload is its uploader's: another officer is told it does not exist.
    "tracker:preview": ("tracker_import", OWNER | {"other_officer": 404}),
    "tracker:confirm": ("tracker_import", POST_ONLY),
    "tracker:cancel": ("tracker_import", POST_ONLY),
    "my_projects": (None, EVERYONE),
    "identity:account": (None, EVERYONE),
    # Two-step verification (tests/test_second_factor.py). The code and recovery-code pages
    # have nothing to show without a sign-in half done or codes just made, so send people
    # on; the world's administrator has set it up already. A signed-in session gives its
    # password again before it sets one up.
    "identity:two_step_code": (None, dict.fromkeys(PERSONAS, 302)),
    "identity:two_step_setup": (None, dict.fromkeys(PERSONAS, 302)),
    "identity:two_step_password": (None, EVERYONE | {"administrator": 302}),
    "identity:two_step_recovery_codes": (None, dict.fromkeys(PERSONAS, 302)),
    "identity:two_step_new_codes": (None, POST_ONLY),
    "identity:two_step_turn_off": (None, POST_ONLY),
    "identity:two_step_people": (None, ADMINISTRATORS),
    "identity:two_step_person": ("sign_in", ADMINISTRATORS),
    "identity:two_step_reset": ("sign_in", POST_ONLY),
    "login": (None, {"anonymous": 200} | dict.fromkeys(PERSONAS[1:], 302)),
    "logout": (None, dict.fromkeys(PERSONAS, 405)),
    # Signing in with the council's account (tests/test_sign_in_with_oidc.py): not there
    # without PORTAL_OIDC_ISSUER; the waiting page sends anyone with a role home.
    "break_glass_sign_in": (None, {"anonymous": 200} | dict.fromkeys(PERSONAS[1:], 302)),
    "oidc_authentication_init": (None, dict.fromkeys(PERSONAS, 404)),
    "oidc_authentication_callback": (None, dict.fromkeys(PERSONAS, 404)),
    "identity:waiting": (None, dict.fromkeys(PERSONAS, 302)),
    "programmes:detail": ("programme", EVERYONE),
    "projects:list": (None, EVERYONE),
    "projects:detail": ("project", EVERYONE),
    "projects:update": ("project", OWNER),
    "projects:milestones": ("project", OWNER),
    "projects:milestone_new": ("project", OWNER),
    "projects:milestone": (("project", "milestone"), OWNER),
    "projects:milestone_withdraw": (("project", "milestone"), OWNER),
    "projects:milestone_move": (("project", "milestone"), POST_ONLY),
    "projects:milestone_delete": (("project", "milestone"), POST_ONLY),
    "projects:dependency_new": ("project", OWNER),
    "projects:dependency_delete": (("project", "dependency"), POST_ONLY),
    # A new risk or issue names its project, programme or strategy in the query: a link
    # without one finds nothing (tests/test_raid.py has who may add where).
    "raid:risk_new": (None, dict.fromkeys(PERSONAS[1:], 404) | {"anonymous": SIGN_IN}),
    "raid:risk": ("risk", EVERYONE),
    "raid:risk_edit": ("risk", OWNER),
    "raid:risk_escalate": ("risk", OWNER),
    "raid:risk_actions": ("risk", POST_ONLY),
    "raid:issue_new": (None, dict.fromkeys(PERSONAS[1:], 404) | {"anonymous": SIGN_IN}),
    "raid:issue": ("raid_issue", EVERYONE),
    "raid:issue_edit": ("raid_issue", OWNER),
    "raid:issue_escalate": ("raid_issue", OWNER),
    "raid:issue_actions": ("raid_issue", POST_ONLY),
    "raid:action_done": ("raid_action", POST_ONLY),
    # A new benefit names its project or programme in the query, as a new risk does.
    "projects:benefit_new": (None, dict.fromkeys(PERSONAS[1:], 404) | {"anonymous": SIGN_IN}),
    "projects:benefit": ("benefit", OWNER),
    # Everyone reads a KPI; its owner (world.owner) and administrators enter its actuals.
    "kpis:detail": ("kpi", EVERYONE),
    "kpis:list": ("strategy", EVERYONE),
    "kpis:upload": ("strategy", POST_ONLY),
    "project_highlight": ("project", EVERYONE),
    "contracts:list": (None, EVERYONE),
    "contracts:detail": ("contract", EVERYONE),
    "contracts:plan_area": ("plan_area", EVERYONE),
    "contracts:register": (None, EVERYONE),
    "contracts:change": ("change", EVERYONE),
    "contracts:change_raise": ("contract", OFFICERS),
    # With one contract there is nothing to choose: officers go straight to the form.
    "contracts:change_raise_choose": (
        None,
        OFFICERS | {"owner": 302, "other_officer": 302, "administrator": 302},
    ),
    "contracts:change_edit": ("change", OWNER),
    "contracts:change_move": ("change", OWNER),
    "contracts:change_progress": ("change", OWNER),
    "reports:list": (None, EVERYONE),
    "forward_plan": (None, EVERYONE),
    "reports:new": (None, CLERKS),
    "reports:detail": ("report", DRAFT_READERS),
    "reports:edit": ("report", CLERKS),
    "reports:preview": ("report", CLERKS),
    "reports:preview_pdf": ("report", CLERKS),
    "reports:issue_create": ("report", POST_ONLY),
    "reports:issue": ("issue", DRAFT_READERS),
    "reports:download": ("issue", DRAFT_READERS),
    "reports:retry": ("issue", POST_ONLY),
    "reports:highlight_pack": ("issue", DRAFT_READERS),
    "reports:highlight_pack_retry": ("issue", POST_ONLY),
    "reports:decisions": (("report", "meeting"), CLERKS),
    "reports:action_new": (("report", "meeting"), POST_ONLY),
    "reports:my_actions": (None, EVERYONE),
    # Each reads the signed-in person's own notifications and choices, or says they have none.
    "notifications:attention": (None, EVERYONE),
    "notifications:preferences": (None, EVERYONE),
    "reports:presenters": ("meeting_link", POST_ONLY),
    # An action is its owner's to update; clerks and administrators may too.
    "reports:action": ("action", CLERKS | {"owner": 200}),
    "admin": (None, dict.fromkeys(PERSONAS[:-1], 302) | {"administrator": 200}),
    # A person's own tokens; revoking another's is a 404 (tests/test_api_tokens.py).
    "api_tokens": (None, EVERYONE),
    "api_token_revoke": ("api_token", POST_ONLY),
    # The API's description is public: it holds no data.
    "api:schema": (None, PUBLIC),
    **{f"api:{basename}-list": (None, API_READERS) for basename in API_KINDS},
    **{f"api:{basename}-detail": (kind, API_READERS) for basename, kind in API_KINDS.items()},
}
# URLs that change something: a persona refused on GET is refused on POST too.
WRITES = [
    "api_token_revoke",
    "identity:two_step_new_codes",
    "identity:two_step_turn_off",
    "identity:two_step_reset",
    "projects:benefit",
    "kpis:upload",
    "projects:update",
    "projects:milestone_new",
    "projects:milestone",
    "projects:milestone_withdraw",
    "projects:milestone_move",
    "projects:milestone_delete",
    "projects:dependency_new",
    "projects:dependency_delete",
    "raid:risk_edit",
    "raid:risk_escalate",
    "raid:risk_actions",
    "raid:issue_edit",
    "raid:issue_escalate",
    "raid:issue_actions",
    "raid:action_done",
    "tracker:start",
    "contracts:change_raise",
    "contracts:change_edit",
    "contracts:change_move",
    "contracts:change_progress",
    "reports:new",
    "reports:edit",
    "reports:issue_create",
    "reports:retry",
    "reports:highlight_pack_retry",
    "reports:decisions",
    "reports:action_new",
    "reports:action",
    "reports:presenters",
]


def url_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield "admin"
                continue
            yield from url_names(pattern.url_patterns, pattern.namespace or namespace)
        else:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_an_entry_in_the_matrix():
    names = list(url_names())
    assert None not in names, "every URL pattern has a name"
    assert set(names) == set(MATRIX), {
        "missing from the matrix": set(names) - set(MATRIX),
        "no longer a URL": set(MATRIX) - set(names),
    }


@pytest.fixture
def objects(world):
    """An object of each kind a URL names: the world's own, a change the owner raises (so
    manages), a report the clerk issues and an upload of the owner's."""
    change = change_raise(
        contract=world.contract, author=world.owner, fields={"title": "Matrix change"}
    )
    report = make_report(strategy=world.strategy, title="Matrix report", appendices=[])
    meeting = world.contract.governance_bodies.get(short_name="JTB").meetings.get()
    report.meetings.add(meeting)
    return {
        "project": world.project,
        "milestone": world.project.milestones.order_by("order").first(),
        "dependency": world.green_project.dependencies.get(),
        "risk": world.red_project.risks.get(),
        "raid_issue": world.red_project.issues.get(),
        "raid_action": RaidAction.objects.create(
            risk=world.red_project.risks.get(), description="Matrix action"
        ),
        "programme": world.programme,
        "status_update": world.red_project.status_updates.get(),
        "kpi_actual": KpiActual.objects.create(
            kpi=world.strategy.kpis.get(), period_end=date(2022, 3, 31), value=90
        ),
        "api_token": token_issue(user=world.owner, name="Matrix token").token,
        "sign_in": world.owner,
        "benefit": world.project.benefits.get(),
        "kpi": world.strategy.kpis.get(),
        "strategy": world.strategy,
        "contract": world.contract,
        "plan_area": world.plan_area,
        "change": change,
        "report": report,
        "issue": report_issue(report=report, by=world.clerk),
        "meeting": meeting,
        "meeting_link": report.meeting_links.get(),
        "action": Action.objects.create(
            report=report, meeting=meeting, description="Matrix action", owner=world.owner.person
        ),
        "tracker_import": TrackerImport.objects.create(
            filename="tracker.xlsx",
            content=b"",
            sha256="",
            strategy=world.strategy,
            uploaded_by=world.owner,
            plan={},
            plan_digest="",
        ),
    }


def client_for(persona, request):
    client = Client()
    if persona != "anonymous":
        fixture = "officer" if persona == "owner" else persona
        user = request.getfixturevalue(fixture)
        log_in(client, user)
        # The persona's own API token on every request: pages ignore it, the API reads it.
        token = token_issue(user=user, name="Matrix").text
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def url_of(name, objects):
    if name == "admin":
        return reverse("admin:index")
    kind, _ = MATRIX[name]
    kinds = kind if isinstance(kind, tuple) else (kind,) if kind else ()
    return reverse(name, args=[objects[k].pk for k in kinds])


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_response_from_every_url(persona, objects, request):
    client = client_for(persona, request)
    wrong = {}
    for name, (_, expected) in MATRIX.items():
        status = client.get(url_of(name, objects)).status_code
        if status != expected[persona]:
            wrong[name] = (status, expected[persona])
    assert not wrong, f"{persona}: (got, expected) {wrong}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_persona_refused_a_page_cannot_post_to_it(persona, objects, request):
    client = client_for(persona, request)
    for name in WRITES:
        expected = MATRIX[name][1][persona]
        if expected in (403, SIGN_IN):
            status = client.post(url_of(name, objects), {}).status_code
            assert status == expected, (name, persona, status)


@pytest.mark.parametrize("name", [*WRITES, "login", "logout"])
def test_every_form_post_needs_its_csrf_token(name, objects, administrator):
    client = Client(enforce_csrf_checks=True)
    if name != "login":
        log_in(client, administrator)
    url = url_of(name, objects)

    refused = client.post(url, {})
    assert refused.status_code == 403
    assert b"CSRF" in refused.content

    client.get(reverse("login") if name == "login" else reverse("home"))
    token = client.cookies["csrftoken"].value
    accepted = client.post(url, {"csrfmiddlewaretoken": token})
    assert accepted.status_code != 403 or b"CSRF" not in accepted.content


@pytest.mark.parametrize("persona", ["member", "owner", "other_officer"])
def test_only_clerks_can_post_to_issue_or_retry_a_report(persona, objects, request):
    client = client_for(persona, request)
    for name in ("reports:issue_create", "reports:retry", "reports:highlight_pack_retry"):
        assert client.post(url_of(name, objects), {}).status_code == 403, (name, persona)
