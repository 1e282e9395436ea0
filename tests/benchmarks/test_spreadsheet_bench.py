"""`make bench`: tracker import and spreadsheet export at the sizes issue 5 names.

Targets on the 2-core machine, read from the output: import 5,000 rows ≤ 10 s
(read, plan and write, in one transaction), export 10,000 projects ≤ 10 s.
"""

import hashlib
import io
import time
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from programmes.models import RagScale, Strategy
from projects.exports import action_plan_workbook, portfolio_workbook
from projects.models import Milestone, Project, StatusUpdate, TrackerImport
from projects.tracker.apply import apply_import, plan_workbook
from tests.tracker_workbooks import ANNUAL_HEADER

from .portfolio import build_portfolio

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
ITEMS = 1000
ROWS_PER_ITEM = 5  # the item's row and four continuation rows: 5,000 rows


def annual_plan_rows():
    book = Workbook()
    sheet = book.active
    sheet.title = "IT"
    sheet.append(["Annual Plan for:", "Five Councils IT"])
    sheet.append(["Part 2 - Annual Plan Items"])
    sheet.append(ANNUAL_HEADER)
    start = date(2021, 4, 1)
    for item in range(ITEMS):
        due = start + timedelta(days=item % 365)
        sheet.append(
            [
                f"B{item:04d}",
                f"Plan item {item} - improve the service",
                "Agree the approach",
                f"{due:%d/%m/%y}",
                "DW",
                "Obligation Matrix",
                "HDC, HBC",
                "Started",
                "RAG"[item % 3],
                f"12/02/2021 - Reviewed item {item}. 04/10/2021 - Scoped. "
                f"7/3/22 Update - Progressing item {item}.",
            ]
        )
        for step in range(1, ROWS_PER_ITEM):
            sheet.append(
                [
                    None,
                    None,
                    f"Step {step}",
                    f"By or before {due + timedelta(days=30 * step):%d %b %Y}",
                    "LB",
                    None,
                    None,
                    "Not started",
                ]
            )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_import_of_5000_rows():
    content = annual_plan_rows()
    strategy = Strategy.objects.create(
        slug="bench-import",
        title="Import benchmark",
        rag_scale=RagScale.objects.get(slug="annual-plan"),
    )
    user = get_user_model().objects.get(username="admin")

    started = time.perf_counter()
    plan = plan_workbook(strategy=strategy, user=None, filename="bench.xlsx", content=content)
    previewed = time.perf_counter()
    tracker_import = TrackerImport.objects.create(
        filename="bench.xlsx",
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        strategy=strategy,
        uploaded_by=user,
        plan=plan.as_json(),
        plan_digest=plan.digest(),
    )
    confirming = time.perf_counter()
    outcome = apply_import(tracker_import, user=user, operator=True)
    written = time.perf_counter()
    again = plan_workbook(strategy=strategy, user=None, filename="bench.xlsx", content=content)
    replanned = time.perf_counter()

    assert plan.rows >= ITEMS * ROWS_PER_ITEM
    assert outcome.created == ITEMS
    assert Milestone.objects.filter(project__programme__strategy=strategy).count() == 5000
    assert StatusUpdate.objects.filter(project__programme__strategy=strategy).count() == 3000
    assert again.count("unchanged") == ITEMS
    print(
        f"\nimport {plan.rows:,} rows ({len(content) / 1e6:.2f} MB): preview (read + plan) "
        f"{previewed - started:.2f} s, confirm (re-read, re-plan, write) "
        f"{written - confirming:.2f} s, total {previewed - started + written - confirming:.2f} s "
        f"[target ≤ 10 s]; re-import preview, nothing to change: {replanned - written:.2f} s"
    )


@pytest.mark.parametrize("layout", ["portal", "action-plan"])
def test_export_of_10000_projects(layout):
    strategy, _ = build_portfolio(10_000)
    projects = Project.objects.filter(programme__strategy=strategy)
    writer = action_plan_workbook if layout == "action-plan" else portfolio_workbook
    started = time.perf_counter()
    content = writer(projects)
    took = time.perf_counter() - started
    assert len(content) > 100_000
    print(
        f"\nexport 10,000 projects, {layout} layout: {took:.2f} s, {len(content) / 1e6:.1f} MB "
        "[target ≤ 10 s]"
    )
