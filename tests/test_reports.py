"""Composing, previewing and issuing cabinet reports, as clerks and members do."""

import hashlib
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from projects.models import Project
from reports import issuing
from reports.appendix_registry import APPENDICES, chosen_by_default
from reports.frozen import build_snapshot
from reports.models import Report, ReportIssue
from reports.render import render_pdf

from .factories import make_milestone, make_project, make_strategy
from .reports import make_report, pdf_text
from .task_queue import QUEUE_IN_DATABASE, run_queued_tasks
from .test_home import text_of
from .updates import date_parts

pytestmark = pytest.mark.django_db


def report_form_data(**fields):
    return {
        "title": "Joint Technology Strategy update",
        "committee": "Cabinet",
        "report_of": "Head of Policy and Programmes",
        "author_name": "Simon Hewings",
        "contact": "",
        "cabinet_members": "",
        "wards_affected": "All",
        "exempt_paragraph": "",
        "recommendations": "(a) Cabinet notes the progress made.",
        "appendices": ["status_table"],
        **date_parts("meeting_date", date(2021, 11, 4)),
        **fields,
    }


def issue(client, report, *, final=False):
    data = {"final": "yes"} if final else {}
    return client.post(reverse("reports:issue_create", args=[report.pk]), data)


def test_clerk_composes_a_report_on_a_strategy(client, world):
    client.force_login(world.clerk)
    url = f"{reverse('reports:new')}?strategy={world.strategy.pk}&contract="

    response = client.post(url, report_form_data())

    report = Report.objects.get(title="Joint Technology Strategy update")
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert (report.strategy, report.created_by) == (world.strategy, world.clerk)
    assert report.meeting_date == date(2021, 11, 4)


def test_a_report_needs_a_subject_title_and_meeting_date(client, world):
    client.force_login(world.clerk)
    scope = text_of(client.get(reverse("reports:new"), {"strategy": "", "contract": ""}))
    assert "Choose the strategy or the contract the report is about" in scope

    url = f"{reverse('reports:new')}?strategy={world.strategy.pk}"
    page = text_of(client.post(url, report_form_data(title="", meeting_date_0="")))
    assert "Enter the report's title" in page
    assert "Meeting date must include a day" in page
    assert not Report.objects.exists()


def test_a_new_report_on_the_same_scope_starts_from_the_last_ones_text(client, world):
    background = "What happened since October 2018."
    make_report(strategy=world.strategy, background=background, include_risk_register=True)
    client.force_login(world.clerk)

    page = client.get(reverse("reports:new"), {"strategy": world.strategy.pk}).content.decode()

    assert background in page
    assert 'name="appendices" type="checkbox" value="risk_register" checked' in page


@pytest.mark.parametrize("persona", ["member", "officer"])
def test_only_clerks_and_administrators_compose_preview_and_issue(client, world, persona, request):
    report = make_report(strategy=world.strategy)
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("reports:new")).status_code == 403
    assert client.get(reverse("reports:preview", args=[report.pk])).status_code == 403
    assert issue(client, report).status_code == 403
    assert not ReportIssue.objects.exists()


def test_preview_is_marked_as_a_draft_in_html_but_not_in_the_pdf(client, world):
    report = make_report(strategy=world.strategy)
    client.force_login(world.clerk)

    html = text_of(client.get(reverse("reports:preview", args=[report.pk])))
    pdf = client.get(reverse("reports:preview_pdf", args=[report.pk]))

    assert "Draft preview built at" in html
    assert "Appendix A: Programme and project status" in html
    assert pdf["Content-Type"] == "application/pdf"
    assert "Draft preview built at" not in pdf_text(pdf.content)


def test_issuing_numbers_drafts_then_the_final_and_stores_the_pdf_with_its_hash(
    client, world, clerk, member
):
    report = make_report(strategy=world.strategy)
    client.force_login(clerk)
    issue(client, report)
    issue(client, report)
    issue(client, report, final=True)

    issues = list(report.issues.order_by("issued_at", "id"))
    assert [i.label for i in issues] == ["Draft 1", "Draft 2", "Final"]
    for issued in issues:
        assert issued.state == ReportIssue.State.ISSUED
        assert issued.sha256 == hashlib.sha256(bytes(issued.pdf)).hexdigest()
        assert issued.issued_by == clerk

    refused = issue(client, report)
    assert ReportIssue.objects.filter(report=report).count() == 3
    assert "The final version has been issued" in text_of(client.get(refused["Location"]))
    assert client.get(reverse("reports:edit", args=[report.pk])).status_code == 403

    client.force_login(member)
    register = text_of(client.get(reverse("reports:list")))
    assert "Final (PDF)" in register and "Draft 1" not in register
    download = client.get(reverse("reports:download", args=[issues[-1].pk]))
    assert download.content == bytes(issues[-1].pdf)
    assert "attachment" in download["Content-Disposition"]


