"""Each demo report and a highlight report pass the `pdfua` package's machine checks of
PDF/UA-1 with no error and no warning: their table headers carry /Scope
(reports/pdf_tables.py). pdfua 0.1.3 cannot evaluate its empty-heading rule on
WeasyPrint's files (the rule raises on a heading whose /K is an array), so that rule is
checked here instead."""

import io

import pikepdf
import pytest
from django.urls import reverse
from pdfua import Severity, validate

from projects.models import Project
from reports.appendix_registry import APPENDICES
from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

pytestmark = pytest.mark.django_db

HEADINGS = {f"/H{n}" for n in range(1, 7)}


def problems(pdf, tmp_path):
    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    report = validate(str(path))
    found = [
        f"{f.rule_id} {f.location.describe()}: {f.message}"
        for f in report.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]
    return found + empty_headings(pdf)


def empty_headings(pdf):
    """Headings whose structure marks no content: what pdfua's UA-14-001 would say."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        empty = []

        def marks_content(node):
            if isinstance(node, int) and not isinstance(node, bool):
                return True
            if isinstance(node, pikepdf.Array):
                return any(marks_content(item) for item in node)
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/Type") == pikepdf.Name("/MCR"):
                    return True
                return marks_content(node.get("/K"))
            return False

        def walk(node):
            if isinstance(node, pikepdf.Array):
                for item in node:
                    walk(item)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if str(node.S) in HEADINGS and not marks_content(node.get("/K")):
                    empty.append(f"empty heading {node.S}")
                walk(node.get("/K"))

        walk(document.Root.StructTreeRoot.get("/K"))
        return empty


def test_each_demo_report_passes_the_pdf_ua_checks(demo_data, tmp_path):
    reports = list(Report.objects.all())
    assert len(reports) == 4  # three cabinet reports and Oxfordshire's quarterly review
    for report in reports:
        report.appendices = list(APPENDICES)  # every table the portal can print
        assert problems(render_pdf(build_snapshot(report))[0], tmp_path) == [], report.title


def test_a_highlight_report_passes_the_pdf_ua_checks(client, member, demo_data, tmp_path):
    project = Project.objects.get(name="Connectivity")
    client.force_login(member)
    pdf = client.get(reverse("project_highlight", args=[project.pk])).content
    assert problems(pdf, tmp_path) == []


def test_without_scopes_the_checker_warns(demo_data, tmp_path, monkeypatch):
    """The check can fail: WeasyPrint's own file, unscoped, draws UA-15-003 warnings."""
    from reports import render

    monkeypatch.setattr(render, "with_header_scopes", lambda pdf: pdf)
    report = Report.objects.get(strategy__slug="south-vale-jts-2021")
    assert any("UA-15-003" in p for p in problems(render_pdf(build_snapshot(report))[0], tmp_path))
