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


def test_home_lists_strategies_programmes_and_projects(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("strategies")))

    assert (
        f"{world.strategy.title} 2018/19 – 2023/24 · approved 5 October 2018 · SODC, VOWH" in page
    )
    assert "Key: 12-month action plan key" in page
    assert "Green under way and on track" in page
    assert f"{world.programme.name} Project Sponsor Project manager Lead Status" in page
    assert f"{world.other_programme.name} Project Sponsor Project manager Lead Status" in page
    # Sponsor, project manager (none named: TBC), lead, status and RAG with its words.
    assert "AP08 Wifi consolidation James Carpenter TBC Lee Brown Active Not yet reported" in page
    assert (
        "AP10 Legacy datacentre closure James Carpenter TBC Lee Brown Active Red off track" in page
    )
    assert "AP16 Strategic HR James Carpenter Lee Brown Complete Blue complete" in page


def test_home_shows_the_annual_plan_with_its_own_rag_words(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("strategies")))
    assert "Key: Contract annual plan RAG" in page
    assert (
        f"{world.plan_item.name} TBC David Wilde Active Green on track reported 07/03/2022" in page
    )


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
