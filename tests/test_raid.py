"""Risks and issues in the browser: a project's editors keep its register, escalate an
item to the programme with a reason, the programme's owner sends it on to the strategy's
board; the receiving pages and the report show it; everyone else reads."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dashboards.panels.risk_register import RiskRegister
from projects.models import Escalation, Issue, Project, RaidAction, Risk

from .second_factor import log_in
from .test_home import text_of

pytestmark = pytest.mark.django_db


def risk_data(**fields):
    return {
        "title": "Supplier cannot supply access points",
        "description": "The access points are not delivered before the survey ends",
        "cause": "A worldwide chip shortage",
        "effect": "The rollout slips a quarter",
        "initial_likelihood": 4,
        "initial_impact": 4,
        "residual_likelihood": 3,
        "residual_impact": 4,
        "response": "treat",
        "status": "open",
        **fields,
    }


def add_risk(client, query, **fields):
    return client.post(reverse("raid:risk_new") + f"?{query}", risk_data(**fields))


@pytest.fixture
def programme_owner(world):
    """The other officer, owner of the owner's programme."""
    world.programme.owner = world.other_officer.person
    world.programme.save()
    return world.other_officer


def test_an_officer_adds_a_scored_risk_shown_on_the_project_and_the_programmes_heat_map(
    client, officer, owned_project
):
    client.force_login(officer)
    response = add_risk(client, f"project={owned_project.pk}")
    assert response.status_code == 302
    risk = owned_project.risks.get()
    assert risk.initial_rating == (16, "High") and risk.residual_rating == (12, "High")
    assert risk.history.get().history_user == officer

    project_page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert "Supplier cannot supply access points" in project_page
    assert "16 – High" in project_page and "12 – High" in project_page

    programme = client.get(reverse("programmes:detail", args=[owned_project.programme_id]))
    heat_map = programme.context["heat_map"]
    likelihood_4 = heat_map.rows[1]  # likelihood 5 is the first row
    # With the world's risk on the datacentre closure, 4 × 4 initially and 3 × 3 now.
    assert likelihood_4[3].initial == 2 and likelihood_4[3].impact == 4
    assert heat_map.rows[2][3].current == 1  # likelihood 3, impact 4
    assert 'class="app-heat-map"' in programme.content.decode()


def test_half_a_score_is_refused_and_nothing_is_written(client, officer, owned_project):
    client.force_login(officer)
    response = add_risk(client, f"project={owned_project.pk}", residual_impact="")
    assert response.status_code == 400
    assert "Choose both the current likelihood and impact, or neither" in text_of(response)
    assert not owned_project.risks.exists()


def test_a_risk_escalates_to_the_programme_then_its_owner_sends_it_to_the_board(
    officer, owned_project, programme_owner, member
):
    owner, receiver, reader = Client(), Client(), Client()
    owner.force_login(officer)
    receiver.force_login(programme_owner)
    reader.force_login(member)
    add_risk(owner, f"project={owned_project.pk}")
    risk = owned_project.risks.get()
    url = reverse("raid:risk_escalate", args=[risk.pk])

    blank = owner.post(url, {"version": risk.version, "reason": ""})
    assert blank.status_code == 400 and "Enter why it is escalated" in text_of(blank)
    risk.refresh_from_db()
    assert risk.escalated_to == Escalation.NONE

    escalated = owner.post(url, {"version": risk.version, "reason": "Needs the programme's budget"})
    assert escalated.status_code == 302
    risk.refresh_from_db()
    assert risk.escalated_to == Escalation.PROGRAMME and risk.escalated_on == timezone.localdate()
    programme_page = text_of(
        reader.get(reverse("programmes:detail", args=[owned_project.programme_id]))
    )
    assert "Supplier cannot supply access points" in programme_page
    assert "Escalated to the programme" in programme_page
    # The project's officer has sent it up; only the programme's owner sends it on.
    assert owner.get(url).status_code == 403

    onward = receiver.post(url, {"version": risk.version, "reason": "Board to decide funding"})
    assert onward.status_code == 302
    risk.refresh_from_db()
    assert risk.escalated_to == Escalation.BOARD
    strategy = owned_project.programme.strategy
    dashboard = text_of(reader.get(reverse("home"), {"strategy": strategy.slug}))
    assert "Escalated to the strategy's board" in dashboard
    assert "Supplier cannot supply access points" in dashboard
    history = text_of(reader.get(reverse("raid:risk", args=[risk.pk])))
    assert "Lee Brown changed risk" in history and "Shona Ware changed risk" in history


