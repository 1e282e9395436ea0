"""Dates are printed in words or as dd/mm/yyyy, never as ISO dates (2018-10-05), on the
demo's pages and in its reports."""

import re

import pytest
from django.urls import reverse

from contracts.models import Contract, ContractChange
from programmes.models import Programme, Strategy
from projects.models import Project
from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

from .reports import pdf_text
from .second_factor import log_in

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")


def visible_text(html):
    main = html.split("<main", 1)[-1]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


def demo_pages():
    yield reverse("forward_plan")
    yield reverse("reports:list")
    yield reverse("contracts:register")
    for strategy in Strategy.objects.all():
        yield f"{reverse('home')}?strategy={strategy.slug}"
        project = Project.objects.filter(programme__strategy=strategy).first()
        if project is not None:
            yield reverse("projects:detail", args=[project.pk])
    for programme in Programme.objects.all():
        yield reverse("programmes:detail", args=[programme.pk])
    for change in ContractChange.objects.all():
        yield reverse("contracts:change", args=[change.pk])
    for contract in Contract.objects.all():
        yield reverse("contracts:detail", args=[contract.pk])


def test_no_demo_page_prints_an_iso_date(client, administrator, demo_data):
    log_in(client, administrator)
    printed = {}
    for url in demo_pages():
        for match in ISO_DATE.finditer(visible_text(client.get(url).content.decode())):
            printed.setdefault(url, match.group(0))
    assert not printed


def test_no_demo_report_prints_an_iso_date(demo_data):
    for report in Report.objects.all():
        text = pdf_text(render_pdf(build_snapshot(report))[0])
        assert not ISO_DATE.search(text), report.title