def test_an_issued_report_is_unchanged_by_later_project_edits(client, world):
    report = make_report(strategy=world.strategy)
    client.force_login(world.clerk)
    issue(client, report)
    issued = report.issues.get()
    before = bytes(issued.pdf)
    assert "Wifi consolidation" in pdf_text(before)

    Project.objects.filter(pk=world.project.pk).update(name="Wifi replaced entirely")

    issued.refresh_from_db()
    assert bytes(issued.pdf) == before
    assert issued.verify()
    again, _ = render_pdf(issued.snapshot)
    assert pdf_text(again) == pdf_text(before)
    assert "Wifi replaced entirely" in pdf_text(render_pdf(build_snapshot(report))[0])


def queued_tasks():
    return list(DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by("enqueued_at"))


def test_issuing_queues_the_render_for_a_worker_and_shows_its_state_until_done(client, world):
    report = make_report(strategy=world.strategy)
    client.force_login(world.clerk)

    with QUEUE_IN_DATABASE:
        response = issue(client, report)
        issued = report.issues.get()
        waiting = client.get(response["Location"])
        render, highlights = queued_tasks()

        assert issued.state == ReportIssue.State.QUEUED and not issued.pdf
        assert render.task_path == "reports.issuing.render_report_issue"
        assert render.args_kwargs == {"args": [issued.pk], "kwargs": {}}
        assert highlights.task_path == "reports.highlight_packs.render_highlight_pack"
        assert highlights.args_kwargs == {"args": [issued.highlight_pack.pk], "kwargs": {}}
        assert '<meta http-equiv="refresh" content="2">' in waiting.content.decode()
        assert "Waiting to render" in text_of(waiting)
        assert "No task worker is running" in text_of(waiting)

        run_queued_tasks()

    issued.refresh_from_db()
    done = text_of(client.get(response["Location"]))
    assert issued.state == ReportIssue.State.ISSUED and issued.verify()
    assert "Issued" in done and "Download the PDF" in done


def test_a_snapshot_renders_to_the_same_bytes_every_time(world):
    # A render run again, after its worker was lost, must give the issued checksum.
    snapshot = build_snapshot(make_report(strategy=world.strategy))

    assert render_pdf(snapshot)[0] == render_pdf(snapshot)[0]


def test_a_render_its_worker_stops_part_way_waits_again_for_the_next(world, monkeypatch):
    def stopped(snapshot):
        raise SystemExit(1)  # db_worker's answer to a second SIGTERM, mid-task

    report = make_report(strategy=world.strategy)
    with QUEUE_IN_DATABASE:
        issued = issuing.report_issue(report=report, by=world.clerk)
        monkeypatch.setattr(issuing, "render_pdf", stopped)
        with pytest.raises(SystemExit):
            issuing.render_report_issue.call(issued.pk)
        waiting = [task.args_kwargs for task in queued_tasks()]
    issued.refresh_from_db()

    assert issued.state == ReportIssue.State.QUEUED
    assert {"args": [issued.pk], "kwargs": {"attempt": 1}} in waiting


def test_a_failed_render_is_tried_again_later_and_the_page_says_when(client, world, monkeypatch):
    report = make_report(strategy=world.strategy)
    client.force_login(world.clerk)
    monkeypatch.setattr(issuing, "render_pdf", broken_render)

    with QUEUE_IN_DATABASE:
        response = issue(client, report)
        run_queued_tasks()
        issued = report.issues.get()
        [retry] = [task for task in queued_tasks() if task.task_path.endswith("report_issue")]
        page = text_of(client.get(response["Location"]))

    assert issued.state == ReportIssue.State.QUEUED and issued.attempts == 1
    assert retry.args_kwargs == {"args": [issued.pk], "kwargs": {"attempt": 2}}
    # The first retry waits 30 seconds (core.task_queue.retry_delay).
    assert abs((retry.run_after - issued.retry_at).total_seconds()) < 1
    assert 25 < (retry.run_after - timezone.now()).total_seconds() <= 30
    assert "Attempt 1 to make the PDF failed: OSError: font cache locked" in page
    assert f"tries again at {timezone.localtime(issued.retry_at):%H:%M}" in page


def test_a_failed_render_says_so_and_can_be_tried_again(client, world, monkeypatch):
    report = make_report(strategy=world.strategy)
    client.force_login(world.clerk)
    monkeypatch.setattr(issuing, "render_pdf", broken_render)
    response = issue(client, report)
    issued = report.issues.get()

    page = text_of(client.get(response["Location"]))
    # Tried three times (run at once here: the tests' tasks are immediate), then left.
    assert issued.state == ReportIssue.State.FAILED and issued.attempts == 3
    assert "The PDF could not be made" in page and "OSError: font cache locked" in page

    monkeypatch.setattr(issuing, "render_pdf", render_pdf)
    client.post(reverse("reports:retry", args=[issued.pk]))
    issued.refresh_from_db()
    assert issued.state == ReportIssue.State.ISSUED and issued.verify()