@pytest.mark.parametrize("persona", ["other_officer", "member", "clerk"])
def test_only_the_projects_editors_change_its_risks(client, request, persona, world):
    client.force_login(request.getfixturevalue(persona))
    risk = world.red_project.risks.get()
    assert client.get(reverse("raid:risk", args=[risk.pk])).status_code == 200
    assert add_risk(client, f"project={world.red_project.pk}").status_code == 403
    for name in ("raid:risk_edit", "raid:risk_escalate"):
        url = reverse(name, args=[risk.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, risk_data(version=risk.version, reason="x")).status_code == 403
    actions = reverse("raid:risk_actions", args=[risk.pk])
    assert client.post(actions, {"description": "Not mine"}).status_code == 403
    action = RaidAction.objects.create(risk=risk, description="Theirs")
    assert client.post(reverse("raid:action_done", args=[action.pk])).status_code == 403
    risk.refresh_from_db()
    action.refresh_from_db()
    assert risk.version == 1 and not risk.escalated_to and action.done_on is None
    assert not risk.actions.filter(description="Not mine").exists()


def test_a_programmes_owner_keeps_its_register_and_an_officer_does_not(
    client, world, programme_owner, officer
):
    query = f"programme={world.programme.pk}"
    client.force_login(officer)
    assert add_risk(client, query).status_code == 403
    client.force_login(programme_owner)
    assert add_risk(client, query, title="Programme-wide skills gap").status_code == 302
    assert world.programme.risks.get().title == "Programme-wide skills gap"


def test_concurrent_edits_of_one_risk_get_the_conflict_page(officer, world):
    risk = world.red_project.risks.get()
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(officer)
    url = reverse("raid:risk_edit", args=[risk.pk])
    opened = risk.version
    saved = first.post(url, risk_data(version=opened, title="First title"))
    assert saved.status_code == 302
    clash = second.post(url, risk_data(version=opened, title="Second careful title"))
    assert clash.status_code == 409
    page = text_of(clash)
    assert "Someone else saved this risk after you opened this page" in page
    assert "Saved now" in page and "First title" in page
    assert 'value="Second careful title"' in clash.content.decode()
    assert f'name="version" value="{opened + 1}"' in clash.content.decode()
    risk.refresh_from_db()
    assert risk.title == "First title"


def test_a_register_printed_in_words_keeps_its_words_until_scored(client, administrator, world):
    risk = Risk.objects.create(
        programme=world.programme,
        reference="R1",
        description="Failure to deliver savings",
        initial_rating_recorded="High",
        residual_rating_recorded="Medium",
    )
    log_in(client, administrator)
    page = text_of(client.get(reverse("raid:risk", args=[risk.pk])))
    assert "High (as the register printed it)" in page
    assert "Medium (as the register printed it)" in page
    data = risk_data(title="Savings", description=risk.description)
    data.update(initial_likelihood="", initial_impact="")
    client.post(reverse("raid:risk_edit", args=[risk.pk]), {**data, "version": risk.version})
    risk.refresh_from_db()
    assert risk.initial_rating == (None, "High")
    assert risk.residual_rating == (12, "High")
    assert risk.residual_rating_recorded == ""


def test_an_issue_is_raised_with_a_priority_and_a_day_to_resolve_it_by(
    client, officer, owned_project
):
    client.force_login(officer)
    url = reverse("raid:issue_new") + f"?project={owned_project.pk}"
    base = {
        "title": "Survey contractor withdrew",
        "description": "No survey this month",
        "priority": "high",
        "status": "open",
        "raised_on_0": 1,
        "raised_on_1": 3,
        "raised_on_2": 2022,
    }
    backwards = client.post(url, {**base, "target_on_0": 1, "target_on_1": 2, "target_on_2": 2022})
    assert backwards.status_code == 400
    assert "The resolve-by date must be on or after the day it was raised" in text_of(backwards)
    assert not owned_project.issues.exists()

    saved = client.post(url, {**base, "target_on_0": 31, "target_on_1": 3, "target_on_2": 2022})
    assert saved.status_code == 302
    issue = owned_project.issues.get()
    assert (issue.priority, issue.target_on) == ("high", date(2022, 3, 31))
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert "Survey contractor withdrew" in page and "Overdue" in page


def test_actions_are_added_and_marked_done_by_the_items_editors(client, officer, world):
    issue = world.red_project.issues.get()
    client.force_login(officer)
    client.post(
        reverse("raid:issue_actions", args=[issue.pk]),
        {
            "version": issue.version,
            "description": "Ask the board for £27k",
            "owner": officer.person.pk,
            "due_on_0": 30,
            "due_on_1": 4,
            "due_on_2": 2022,
        },
    )
    action = issue.actions.get()
    assert action.owner == officer.person and action.due_on == date(2022, 4, 30)
    issue.refresh_from_db()
    client.post(reverse("raid:action_done", args=[action.pk]), {"version": issue.version})
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    page = text_of(client.get(reverse("raid:issue", args=[issue.pk])))
    assert "Ask the board for £27k" in page and "Lee Brown added the action" in page


def test_the_reports_register_has_programme_and_escalated_risks_with_their_heat_map(world):
    """A programme with no projects still has its register read (Oxfordshire's case)."""
    empty = world.programme.strategy.programmes.create(name="Programme board only", order=9)
    Risk.objects.create(
        programme=empty,
        reference="P1",
        description="Interdependencies not understood",
        initial_rating_recorded="High",
        residual_rating_recorded="Medium",
    )
    escalated = world.red_project.risks.get()
    escalated.escalated_to, escalated.escalation_reason = Escalation.PROGRAMME, "Budget"
    escalated.save()
    strategy = world.programme.strategy
    register = RiskRegister.build(
        Project.objects.filter(programme__strategy=strategy),
        timezone.localdate(),
        programmes=strategy.programmes.all(),
        strategy=strategy,
    )
    by_reference = {row.reference: row for row in register.rows}
    assert by_reference["P1"].project == "Programme board only"
    assert by_reference["P1"].initial == "High"
    assert by_reference["R1"].escalated == "Escalated to the programme"
    heat_map = register.heat_map
    assert heat_map.in_words == [("High", "Medium", 1)]
    assert heat_map.rows[1][3].initial == 1  # the world's risk: 4 × 4 initially
    assert heat_map.rows[2][2].current == 1  # 3 × 3 now
    assert Issue.objects.filter(project=world.red_project).exists()


def test_a_status_update_raises_the_projects_open_issues_by_name(client, officer, world):
    from .updates import update_form_data

    project = world.red_project
    issue = project.issues.get()
    client.force_login(officer)
    url = reverse("projects:update", args=[project.pk])
    form = text_of(client.get(url))
    assert "Issues this update raises" in form and "I1 Budget pressure" in form

    elsewhere = Issue.objects.create(project=world.project, description="Not this project's")
    refused = client.post(
        url, update_form_data(project, rag="R", issues="Money", raised_issues=[elsewhere.pk])
    )
    assert refused.status_code == 200
    assert "Choose the project's open issues from the list" in text_of(refused)
    assert project.status_updates.count() == 1

    saved = client.post(
        url, update_form_data(project, rag="R", issues="Money", raised_issues=[issue.pk])
    )
    assert saved.status_code == 302
    assert list(project.latest_update.raised_issues.all()) == [issue]
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert f'href="{reverse("raid:issue", args=[issue.pk])}">I1 Budget pressure</a>' in page


def test_a_page_named_by_a_digit_python_reads_but_no_database_does_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("raid:risk_new") + "?project=²").status_code == 404


