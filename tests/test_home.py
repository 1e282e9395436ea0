import html
import re

import pytest
from django.urls import reverse

from .factories import make_milestone, make_project, make_update

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's words as a person reads them: tags gone, entities decoded."""
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("strategies"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/strategies/"


def test_home_lists_strategies_programmes_and_projects(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("strategies")))

    assert "Joint Technology Strategy – Embracing digital to deliver service excellence" in page
    for programme in (
        "Platform",
        "Corporate systems",
        "Customer Systems",
        "Place and People systems",
    ):
        assert programme in page
    assert "Follow me print James Carpenter Simon Turner Complete Blue complete" in page
    assert "Regulation Liz Hayden TBC Scheduled No RAG recorded reported 29/10/2021" in page
    assert "Key: 12-month action plan key" in page
    assert "Green under way and on track" in page


def test_home_shows_the_annual_plan_with_its_own_rag_words(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("strategies")))
    assert "Key: Contract annual plan RAG" in page
    assert "Obligation Matrix Review" in page
    assert "Green on track reported 07/03/2022" in page


def _add_portfolio(size):
    for _ in range(size):
        project = make_project()
        make_update(project=project, code="A")
        make_milestone(project=project)


@pytest.mark.parametrize("extra_projects", [0, 60])
def test_home_query_count_does_not_grow_with_the_portfolio(
    client, member, django_assert_max_num_queries, extra_projects
):
    _add_portfolio(extra_projects)
    client.force_login(member)
    client.get(reverse("strategies"))  # warm the session and the user's groups
    # session, user, groups for navigation, projects, RAG levels, strategies,
    # programmes, scale levels, organisations.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("strategies"))
    assert response.status_code == 200