def test_trying_again_never_renders_an_issued_version_twice(client, world):
    report = make_report(strategy=world.strategy)
    client.force_login(world.clerk)
    issue(client, report)
    issued = report.issues.get()
    before = (bytes(issued.pdf), issued.rendered_at)

    client.post(reverse("reports:retry", args=[issued.pk]))

    issued.refresh_from_db()
    assert (bytes(issued.pdf), issued.rendered_at) == before
    assert issued.state == ReportIssue.State.ISSUED


def test_a_contract_report_appends_the_change_register_and_the_plan_summary(world):
    report = make_report(
        contract=world.contract,
        title="Five Councils contract changes",
        appendices=[*chosen_by_default(), "change_register", "plan_summary"],
    )
    text = pdf_text(render_pdf(build_snapshot(report))[0])

    assert "Contract change register" in text
    assert world.other_change.title in text
    assert "Scoping: 1" in text and "In negotiation: 1" in text
    assert "Contract annual plan summary" in text
    assert "2 plan items by service area and part" in text


@pytest.mark.parametrize("size", [5, 40])
def test_the_snapshot_reads_a_fixed_number_of_queries(size, django_assert_max_num_queries):
    strategy = make_strategy()
    programme = strategy.programmes.create(name="Programme")
    for i in range(size):
        project = make_project(programme=programme, name=f"P{i}")
        make_milestone(project=project, baseline_date=date(2026, 12, 1))
    report = Report.objects.create(
        title="Sized",
        strategy=strategy,
        meeting_date=date(2026, 12, 1),
        report_of="x",
        appendices=[*chosen_by_default(), "change_register", "risk_register"],
        author_name="y",
    )
    report = Report.objects.select_related("strategy__rag_scale").get(pk=report.pk)
    with django_assert_max_num_queries(SNAPSHOT_QUERIES):
        build_snapshot(report)


# The report's meetings, programmes, scales and previous cut-off; the last meeting's
# decisions and the open actions; each appendix's rows, with the projects' names for
# those read from the audit trail; its cover's councils and meetings.
# One of them whether the report chose programmes (risk register), one the figures its
# strategy leads with.
SNAPSHOT_QUERIES = 23


def broken_render(snapshot):
    raise OSError("font cache locked")


def test_a_report_on_chosen_programmes_lists_only_their_projects_and_marks_exempt_text(world):
    report = make_report(strategy=world.strategy, exempt_paragraph=3)
    report.programmes.set([world.other_programme])

    snapshot = build_snapshot(report)
    table = next(a for a in snapshot["appendices"] if a["kind"] == "status_table")
    text = pdf_text(render_pdf(snapshot)[0])

    assert [row["project"] for row in table["data"]["rows"]] == [
        "AP17 Revenues and Benefits Fraud",
        "AP16 Strategic HR",
    ]
    assert {row["programme"] for row in table["data"]["rows"]} == {"Core services reshaped"}
    assert "Exempt information: Local Government Act 1972, Schedule 12A, paragraph 3" in text


def test_appendices_are_lettered_in_the_registrys_order_whatever_order_they_were_chosen(world):
    report = make_report(
        strategy=world.strategy, appendices=["money", "risk_register", "status_table"]
    )

    built = build_snapshot(report)["appendices"]

    assert [(a["letter"], a["kind"]) for a in built] == [
        ("A", "status_table"),
        ("B", "risk_register"),
        ("C", "money"),
    ]
    assert built[2]["title"] == APPENDICES["money"].title


def test_every_registered_appendix_has_a_partial_to_draw_it():
    from django.template.loader import get_template

    for appendix in APPENDICES.values():
        assert get_template(appendix.partial)


def test_a_new_reports_form_ticks_the_appendices_chosen_by_default(client, world):
    client.force_login(world.clerk)

    page = client.get(reverse("reports:new"), {"strategy": world.strategy.pk}).content.decode()

    ticked = [key for key in APPENDICES if f'value="{key}" checked' in page]
    assert (
        ticked
        == chosen_by_default()
        == [
            "status_table",
            "rag_summary",
            "milestones_by_quarter",
            "milestone_changes",
            "exceptions",
        ]
    )


def test_the_report_form_saves_the_chosen_appendices_as_a_list(client, world):
    client.force_login(world.clerk)
    data = report_form_data(appendices=["risk_register", "exceptions"])

    response = client.post(f"{reverse('reports:new')}?strategy={world.strategy.pk}", data)

    assert response.status_code == 302
    assert Report.objects.latest("created_at").appendices == ["risk_register", "exceptions"]


def test_the_report_form_refuses_an_appendix_it_does_not_know(client, world):
    client.force_login(world.clerk)
    before = Report.objects.count()

    response = client.post(
        f"{reverse('reports:new')}?strategy={world.strategy.pk}",
        report_form_data(appendices=["status_table", "gossip"]),
    )

    assert response.status_code == 200
    assert "Choose appendices from the list" in response.content.decode()
    assert Report.objects.count() == before