def test_an_overdue_issue_says_so_on_its_page(client, member, world):
    issue = world.red_project.issues.get()
    issue.target_on = date(2022, 3, 31)
    issue.save()
    client.force_login(member)
    assert "Overdue" in text_of(client.get(reverse("raid:issue", args=[issue.pk])))


def test_a_closed_risk_stays_where_it_is(client, officer, world):
    risk = world.red_project.risks.get()
    risk.status = Risk.Status.CLOSED
    risk.save()
    client.force_login(officer)
    url = reverse("raid:risk_escalate", args=[risk.pk])
    page = text_of(client.get(url, follow=True))
    assert "This risk is closed: it cannot be escalated" in page
    client.post(url, {"version": risk.version, "reason": "Too late"})
    risk.refresh_from_db()
    assert not risk.escalated_to


def test_the_programmes_owner_acts_on_a_risk_escalated_to_them(client, world, programme_owner):
    risk = world.red_project.risks.get()
    client.force_login(programme_owner)
    edit = reverse("raid:risk_edit", args=[risk.pk])
    assert client.get(edit).status_code == 403  # not until it reaches the programme
    risk.escalated_to, risk.escalation_reason = Escalation.PROGRAMME, "Budget"
    risk.save()
    assert client.get(edit).status_code == 200
    client.post(
        reverse("raid:risk_actions", args=[risk.pk]),
        {"version": risk.version, "description": "Fund it"},
    )
    assert risk.actions.get().description == "Fund it"


def test_a_report_issued_before_the_heat_map_prints_its_column_as_it_did():
    rows = {"rows": []}
    assert RiskRegister.from_json(rows).current_heading == "Residual rating"


def test_an_action_from_a_page_opened_before_someone_elses_save_is_not_added(
    client, officer, world
):
    risk = world.red_project.risks.get()
    opened = risk.version
    risk.title = "Renamed meanwhile"
    risk.version += 1
    risk.save()
    client.force_login(officer)
    response = client.post(
        reverse("raid:risk_actions", args=[risk.pk]),
        {"version": opened, "description": "Chase the landlord"},
        follow=True,
    )
    assert "so the action was not added" in text_of(response)
    assert not risk.actions.exists()
