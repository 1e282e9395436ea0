"""The cabinet report PDF: its text, structure, metadata and safety."""

import re

import pytest
from django.db import transaction

from reports.fetcher import BASE_URL, StaticOnlyFetcher
from reports.frozen import build_snapshot
from reports.render import render_pdf

from .reports import make_report, pdf_reader, pdf_text
from .world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cabinet_pdf(django_db_setup, django_db_blocker):
    """A report on the world's strategy with the default appendices, rendered once for the
    module (a PDF takes a second or two); the world it was drawn from is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = World.build()
        snapshot = build_snapshot(make_report(strategy=world.strategy))
        pdf, pages = render_pdf(snapshot)
        transaction.set_rollback(True)
    return snapshot, pdf, pages


def test_every_project_row_appears_with_its_sponsor_manager_and_status(cabinet_pdf):
    _, pdf, _ = cabinet_pdf
    text = pdf_text(pdf)
    # Project, sponsor, manager ("TBC" when there is none) and lifecycle status.
    for row in [
        "AP08 Wifi consolidation James Carpenter TBC Active",
        "AP10 Legacy datacentre closure James Carpenter TBC Active",
        "AP05 Active Directory James Carpenter TBC Active",
        "AP17 Revenues and Benefits Fraud James Carpenter TBC Active",
        "AP16 Strategic HR James Carpenter Lee Brown Complete",
    ]:
        assert row in text, row


def test_headings_appear_in_order(cabinet_pdf):
    _, pdf, _ = cabinet_pdf
    text = pdf_text(pdf)
    headings = [
        "Joint Technology Strategy update",
        "1. Recommendations",
        "2. Purpose of report",
        "3. Background",
        "Appendices",
        # No milestone has moved: a sentence, not a lettered appendix.
        "No milestone has moved since the last report.",
        "Background papers",
        "Appendix A: Programme and project status",
        "Appendix B: RAG summary",
        "Appendix C: Milestones by quarter",
        "Appendix D: Red and Amber exceptions",
    ]
    # Each heading is looked for after the one before it: the appendices list on
    # page 1 names the appendices too.
    position = 0
    for heading in headings:
        found = text.find(heading, position)
        assert found >= 0, f"{heading} missing, or out of order"
        position = found + len(heading)


def test_pdf_is_tagged_pdf_ua_with_title_author_subject_and_language(cabinet_pdf):
    _, pdf, pages = cabinet_pdf
    reader = pdf_reader(pdf)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    metadata = reader.metadata
    assert metadata.title == "Joint Technology Strategy update"
    assert metadata.author == "Simon Hewings"
    assert metadata.subject.startswith("Report to Cabinet, 4 November 2021")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp), "declares PDF/UA-1"
    assert len(reader.pages) == pages


def structure_roles(pdf):
    reader = pdf_reader(pdf)
    roles, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                roles.append((str(node["/S"]), node.get("/Alt")))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            stack.extend(node)
    return roles


def test_structure_has_real_headings_tables_and_alt_text_on_the_chart(cabinet_pdf):
    _, pdf, _ = cabinet_pdf
    roles = structure_roles(pdf)
    names = [role for role, _ in roles]
    assert names.count("/H1") == 1
    assert names.count("/H2") >= 8
    assert "/Table" in names and "/TH" in names and "/TD" in names
    figures = [alt for role, alt in roles if role == "/Figure"]
    assert figures, "the RAG chart is tagged as a figure"
    assert all(alt for alt in figures), "every figure has alt text"


def test_running_header_and_page_x_of_y(cabinet_pdf):
    _, pdf, pages = cabinet_pdf
    reader = pdf_reader(pdf)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert f"Page {pages} of {pages}" in last
    assert "South Oxfordshire District Council" in last
    assert "Joint Technology Strategy update" in last


def test_rag_is_shown_with_its_words(cabinet_pdf):
    _, pdf, _ = cabinet_pdf
    text = pdf_text(pdf)
    assert re.search(r"Blue complete", text)


def test_user_text_is_escaped_and_nothing_outside_static_is_fetched(world, monkeypatch):
    report = make_report(
        strategy=world.strategy,
        background=(
            "<img src='http://example.org/track.png'> <img src='file:///etc/passwd'>"
            "<style>body{background:url(https://example.org/x.png)}</style>"
        ),
    )
    fetched = []
    original = StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    pdf, _ = render_pdf(build_snapshot(report))

    assert "<img src='http://example.org/track.png'>" in pdf_text(pdf)
    assert fetched == [f"{BASE_URL}static/" + fetched[0].rsplit("/static/", 1)[1]]
    assert fetched[0].endswith(".css")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.png",
        "https://example.org/x.png",
        "file:///etc/passwd",
        "data:image/png;base64,AAAA",
        f"{BASE_URL}static/../../../etc/passwd",
        f"{BASE_URL}media/x.png",
        "https://portal.invalid.example.org/static/report-print.css",
    ],
)
def test_the_fetcher_refuses_anything_but_the_portals_static_files(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_a_document_pointing_outside_is_rendered_without_fetching_it():
    from weasyprint import HTML

    fetcher = StaticOnlyFetcher()
    HTML(
        string=(
            '<html lang="en-GB"><head><title>t</title>'
            "<style>p{background:url(https://example.org/bg.png)}</style></head>"
            '<body><p>Hello</p><img alt="x" src="http://example.org/x.png">'
            '<img alt="y" src="file:///etc/passwd"></body></html>'
        ),
        base_url=BASE_URL,
        url_fetcher=fetcher,
    ).write_pdf()
    assert set(fetcher.refused) == {
        "https://example.org/bg.png",
        "http://example.org/x.png",
        "file:///etc/passwd",
    }
