from django.db import migrations

from reports.snapshot_versions import downgraded, upgraded


def forwards(apps, schema_editor):
    """Issued reports' snapshots in version 2's shape: each row keeps its RAG level
    whole (reports/snapshot_versions.py). What they print does not change
    (tests/test_report_snapshots.py)."""
    ReportIssue = apps.get_model("reports", "ReportIssue")
    for issue in ReportIssue.objects.only("snapshot").iterator():
        if issue.snapshot.get("version", 1) < 2:
            issue.snapshot = upgraded(issue.snapshot)
            issue.save(update_fields=["snapshot"])


def backwards(apps, schema_editor):
    ReportIssue = apps.get_model("reports", "ReportIssue")
    for issue in ReportIssue.objects.only("snapshot").iterator():
        if issue.snapshot.get("version", 1) >= 2:
            issue.snapshot = downgraded(issue.snapshot)
            issue.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_appendices_as_a_list")]

    operations = [migrations.RunPython(forwards, backwards)]
