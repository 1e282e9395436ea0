import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from projects.models import DeliveryStatus, Project
from projects.services import ConflictError, status_update_create

from .second_factor import log_in
from .test_home import text_of
from .updates import update_form_data

pytestmark = pytest.mark.django_db


def test_second_save_from_the_same_version_gets_the_conflict_page(officer, owned_project):
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(officer)
    url = reverse("projects:update", args=[owned_project.pk])
    assert first.get(url).status_code == second.get(url).status_code == 200
    opened = update_form_data(owned_project)  # both forms opened at version 1

    saved = first.post(url, {**opened, "progress": "First officer's progress"})
    assert saved.status_code == 302
    conflict = second.post(url, {**opened, "progress": "Second officer's careful words"})

    assert conflict.status_code == 409
    page = text_of(conflict)
    assert "Someone else saved an update to this project after you opened this page" in page
    assert "Their update" in page and "First officer's progress" in page
    assert "Second officer&#x27;s careful words</textarea>" in conflict.content.decode()
    assert 'name="version" value="2"' in conflict.content.decode()
    owned_project.refresh_from_db()
    assert owned_project.version == 2
    assert owned_project.latest_update.progress == "First officer's progress"
    assert owned_project.status_updates.filter(author=officer).count() == 1


def test_resubmitting_after_a_conflict_saves(client, officer, owned_project):
    client.force_login(officer)
    url = reverse("projects:update", args=[owned_project.pk])
    stale = update_form_data(owned_project)
    client.post(url, {**stale, "progress": "First"})
    conflict = client.post(url, {**stale, "progress": "Second"})
    assert conflict.status_code == 409
    retry = client.post(url, {**stale, "progress": "Second", "version": 2})
    assert retry.status_code == 302
    assert Project.objects.get(pk=owned_project.pk).latest_update.progress == "Second"


@pytest.mark.django_db(transaction=True)
def test_two_saves_racing_from_one_version_cannot_both_succeed(officer, owned_project):
    """Real concurrency needs a server database: run on PostgreSQL by CI."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory and single-writer; CI races on PostgreSQL")
    project = owned_project
    green = project.rag_scale.levels.get(code="G")
    barrier = threading.Barrier(2)
    outcomes = []

    def save(label):
        barrier.wait()
        try:
            status_update_create(
                project=project,
                author=officer,
                version=1,
                rag=green,
                delivery_status=DeliveryStatus.STARTED,
                progress=label,
            )
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(f"race {i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    project.refresh_from_db()
    assert project.version == 2
    assert project.status_updates.filter(progress__startswith="race").count() == 1


def test_a_conflict_never_puts_back_milestone_dates_the_other_officer_changed(
    officer, owned_project
):
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(officer)
    url = reverse("projects:update", args=[owned_project.pk])
    opened = update_form_data(owned_project)
    # The third row of the form: the project's last milestone.
    last = owned_project.milestones.last()
    theirs = update_form_data(
        owned_project, milestones={last.title: {"forecast_date": "30/06/2019"}}
    )
    assert first.post(url, {**theirs, "progress": "Replanned"}).status_code == 302

    conflict = second.post(url, {**opened, "progress": "Mine"})
    assert conflict.status_code == 409
    body = conflict.content.decode()
    assert (
        'name="milestones-2-forecast_date_2" type="text" inputmode="numeric" value="2019"' in body
    )
    owned_project.refresh_from_db()
    retry = second.post(url, {**update_form_data(owned_project), "progress": "Mine"})
    assert retry.status_code == 302
    last.refresh_from_db()
    assert last.forecast_date.isoformat() == "2019-06-30"


def test_an_admin_edit_after_the_form_opened_gets_the_conflict_page(
    client, officer, administrator, owned_project
):
    stale = update_form_data(owned_project)
    milestone = owned_project.milestones.first()
    admin = Client()
    log_in(admin, administrator)
    change = admin.post(
        reverse("admin:projects_milestone_change", args=[milestone.pk]),
        {
            "project": owned_project.pk,
            "title": milestone.title,
            "baseline_date": "30/09/2018",
            "forecast_date": "31/10/2018",
            "due_text": milestone.due_text,
            "delivery_status": "started",
            "lead": milestone.lead_id or "",
            "order": milestone.order,
        },
    )
    assert change.status_code == 302, change.content.decode()[:2000]
    client.force_login(officer)
    response = client.post(reverse("projects:update", args=[owned_project.pk]), stale)
    assert response.status_code == 409
    assert "They changed the project" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.forecast_date.isoformat() == "2018-10-31"


@pytest.mark.django_db(transaction=True)
def test_two_clerks_issuing_at_once_get_two_numbered_drafts(world):
    """Issuing locks the report: concurrent issues number Draft 1 and Draft 2, never twice."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory and single-writer; CI races on PostgreSQL")
    from reports.issuing import report_issue

    from .reports import make_report

    clerk = world.clerk
    report = make_report(
        strategy=world.strategy,
        include_milestones_by_quarter=False,
        include_milestone_changes=False,
    )
    barrier = threading.Barrier(2)
    labels, errors = [], []

    def issue():
        barrier.wait()
        try:
            labels.append(report_issue(report=report, by=clerk).label)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(labels) == ["Draft 1", "Draft 2"]
    assert report.issues.count() == 2


