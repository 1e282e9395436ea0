"""Backup and restore: every record comes back."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from contracts.models import ContractChange
from portal.management.commands.restore_portal import settle_deferred_constraints
from projects.models import Project

from .reports import make_report

pytestmark = pytest.mark.django_db

SKIPPED = {"contenttypes", "sessions", "admin", "axes"}


def snapshot_of_every_table():
    counts = {}
    for model in apps.get_models():
        label = model._meta.app_label
        if label in SKIPPED or model._meta.label == "auth.Permission":
            continue
        counts[model._meta.label] = model._default_manager.count()
    return counts


def test_a_backup_restores_every_record_into_an_empty_database(tmp_path, world):
    from reports.issuing import report_issue

    report_issue(report=make_report(strategy=world.strategy), by=world.clerk)
    before = snapshot_of_every_table()
    wifi = world.project
    backup = tmp_path / "backup.json"

    call_command("backup_portal", str(backup))
    settle_deferred_constraints()  # PostgreSQL: this test's own inserts are still pending
    call_command("flush", interactive=False, verbosity=0)
    assert not Project.objects.exists()
    call_command("restore_portal", str(backup))

    assert snapshot_of_every_table() == before
    restored = Project.objects.get(pk=wifi.pk)
    assert (restored.name, restored.lead_id, restored.version) == (
        wifi.name,
        wifi.lead_id,
        wifi.version,
    )
    assert ContractChange.objects.get(pk=world.change.pk).status == "scoping"
    from reports.models import ReportIssue

    assert ReportIssue.objects.get().verify()


def test_restore_refuses_a_database_that_holds_data(tmp_path, world):
    backup = tmp_path / "backup.json"
    call_command("backup_portal", str(backup))
    count = Project.objects.count()

    with pytest.raises(CommandError, match="restore only into an empty one"):
        call_command("restore_portal", str(backup))
    assert Project.objects.count() == count


def test_restore_leaves_content_types_and_permissions_in_place(tmp_path, world):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    permissions = Permission.objects.count()
    backup = tmp_path / "backup.json"
    call_command("backup_portal", str(backup))
    settle_deferred_constraints()
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore_portal", str(backup))

    assert ContentType.objects.filter(app_label="projects", model="project").exists()
    assert Permission.objects.count() == permissions
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
