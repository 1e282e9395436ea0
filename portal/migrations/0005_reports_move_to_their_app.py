from django.db import migrations


class Migration(migrations.Migration):
    """The cabinet reports' models are the reports app's now (reports 0001): the portal
    app forgets them, and their tables stay where they are."""

    dependencies = [
        ("portal", "0004_report_money"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalReport"),
                migrations.DeleteModel(name="ReportIssue"),
                migrations.DeleteModel(name="Report"),
            ],
            database_operations=[],
        ),
    ]