def _race(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def run(action):
        barrier.wait()
        try:
            outcomes.append(action())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def _previewed_import(user, strategy, content):
    from .factories import make_previewed_import

    return make_previewed_import(strategy=strategy, user=user, content=content)[0]


def _confirm(tracker_import, user):
    from projects.tracker.apply import StalePreview, apply_import

    def action():
        try:
            apply_import(tracker_import, user=user)
            return "imported"
        except StalePreview:
            return "stale"

    return action


@pytest.mark.django_db(transaction=True)
def test_confirming_one_import_twice_at_once_writes_it_once(administrator):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory and single-writer; CI races on PostgreSQL")
    from programmes.models import RagScale, Strategy

    from .tracker_workbooks import annual_plan

    strategy = Strategy.objects.create(
        slug="race", title="Race", rag_scale=RagScale.objects.get(slug="annual-plan")
    )
    tracker_import = _previewed_import(administrator, strategy, annual_plan())
    again = type(tracker_import).objects.get(pk=tracker_import.pk)

    outcomes = _race(_confirm(tracker_import, administrator), _confirm(again, administrator))

    assert outcomes == ["imported", "stale"]
    assert Project.objects.filter(programme__strategy=strategy).count() == 5


@pytest.mark.django_db(transaction=True)
def test_an_import_and_an_officers_save_of_the_same_project_never_both_land_unseen(
    administrator, officer, owned_project
):
    """Either the import wins and the officer gets the conflict page, or the officer wins
    and the import is refused as stale: no write lands on top of one it did not see."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory and single-writer; CI races on PostgreSQL")
    from openpyxl import Workbook

    from .tracker_workbooks import saved

    project = owned_project
    book = Workbook()
    book.active.append(["Activity Stream", "Project", "RAG", "Progress"])
    book.active.append([project.programme.name, project.name, "Red", "01/11/2026 - Late"])
    tracker_import = _previewed_import(administrator, project.programme.strategy, saved(book))
    green = project.rag_scale.levels.get(code="G")

    def officer_saves():
        try:
            status_update_create(
                project=project,
                author=officer,
                version=project.version,
                rag=green,
                delivery_status=DeliveryStatus.STARTED,
                progress="Officer's save",
            )
            return "saved"
        except ConflictError:
            return "conflict"

    outcomes = _race(officer_saves, _confirm(tracker_import, administrator))

    assert outcomes in (["conflict", "imported"], ["saved", "stale"])
    landed = set(project.status_updates.values_list("progress", flat=True))
    assert ("Officer's save" in landed) != ("Late" in landed)
