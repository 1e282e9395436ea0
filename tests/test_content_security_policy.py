"""The Content Security Policy: no inline script or style without the response's nonce."""

import re

import pytest
from django.urls import reverse

from programmes.models import RagLevel

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return dict((part.split()[0], part.split()[1:]) for part in header.split(";") if part.strip())


def test_pages_carry_a_policy_without_unsafe_inline(client, member):
    client.force_login(member)
    response = client.get(reverse("home"))

    directives = policy(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    nonce = next(v for v in directives["script-src"] if v.startswith("'nonce-"))[7:-1]
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the page has scripts"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag or "src=" in tag, tag
    assert " style=" not in html


def test_each_request_gets_a_new_nonce(client, member):
    client.force_login(member)
    first = policy(client.get(reverse("home")))["script-src"]
    second = policy(client.get(reverse("home")))["script-src"]
    assert first != second


def test_rag_colours_come_from_a_stylesheet_of_the_levels(client, member):
    client.force_login(member)
    level = RagLevel.objects.get(scale__slug="action-plan", code="R")

    css = client.get(reverse("rag_css"))

    assert css["Content-Type"] == "text/css"
    rule = (
        f".app-rag--{level.pk} {{ background-color: {level.colour}; color: {level.text_colour}; }}"
    )
    assert rule in css.content.decode()
    page = client.get(reverse("projects:list")).content.decode()
    assert f'<link rel="stylesheet" href="{reverse("rag_css")}">' in page
    assert 'class="app-rag app-rag--' in page
