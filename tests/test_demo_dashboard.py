"""The dashboard on the seed papers' data shows the papers' own figures: the 2018 action
plan's headlines and the 2021 Annex B's RAG mix. What the dashboard does with any data is
tested on the small world, in test_dashboard.py."""

import pytest
from django.urls import reverse

from projects.models import Milestone

from .test_home import text_of

pytestmark = pytest.mark.django_db


def test_headlines_for_the_action_plan_match_the_paper(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("home"), {"strategy": "south-vale-jts-2018"}))
    overdue = sum(
        m.is_overdue()
        for m in Milestone.objects.filter(project__programme__strategy__slug="south-vale-jts-2018")
    )
    assert "22 projects" in page
    assert "22 active" in page
    assert "£138k Budget outside contract" in page
    assert "£37k In-year pressure" in page
    assert "5 open contract changes" in page
    assert f"{overdue} overdue milestones" in page
    assert overdue == 62


def test_annex_b_rag_counts_and_chart_match_the_paper(client, member):
    client.force_login(member)
    response = client.get(reverse("home"))  # the first strategy: the 2021 Annex B
    page = text_of(response)
    assert "Joint Technology Strategy – Embracing digital" in page
    assert "4 projects Blue complete" in page
    assert "18 projects No RAG yet" in page
    assert "0 projects Red off track" in page
    assert "Platform: 1 Blue (complete), 4 No RAG (no RAG yet)." in response.content.decode()
    assert "Platform 0 0 0 1 0 4 5" in page
