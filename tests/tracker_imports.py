"""Uploading and confirming a tracker as the import pages do, for the import tests."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import Programme
from projects.models import Milestone, Project, ProjectFinance, StatusUpdate, TrackerImport

from .factories import make_strategy


def counts():
    """Rows of everything an import writes: equal before and after, nothing was written."""
    return (
        Project.objects.count(),
        Milestone.objects.count(),
        StatusUpdate.objects.count(),
        ProjectFinance.objects.count(),
        Programme.objects.count(),
    )


def upload(client, strategy, content, name="tracker.xlsx"):
    return client.post(
        reverse("tracker:start"),
        {"strategy": strategy.pk, "workbook": SimpleUploadedFile(name, content)},
    )


def confirm(client, tracker_import):
    response = client.post(reverse("tracker:confirm", args=[tracker_import.pk]))
    return b"".join(response.streaming_content).decode()


def import_as(client, strategy, content):
    response = upload(client, strategy, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    tracker_import = TrackerImport.objects.latest("pk")
    return tracker_import, confirm(client, tracker_import)


def new_action_plan_strategy():
    """An empty strategy on the action plan's key, for the action plan to import into."""
    return make_strategy(scale_slug="action-plan", title="Imported action plan")


def new_annual_plan_strategy(world):
    """An empty strategy on the annual plan's key, shared by the world contract's partners."""
    return make_strategy(
        scale_slug="annual-plan",
        title="Imported annual plan",
        organisations=world.contract.partners.all(),
    )
