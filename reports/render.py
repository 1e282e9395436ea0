"""A snapshot into HTML (the preview, and the PDF's source) and into a PDF/UA-1 file."""

import io
from datetime import date, datetime
from types import SimpleNamespace

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from core.charts import stacked_bars
from core.rag_mix import RagCount

from .fetcher import BASE_URL, StaticOnlyFetcher

DATE_KEYS = {"due", "baseline", "forecast", "reported_on", "meeting_date"}


class Rows(list):
    """A list that answers `.all()`, so the shared partials read it as they read a queryset."""

    def all(self):
        return self


def _dates(value):
    """ISO dates back into dates, so templates format them as the screens do."""
    if isinstance(value, dict):
        return {
            key: date.fromisoformat(item) if key in DATE_KEYS and item else _dates(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_dates(item) for item in value]
    return value


def _scales(snapshot):
    scales = {}
    for scale_id, scale in snapshot["scales"].items():
        levels = Rows(SimpleNamespace(pk=lv["id"], **lv) for lv in scale["levels"])
        scales[scale_id] = SimpleNamespace(name=scale["name"], levels=levels)
    return scales


def _rag_chart(data, levels):
    rows = []
    for programme in data["programmes"]:
        counts = programme["counts"]
        total = sum(counts.values())
        bars = [RagCount(level, counts.get(str(level.pk), 0)) for level in levels]
        bars.append(RagCount(None, counts.get("None", 0)))
        rows.append((programme["name"], bars, total))
    return stacked_bars(rows), rows


def document_context(snapshot):
    scales = _scales(snapshot)
    scale = scales.get(snapshot["scale"])
    levels = list(scale.levels) if scale else []
    level_by_id = {level.pk: level for s in scales.values() for level in s.levels}
    appendices = []
    for appendix in _dates(snapshot["appendices"]):
        data = appendix["data"]
        for row in data.get("rows", []):
            if "rag" in row:
                row["rag_level"] = level_by_id.get(row["rag"])
        if data.get("since"):
            data["since_day"] = timezone.localdate(datetime.fromisoformat(data["since"]))
        if appendix["kind"] == "rag_summary":
            data["chart"], data["table"] = _rag_chart(data, levels)
        if appendix["kind"] == "plan_summary":
            for plan in data["plans"]:
                plan["scale"] = scales.get(str(plan["scale"]))
        appendices.append(appendix)
    return {
        "snapshot": snapshot,
        "report": _dates(snapshot["report"]),
        "sections": snapshot["sections"],
        "scale": scale,
        "levels": levels,
        "all_levels": list(level_by_id.values()),
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
    return output.getvalue(), len(document.pages)


def pdf_response(pdf, filename, *, download=False):
    """A PDF to open in the browser, or to save with `download`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
