"""A snapshot into HTML (the preview, and the PDF's source) and into a PDF/UA-1 file."""

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML

from core.frozen_rows import from_json
from core.rag_ref import ScaleRef
from dashboards.panels.lead_figures import LeadFigures

from .appendix_registry import APPENDICES
from .fetcher import BASE_URL, StaticOnlyFetcher
from .pdf_tables import with_header_scopes
from .snapshot_versions import upgraded


@dataclass(frozen=True)
class MeetingTo:
    """One meeting a report goes to, with who presents it there."""

    body: str
    date: date
    portfolio_holders: str = ""


@dataclass(frozen=True)
class Cover:
    """The front page's facts, as the report was issued."""

    title: str
    committee: str
    meeting_date: date
    report_of: str
    author: str
    contact: str
    cabinet_members: str
    wards_affected: str
    exempt: str
    councils: list[str]
    scope: str
    # Reports issued before they were bound to meetings have neither: their cover prints
    # the committee and meeting date, as it did.
    meetings: list[MeetingTo] = field(default_factory=list)
    data_as_at: date | None = None


def document_context(snapshot):
    snapshot = upgraded(snapshot)
    scales = {key: from_json(scale, ScaleRef) for key, scale in snapshot["scales"].items()}
    scale = scales.get(snapshot["scale"])
    levels = list(scale.levels) if scale else []
    all_levels = {level.pk: level for s in scales.values() for level in s.levels}
    appendices = []
    for appendix in snapshot["appendices"]:
        registered = APPENDICES[appendix["kind"]]
        panel = registered.panel.from_json(appendix["data"])
        appendices.append(
            {
                "kind": appendix["kind"],
                "letter": appendix["letter"],
                "title": appendix["title"],
                "panel": panel,
                "partial": registered.partial,
                # A chart and table of counts are drawn in the report scale's levels.
                **(panel.drawn_with(levels) if hasattr(panel, "drawn_with") else {}),
            }
        )
    return {
        "snapshot": snapshot,
        "report": from_json(snapshot["report"], Cover),
        "sections": snapshot["sections"],
        # Reports issued before strategies chose their lead figures have none.
        "lead_figures": LeadFigures.from_json(snapshot.get("lead_figures", {"rows": []})),
        "scale": scale,
        "levels": levels,
        "all_levels": list(all_levels.values()),
        "appendices": appendices,
        "generated_at": datetime.fromisoformat(snapshot["generated_at"]),
    }


def render_html(snapshot, *, preview=False):
    context = document_context(snapshot)
    context["preview"] = preview
    return render_to_string("reports/document.html", context)


def render_pdf(snapshot):
    """(PDF bytes, page count) of a report's snapshot."""
    return pdf_from_html(render_html(snapshot))


def pdf_from_html(html):
    """(PDF bytes, page count). Tagged PDF/UA-1; only the portal's static files are fetched."""
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    output = io.BytesIO()
    document.write_pdf(output, pdf_variant="pdf/ua-1")
    return with_header_scopes(output.getvalue()), len(document.pages)


def pdf_response(pdf, filename, *, download=False):
    """A PDF to open in the browser, or to save with `download`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
