"""`make bench`: the cabinet report PDF against its floor, side by side in one run.

The floor is WeasyPrint rendering a bare HTML document with the same text and
tables (built from the same snapshot), also as PDF/UA-1, laid out as the report is: the
same page size and margins, type sizes, table padding, a page an appendix and a
landscape page for the quarters, so both lay out about the same pages (issue 21: a
floor of 165 pages against a report of 91 compared different documents).
Targets, read from the output: the 50-project report ≤ 1.3× its floor and ≤ 3 s;
the 200-project report ≤ 1.3× its floor.
"""

import io
import statistics
import time
from datetime import date
from html import escape

import pytest
from weasyprint import HTML

from reports.appendix_registry import chosen_by_default
from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

from .portfolio import build_portfolio

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
RUNS = 3
FLOOR_CSS = """
@page { size: A4; margin: 22mm 16mm 20mm; }
@page landscape { size: A4 landscape; }
html { font-family: Arial, "Liberation Sans", sans-serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; } h3 { font-size: 11pt; }
table { width: 100%; border-spacing: 0; font-size: 8.5pt; }
th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm; }
section { break-before: page; }
section.quarters { page: landscape; }
"""


def _cells(value):
    """A value's cells as HTML: a row of quarter cells is a cell a quarter with a line a
    milestone, as in the report."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        return [
            "<br>".join(escape(f"{item['milestone']} ({item['due']})") for item in cell)
            for cell in value
        ]
    return [escape(_cell(value))]


def _cell(value):
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _table(rows):
    if not rows:
        return "<p>None.</p>"
    keys = [key for key in rows[0] if key != "rag"]
    head = "".join(f"<th>{escape(key)}</th>" for key in keys)
    body = []
    for row in rows:
        cells = [text for key in keys for text in _cells(row[key])]
        if "rag" in row:
            level = row["rag"]  # the level, whole (snapshot version 2)
            cells.append(escape(f"{level['label']} {level['words']}" if level else "None recorded"))
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def bare_html(snapshot):
    """The same words and tables as the report, with nothing else."""
    report = snapshot["report"]
    parts = [f"<h1>{escape(report['title'])}</h1>"]
    for section in snapshot["sections"]:
        parts.append(f"<h2>{escape(section['heading'])}</h2><p>{escape(section['text'])}</p>")
    for appendix in snapshot["appendices"]:
        kind = "quarters" if appendix["kind"] == "milestones_by_quarter" else "appendix"
        parts.append(f'<section class="{kind}">')
        parts.append(f"<h2>Appendix {appendix['letter']}: {escape(appendix['title'])}</h2>")
        data = appendix["data"]
        for group in data.get("quarters", []) + data.get("plans", []):
            parts.append(f"<h3>{escape(group.get('label') or group.get('title'))}</h3>")
            parts.append(_table(group.get("rows") or group.get("areas")))
        if "rows" in data:
            parts.append(_table(data["rows"]))
        for programme in data.get("programmes", []):
            counts = ", ".join(f"{k}: {v}" for k, v in programme["counts"].items())
            parts.append(f"<p>{escape(programme['name'])}: {escape(counts)}</p>")
        parts.append("</section>")
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(report['title'])}</title><style>{FLOOR_CSS}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def floor_pdf(snapshot):
    document = HTML(string=bare_html(snapshot)).render()
    output = io.BytesIO()
    document.write_pdf(output, pdf_variant="pdf/ua-1")
    return output.getvalue(), len(document.pages)


def timed(render, snapshot):
    times, pages = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        _, pages = render(snapshot)
        times.append(time.perf_counter() - started)
    return statistics.median(times), pages


@pytest.mark.parametrize("size", [50, 200])
def test_bench_cabinet_report_against_its_floor(size):
    strategy, _ = build_portfolio(size)
    report = Report.objects.create(
        title=f"Technology strategy update ({size} projects)",
        strategy=strategy,
        meeting_date=date(2026, 12, 3),
        data_cut_off=date.today(),  # the portfolio is built today
        report_of="Head of Digital",
        author_name="Benchmark",
        recommendations="(a) Cabinet notes the progress made. " * 5,
        background="The strategy was approved in 2018. " * 40,
        appendices=[*chosen_by_default(), "change_register", "risk_register"],
    )
    snapshot = build_snapshot(report)
    render_pdf(snapshot)  # warm fonts and caches for both sides alike
    ours, our_pages = timed(render_pdf, snapshot)
    floor, floor_pages = timed(floor_pdf, snapshot)
    print(
        f"\n{size} projects, all appendices: report {ours:.2f} s ({our_pages} pages), "
        f"floor {floor:.2f} s ({floor_pages} pages), ratio {ours / floor:.2f}×"
    )
