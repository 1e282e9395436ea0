"""Each API list answers in a fixed number of queries, whatever the size of the
portfolio: pinned for the world, and for the world with 30 more projects, each with
milestones, updates, money, a risk, an issue, a KPI actual and a contract change."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.urls import router
from contracts.models import ChangeTransition
from contracts.services import change_raise
from programmes.models import KpiActual
from projects.models import Issue, Milestone, Project, ProjectFinance, Risk

from .api import api_get, token_for
from .factories import make_milestone, make_project, make_update

pytestmark = pytest.mark.django_db

# Each reads the token with its person, their roles, the page's count and rows, and
# writes the log of the token's use: 5. The rate limit counts in the cache. Beside those:
QUERIES = {
    "strategies": 5,
    "programmes": 5,
    # The levels for the list's own RAG filter; the RAG levels, the page's milestones, what
    # they wait on and its money (api/project_rags.py).
    "projects": 10,
    "milestones": 5,
    "status-updates": 5,
    "risks": 6,  # and their owners
    "issues": 6,
    "kpis": 5,
    "kpi-actuals": 6,  # and their KPIs
    "contract-changes": 7,  # and the councils and projects of the page's changes
}


def grow(world, size):
    kpi = world.strategy.kpis.get()
    KpiActual.objects.create(kpi=kpi, period_end=date(2019, 3, 31), value=Decimal(80))
    for i in range(size):
        project = make_project(programme=world.programme, name=f"Grown project {i}", order=50 + i)
        make_milestone(project=project, title="Grown milestone", baseline_date=date(2019, 1, 1))
        make_milestone(project=project, title="Later milestone", baseline_date=date(2031, 1, 1))
        make_update(project=project, code="A", reported_on=date(2022, 3, 1))
        ProjectFinance.objects.create(
            project=project, year=2021, revenue_budget=Decimal(10), revenue_forecast=Decimal(12)
        )
        Risk.objects.create(
            project=project, reference=f"G{i}", description="Grown", owner=world.sponsor
        )
        Issue.objects.create(
            project=project, reference=f"I{i}", description="Grown", owner=world.sponsor
        )
        KpiActual.objects.create(
            kpi=kpi, period_end=date(2020, 1, 1) + timedelta(days=i), value=Decimal(90)
        )
        change_raise(contract=world.contract, author=world.owner, fields={"title": f"Grown {i}"})


# As at a past day, from the audit trail: projects do not read what they wait on (a
# dependency keeps no history), and read their status then in the page's own query.
QUERIES_AS_AT = QUERIES | {"projects": 9}


def entered_long_ago():
    """Everything the world holds as entered 60 days ago, so a day 30 days ago reads it
    from the audit trail."""
    long_ago = timezone.now() - timedelta(days=60)
    for model in (Project, Milestone, Risk, Issue, KpiActual, ProjectFinance):
        model.history.update(history_date=long_ago)
    ChangeTransition.objects.update(on=long_ago.date())


@pytest.mark.parametrize("as_at", [None, 30])
@pytest.mark.parametrize("extra", [0, 30])
@pytest.mark.parametrize("prefix", [prefix for prefix, _v, _b in router.registry])
def test_each_api_list_reads_in_a_fixed_number_of_queries(client, world, extra, prefix, as_at):
    grow(world, extra)
    entered_long_ago()
    token = token_for(world.member)
    days_ago = (timezone.localdate() - timedelta(days=as_at)).isoformat() if as_at else None
    params = {"as_at": days_ago} if as_at else {}
    expected = (QUERIES_AS_AT if as_at else QUERIES)[prefix]
    with CaptureQueriesContext(connection) as queries:
        response = api_get(client, f"/api/v1/{prefix}/", token, **params)
    assert response.status_code == 200
    assert len(response.json()["results"]) > 0
    assert len(queries) == expected, "\n".join(q["sql"][:150] for q in queries.captured_queries)
