"""The read-only API (/api/v1/): who may read it, what it says of projects, as at a day,
as CSV, and that every answer matches its OpenAPI document."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, ApiTokenUse
from api.tokens import token_revoke
from contracts.models import ChangeTransition
from programmes.models import KpiActual
from projects.models import Milestone, Project, ProjectFinance, Risk

from .api import api_get, token_for
from .factories import make_project, make_update

pytestmark = pytest.mark.django_db
PROJECTS = "/api/v1/projects/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # the rate limit counts in the cache; each test starts from none
    yield
    cache.clear()


def project_row(response, project):
    return next(row for row in response.json()["results"] if row["id"] == project.pk)


def test_projects_answer_401_without_a_token_saying_what_to_send(client, world):
    response = client.get(PROJECTS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_signed_in_browser_is_not_signed_in_to_the_api(client, world):
    # Only a token signs in: a page elsewhere cannot make a member's browser read it.
    client.force_login(world.member)
    assert client.get(PROJECTS).status_code == 401


def test_a_members_token_lists_projects_with_their_three_rags(client, world):
    response = api_get(client, PROJECTS, token_for(world.member))
    assert response.status_code == 200
    assert response.json()["count"] == len(world.projects) + 2  # and the annual plan's
    closure = project_row(response, world.red_project)
    assert closure["name"] == "Legacy datacentre closure"
    assert closure["current_rag"] == {
        "code": "R",
        "label": "Red",
        "words": closure["current_rag"]["words"],
    }
    assert closure["last_reported_on"] == "2022-03-07"
    # Its milestones were due in 2018–19 and are not complete: late.
    assert closure["schedule_rag"]["code"] == "R"
    assert "is not complete" in closure["schedule_reasons"][0]
    # £27k forecast against a budget of nothing.
    assert closure["financial_rag"]["code"] == "R"
    assert closure["financial_year"] == "2018/19"


def test_a_project_with_no_update_or_money_has_no_rag_to_give(client, world):
    response = api_get(client, PROJECTS, token_for(world.member))
    wifi = project_row(response, world.project)
    assert wifi["current_rag"] is None and wifi["financial_rag"] is None


def test_the_project_lists_filters_filter_the_api(client, world):
    red = world.red_project.current_rag
    response = api_get(client, PROJECTS, token_for(world.member), rag=red.pk)
    assert [row["id"] for row in response.json()["results"]] == [world.red_project.pk]
    response = api_get(client, PROJECTS, token_for(world.member), q="datacentre")
    assert [row["name"] for row in response.json()["results"]] == ["Legacy datacentre closure"]


def test_as_at_reads_the_rag_as_it_then_stood(client, world):
    make_update(project=world.red_project, code="G", reported_on=timezone.localdate())
    token = token_for(world.member)
    today = project_row(api_get(client, PROJECTS, token), world.red_project)
    then = project_row(api_get(client, PROJECTS, token, as_at="2022-03-31"), world.red_project)
    before = project_row(api_get(client, PROJECTS, token, as_at="2022-01-31"), world.red_project)
    assert today["current_rag"]["code"] == "G"
    assert then["current_rag"]["code"] == "R"
    assert before["current_rag"] is None


def test_milestones_as_at_are_read_from_the_audit_trail(client, world):
    milestone = world.red_project.milestones.order_by("order").first()
    yesterday = timezone.localdate() - timedelta(days=1)
    Milestone.history.filter(id=milestone.pk).update(
        history_date=timezone.now() - timedelta(days=10)
    )
    milestone.forecast_date = date(2030, 1, 1)
    milestone.save()
    token = token_for(world.member)
    url = "/api/v1/milestones/"
    now_row = api_get(client, url, token, project=world.red_project.pk).json()["results"][0]
    then_row = api_get(
        client,
        url,
        token,
        project=world.red_project.pk,
        as_at=(yesterday - timedelta(days=1)).isoformat(),
    ).json()["results"][0]
    assert now_row["forecast_date"] == "2030-01-01"
    assert then_row["forecast_date"] is None


@pytest.mark.parametrize(
    "as_at, message",
    [("31/03/2022", "Write the day as 2024-03-31."), ("1999-12-31", "Choose a day from")],
)
def test_a_day_the_api_cannot_use_is_a_400_saying_why(client, world, as_at, message):
    response = api_get(client, PROJECTS, token_for(world.member), as_at=as_at)
    assert response.status_code == 400
    assert message in response.json()["as_at"][0]


def test_csv_gives_the_projects_in_the_apis_column_order(client, world):
    response = api_get(client, PROJECTS, token_for(world.member), format="csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    header = lines[0].split(",")
    assert header[:3] == ["id", "reference", "name"]
    assert "current_rag.code" in header and "financial_rag.words" in header
    assert any("Legacy datacentre closure" in line and ",R," in line for line in lines[1:])
    assert response["X-Total-Count"] == str(len(world.projects) + 2)


def test_csv_text_a_spreadsheet_would_run_as_a_formula_is_made_inert(client, world):
    world.project.name = '=HYPERLINK("http://example.com")'
    world.project.save()
    response = api_get(client, PROJECTS, token_for(world.member), format="csv")
    assert "'=HYPERLINK" in response.content.decode()


def test_a_revoked_token_gets_401(client, world):
    token = token_for(world.member)
    assert api_get(client, PROJECTS, token).status_code == 200
    token_revoke(token=ApiToken.objects.get(user=world.member), by=world.member)
    response = api_get(client, PROJECTS, token)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_token_stops_when_its_sign_in_is_switched_off(client, world):
    token = token_for(world.member)
    world.member.is_active = False
    world.member.save()
    assert api_get(client, PROJECTS, token).status_code == 401


def test_a_sign_in_with_no_role_reads_nothing(client, world):
    token = token_for(world.member)
    world.member.groups.clear()
    response = api_get(client, PROJECTS, token)
    assert response.status_code == 403
    assert "no role" in response.json()["detail"]


def test_a_malformed_authorization_header_is_told_the_form(client, world):
    response = client.get(PROJECTS, HTTP_AUTHORIZATION="Bearer")
    assert response.status_code == 401
    assert "Authorization: Bearer <token>" in response.json()["detail"]


def test_each_use_of_a_token_is_logged(client, world):
    token = token_for(world.member)
    api_get(client, PROJECTS, token, page=1)
    api_get(client, PROJECTS, token, as_at="nonsense")
    uses = list(ApiTokenUse.objects.order_by("at", "pk").values_list("path", "status"))
    assert uses == [(f"{PROJECTS}?page=1", 200), (f"{PROJECTS}?as_at=nonsense", 400)]


def test_a_token_is_rate_limited(client, world, settings):
    settings.PORTAL_API_RATE = "2/minute"
    token = token_for(world.member)
    statuses = [api_get(client, PROJECTS, token).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert api_get(client, PROJECTS, token_for(world.clerk)).status_code == 200  # per token
    assert ApiTokenUse.objects.filter(status=429).count() == 1


def test_pages_are_100_rows_with_the_next_page_in_a_link_header(client, world):
    for n in range(101 - len(world.projects) - 2):
        make_project(programme=world.programme, name=f"Page filler {n}")
    response = api_get(client, PROJECTS, token_for(world.member))
    body = response.json()
    assert body["count"] == 101 and len(body["results"]) == 100
    assert body["next"].endswith(f"{PROJECTS}?page=2")
    assert response["Link"] == f'<{body["next"]}>; rel="next"'
    assert response["X-Total-Count"] == "101"
    last = api_get(client, PROJECTS, token_for(world.clerk), page=2)
    assert len(last.json()["results"]) == 1 and last.json()["next"] is None


def test_a_smaller_page_may_be_asked_for(client, world):
    response = api_get(client, PROJECTS, token_for(world.member), page_size=2)
    assert len(response.json()["results"]) == 2
    assert response.json()["next"].endswith("page=2&page_size=2")


def test_an_error_asked_for_as_csv_is_told_in_json(client, world):
    response = api_get(client, PROJECTS, token_for(world.member), format="csv", as_at="soon")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["as_at"] == ["Write the day as 2024-03-31."]
    assert client.get(PROJECTS, {"format": "csv"}).json()["detail"].startswith("Authentication")


def test_tokens_are_kept_only_as_their_hash(world):
    text = token_for(world.member)
    stored = ApiToken.objects.get(user=world.member)
    assert text.startswith("tsp_") and len(text) > 40
    assert stored.digest != text and text not in stored.digest
    assert stored.hint == text[:8]


def test_a_change_register_reads_as_at_with_the_status_then(client, world):
    change = world.change
    change.transitions.all().delete()
    for on, status in [(date(2022, 1, 10), "proposed"), (date(2022, 6, 1), "implemented")]:
        ChangeTransition.objects.create(
            change=change, to_status=status, on=on, reason="As minuted", by=world.owner
        )
    token = token_for(world.member)
    url = "/api/v1/contract-changes/"

    def status_of(response):
        return {row["id"]: row["status"] for row in response.json()["results"]}.get(change.pk)

    assert status_of(api_get(client, url, token)) == "implemented"
    assert status_of(api_get(client, url, token, as_at="2022-03-01")) == "proposed"
    # The status filter reads the status each row shows: then, not now.
    assert status_of(api_get(client, url, token, as_at="2022-03-01", status="open")) == "proposed"
    assert status_of(api_get(client, url, token, status="open")) is None
    assert status_of(api_get(client, url, token, as_at="2022-01-01")) is None  # not raised yet


def test_kpi_actuals_as_at_are_as_they_then_stood(client, world):
    kpi = world.strategy.kpis.get()
    actual = KpiActual.objects.create(kpi=kpi, period_end=date(2022, 3, 31), value=Decimal(80))
    KpiActual.history.filter(id=actual.pk).update(history_date=timezone.now() - timedelta(days=30))
    actual.value = Decimal(96)  # corrected since
    actual.save()
    token = token_for(world.member)
    url = "/api/v1/kpi-actuals/"
    now_row = api_get(client, url, token).json()["results"][0]
    earlier = (timezone.localdate() - timedelta(days=7)).isoformat()
    then_row = api_get(client, url, token, as_at=earlier).json()["results"][0]
    assert (now_row["value"], now_row["rag"]) == (96, "G")
    assert (then_row["value"], then_row["rag"]) == (80, "R")


def test_a_projects_status_and_money_as_at_are_as_they_then_stood(client, world):
    project = world.red_project
    Project.history.filter(id=project.pk).update(history_date=timezone.now() - timedelta(days=30))
    ProjectFinance.history.filter(project_id=project.pk).update(
        history_date=timezone.now() - timedelta(days=30)
    )
    project.lifecycle_status = Project.Lifecycle.CLOSED
    project.save()
    line = project.finance.get()
    line.revenue_budget = Decimal(30000)  # funded since
    line.save()
    token = token_for(world.member)
    earlier = (timezone.localdate() - timedelta(days=7)).isoformat()
    now_row = project_row(api_get(client, PROJECTS, token), project)
    then_row = project_row(api_get(client, PROJECTS, token, as_at=earlier), project)
    assert (now_row["lifecycle_status"], now_row["financial_rag"]["code"]) == ("closed", "G")
    assert (then_row["lifecycle_status"], then_row["financial_rag"]["code"]) == ("active", "R")
    # The status filter reads the status each row shows: then, not now.
    active_then = api_get(client, PROJECTS, token, as_at=earlier, lifecycle_status="active")
    closed_then = api_get(client, PROJECTS, token, as_at=earlier, lifecycle_status="closed")
    assert project.pk in {row["id"] for row in active_then.json()["results"]}
    assert project.pk not in {row["id"] for row in closed_then.json()["results"]}
    closed_now = api_get(client, PROJECTS, token, lifecycle_status="closed").json()["results"]
    assert [row["id"] for row in closed_now] == [project.pk]


def test_every_endpoint_names_its_url(world):
    assert reverse("api:project-list") == PROJECTS


def test_a_risk_as_at_is_found_by_its_own_id_as_it_then_stood(client, world):
    risk = world.red_project.risks.get()
    Risk.history.filter(id=risk.pk).update(history_date=timezone.now() - timedelta(days=30))
    risk.description = "Reworded since"
    risk.save()
    earlier = (timezone.localdate() - timedelta(days=7)).isoformat()
    url = f"/api/v1/risks/{risk.pk}/"
    token = token_for(world.member)
    assert api_get(client, url, token).json()["description"] == "Reworded since"
    then = api_get(client, url, token, as_at=earlier).json()
    assert then["id"] == risk.pk
    assert then["description"].startswith("The hosting contract is let too late")


def test_a_risk_deleted_since_is_listed_as_at_a_day_before_and_not_after(client, world):
    risk = world.red_project.risks.get()
    risk_id = risk.pk
    Risk.history.filter(id=risk_id).update(history_date=timezone.now() - timedelta(days=30))
    risk.delete()
    Risk.history.filter(id=risk_id, history_type="-").update(
        history_date=timezone.now() - timedelta(days=10)
    )
    token = token_for(world.member)
    url = "/api/v1/risks/"

    def listed(days_ago):
        as_at = (timezone.localdate() - timedelta(days=days_ago)).isoformat()
        return [row["id"] for row in api_get(client, url, token, as_at=as_at).json()["results"]]

    assert listed(20) == [risk_id]
    assert listed(5) == []
    assert api_get(client, f"{url}{risk_id}/", token).status_code == 404
