from django.db import migrations


class Migration(migrations.Migration):
    """The tables the portal app made take this app's names (reports_report, …)."""

    dependencies = [
        ("reports", "0001_initial"),
        ("portal", "0005_reports_move_to_their_app"),
    ]

    operations = [
        migrations.AlterModelTable(name="historicalreport", table=None),
        migrations.AlterModelTable(name="report", table=None),
        migrations.AlterModelTable(name="reportissue", table=None),
    ]
