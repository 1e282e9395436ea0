"""Reports issued before the panels had row models (snapshot version 1) print what they
printed when they were issued.

tests/goldens/version_1_snapshots.json holds the snapshots the code of 2a725da froze, and
the text of the PDF it printed from each: a report on each demo strategy and contract
with every appendix, and one on the 2021 strategy with two Red and one Amber project."""

import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps

from reports.frozen import SNAPSHOT_VERSION
from reports.models import Report, ReportIssue
from reports.render import render_pdf
from reports.snapshot_versions import upgraded

from .reports import pdf_text

GOLDENS = Path(__file__).parent / "goldens"
ISSUED = json.loads((GOLDENS / "version_1_snapshots.json").read_text())
VERSION_1 = {name: issued["snapshot"] for name, issued in ISSUED.items()}


@pytest.mark.parametrize("name", sorted(VERSION_1))
def test_a_version_1_snapshot_prints_what_it_printed_when_it_was_issued(name):
    assert VERSION_1[name]["version"] == 1
    assert pdf_text(render_pdf(VERSION_1[name])[0]) == ISSUED[name]["printed"]


def test_upgrading_keeps_each_rows_rag_level_whole_and_leaves_version_2_alone():
    snapshot = VERSION_1["south-vale-jts-2021-with-red-and-amber"]
    level_ids = {str(level["id"]) for s in snapshot["scales"].values() for level in s["levels"]}

    new = upgraded(snapshot)

    assert new["version"] == SNAPSHOT_VERSION == 2
    assert snapshot["version"] == 1  # the stored copy is not changed in place
    status = next(a for a in new["appendices"] if a["kind"] == "status_table")
    rags = [row["rag"] for row in status["data"]["rows"] if row["rag"]]
    assert rags and all(str(rag["pk"]) in level_ids and rag["words"] for rag in rags)
    red_amber = next(a for a in new["appendices"] if a["kind"] == "exceptions")
    assert [row["rag"]["label"] for row in red_amber["data"]["rows"]] == ["Red", "Red", "Amber"]
    assert upgraded(new) is new


def test_the_migration_rewrites_stored_version_1_snapshots(world):
    report = Report.objects.create(
        title="Joint Technology Strategy update",
        strategy=world.strategy,
        meeting_date=date(2021, 11, 4),
        report_of="Head of Policy and Programmes",
        author_name="Simon Hewings",
    )
    issue = ReportIssue.objects.create(
        report=report,
        label="Draft 1",
        snapshot=VERSION_1["contract-five-councils-capita-contract"],
        issued_by=world.clerk,
        issued_at=report.created_at,
    )
    migration = importlib.import_module("reports.migrations.0004_snapshots_version_2")

    migration.forwards(apps, None)

    issue.refresh_from_db()
    assert issue.snapshot == upgraded(VERSION_1["contract-five-councils-capita-contract"])
    plan = next(a for a in issue.snapshot["appendices"] if a["kind"] == "plan_summary")
    assert all(p["scale"]["name"] for p in plan["data"]["plans"])
