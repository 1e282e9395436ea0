"""Cabinet reports move from the portal app to the reports app with everything they had:
their tables, their programmes, their history, the appendices they carry, the
permissions given on them, and their issued snapshots (reports 0001-0004, portal 0005)."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reports.models import Report, ReportIssue
from reports.snapshot_versions import downgraded, upgraded

GOLDENS = Path(__file__).parent / "goldens"
ISSUED = json.loads((GOLDENS / "version_1_snapshots.json").read_text())
# The schema before reports had their app (programmes as it was then, too).
BEFORE = [
    ("portal", "0004_report_money"),
    ("reports", None),
    ("programmes", "0004_financial_rag_scale"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return (
        MigrationExecutor(connection)
        .loader.project_state([target for target in targets if target[1]])
        .apps
    )


def test_downgrading_an_upgraded_snapshot_gives_back_what_was_issued():
    for issued in ISSUED.values():
        assert downgraded(upgraded(issued["snapshot"])) == issued["snapshot"]


@pytest.mark.django_db(transaction=True)
def test_reports_move_to_their_app_with_everything_they_had():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        moved_with_everything(old)
    finally:
        migrate(latest)  # the next test starts from today's schema whatever happened


def moved_with_everything(old):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    user = old.get_model("auth", "User").objects.create(username="clerk")
    strategy = old.get_model("programmes", "Strategy").objects.create(
        slug="jts",
        title="Joint Technology Strategy",
        rag_scale=old.get_model("programmes", "RagScale").objects.create(slug="k", name="Key"),
    )
    programme = old.get_model("programmes", "Programme").objects.create(
        strategy=strategy, name="Platform"
    )
    report = old.get_model("portal", "Report").objects.create(
        title="Update",
        strategy=strategy,
        meeting_date=date(2018, 10, 5),
        report_of="Head of Policy",
        author_name="A Clerk",
        include_status_table=False,
        include_exceptions=True,
        include_risk_register=True,
        include_money=True,
    )
    report.programmes.add(programme)
    old.get_model("portal", "HistoricalReport").objects.create(
        id=report.pk,
        title="Update (draft)",
        meeting_date=date(2018, 10, 5),
        report_of="Head of Policy",
        author_name="A Clerk",
        created_at=report.created_at,
        updated_at=report.updated_at,
        include_rag_summary=False,
        include_plan_summary=True,
        history_date=datetime(2018, 10, 1, tzinfo=UTC),
        history_type="+",
    )
    old.get_model("portal", "ReportIssue").objects.create(
        report=report,
        label="Draft 1",
        snapshot=ISSUED["south-vale-jts-2021-with-red-and-amber"]["snapshot"],
        issued_by=user,
        issued_at=datetime(2018, 10, 2, tzinfo=UTC),
    )
    # Migrating back moved the report's content type back to the portal app, as it was.
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="portal", model="report"
    )
    permission, _ = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename="change_report", defaults={"name": "Can change"}
    )
    old.get_model("auth", "Group").objects.create(name="Editors").permissions.add(permission)

    migrate(latest)

    moved = Report.objects.get(title="Update")
    assert moved.appendices == ["rag_summary", "milestones_by_quarter", "milestone_changes",
                                "exceptions", "risk_register", "money"]  # fmt: skip
    assert list(moved.programmes.values_list("name", flat=True)) == ["Platform"]
    draft = moved.history.get(title="Update (draft)")
    assert draft.appendices == ["status_table", "milestones_by_quarter", "milestone_changes",
                                "exceptions", "plan_summary"]  # fmt: skip
    issue = ReportIssue.objects.get(report=moved)
    assert issue.snapshot["version"] == 2
    assert issue.snapshot == upgraded(ISSUED["south-vale-jts-2021-with-red-and-amber"]["snapshot"])
    granted = Group.objects.get(name="Editors").permissions.get()
    assert (granted.content_type.app_label, granted.codename) == ("reports", "change_report")
    assert Permission.objects.filter(content_type__app_label="portal").count() == 0
    tables = connection.introspection.table_names()
    assert {"reports_report", "reports_report_programmes", "reports_historicalreport"} <= set(
        tables
    )
    assert not {t for t in tables if t.startswith("portal_")}
