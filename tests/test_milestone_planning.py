"""Officers keep their milestones in the browser: add, change, re-baseline with a reason,
reorder, withdraw with a reason, and delete only what no update has reported."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from projects.models import Milestone, MilestoneStatus, Rebaseline
from projects.schedule import assess_schedule

from .factories import make_milestone, make_update
from .test_home import text_of

pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def add(client, project, title, due=None, **fields):
    data = {"version": project.version, "title": title, **fields}
    if due:
        data.update(date_fields("due", due))
    return client.post(reverse("projects:milestone_new", args=[project.pk]), data)


def change(client, project, milestone, **fields):
    milestone.refresh_from_db()
    project.refresh_from_db()
    data = {
        "version": project.version,
        "title": milestone.title,
        "due_text": milestone.due_text,
        **date_fields("due", milestone.baseline_date),
        **fields,
    }
    return client.post(reverse("projects:milestone", args=[project.pk, milestone.pk]), data)


def test_an_officer_adds_a_milestone_whose_due_date_becomes_its_baseline(
    client, officer, owned_project
):
    client.force_login(officer)
    response = add(client, owned_project, "Switch off the old wifi", due=date(2027, 3, 31))
    assert response.status_code == 302
    milestone = owned_project.milestones.get(title="Switch off the old wifi")
    assert milestone.baseline_date == date(2027, 3, 31)
    assert milestone.forecast_date is None
    assert milestone.order == max(m.order for m in owned_project.milestones.all())
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert "Switch off the old wifi" in page and "31/03/2027" in page


def test_due_words_alone_are_a_legal_due_date(client, officer, owned_project):
    client.force_login(officer)
    assert add(client, owned_project, "Agree the TOM", due_text="TBC").status_code == 302
    milestone = owned_project.milestones.get(title="Agree the TOM")
    assert milestone.due_text == "TBC" and milestone.baseline_date is None


def test_a_milestone_without_a_date_or_words_is_refused_and_nothing_is_written(
    client, officer, owned_project
):
    client.force_login(officer)
    before = owned_project.milestones.count()
    response = add(client, owned_project, "No date at all")
    assert response.status_code == 400
    assert "Enter a due date, or the due date in words, such as TBC or Q3" in text_of(response)
    assert owned_project.milestones.count() == before


def test_moving_a_baseline_needs_a_reason_and_is_shown_as_a_rebaseline(
    client, officer, owned_project
):
    client.force_login(officer)
    milestone = owned_project.milestones.order_by("order").first()
    original = milestone.baseline_date
    later = date(original.year + 1, original.month, 1)

    refused = change(client, owned_project, milestone, **date_fields("due", later))
    assert refused.status_code == 400
    assert "Enter why the baseline is changing: it is a re-baseline" in text_of(refused)
    milestone.refresh_from_db()
    assert milestone.baseline_date == original and not Rebaseline.objects.exists()

    saved = change(
        client,
        owned_project,
        milestone,
        rebaseline_reason="Supplier delay agreed by the board",
        **date_fields("due", later),
    )
    assert saved.status_code == 302
    milestone.refresh_from_db()
    assert milestone.baseline_date == later
    assert milestone.original_baseline == original
    (rebaseline,) = milestone.rebaselines.all()
    assert (rebaseline.from_date, rebaseline.to_date) == (original, later)
    assert rebaseline.changed_by == officer
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert f"Re-baselined from {original:%d/%m/%Y}" in page
    assert "Supplier delay agreed by the board" in page


def test_slippage_counts_from_the_new_baseline_once_rebaselined(officer, owned_project):
    milestone = make_milestone(
        project=owned_project,
        title="Go live",
        baseline_date=date(2030, 3, 31),
        forecast_date=date(2030, 6, 30),
    )
    assert milestone.slippage_days == 91
    client = Client()
    client.force_login(officer)
    change(
        client,
        owned_project,
        milestone,
        rebaseline_reason="Scope grew",
        **date_fields("due", date(2030, 6, 30)),
    )
    milestone.refresh_from_db()
    assert milestone.slippage_days == 0 and not milestone.is_slipped


def test_moving_a_milestone_up_reorders_the_plan(client, officer, owned_project):
    client.force_login(officer)
    first, second, third = owned_project.milestones.order_by("order", "pk")
    response = client.post(
        reverse("projects:milestone_move", args=[owned_project.pk, third.pk]),
        {"version": owned_project.version, "direction": "up"},
    )
    assert response.status_code == 302
    assert list(owned_project.milestones.order_by("order")) == [first, third, second]
    assert list(owned_project.milestones.order_by("order").values_list("order", flat=True)) == [
        1,
        2,
        3,
    ]


def test_a_reported_milestone_is_withdrawn_with_a_reason_not_deleted(
    client, officer, owned_project
):
    client.force_login(officer)
    milestone = owned_project.milestones.order_by("order").first()
    make_update(project=owned_project, code="A", reported_on=timezone.localdate())
    url = reverse("projects:milestone_withdraw", args=[owned_project.pk, milestone.pk])
    page = client.get(url)
    assert "Or delete it" not in text_of(page)

    refused = client.post(
        reverse("projects:milestone_delete", args=[owned_project.pk, milestone.pk]),
        {"version": owned_project.version},
        follow=True,
    )
    assert "withdraw it, with a reason, rather than delete it" in text_of(refused)
    assert Milestone.objects.filter(pk=milestone.pk).exists()

    blank = client.post(url, {"version": owned_project.version, "reason": " "})
    assert blank.status_code == 400
    assert "Enter why the milestone is withdrawn" in text_of(blank)

    owned_project.refresh_from_db()
    withdrawn = client.post(
        url, {"version": owned_project.version, "reason": "Merged into the network refresh"}
    )
    assert withdrawn.status_code == 302
    milestone.refresh_from_db()
    assert milestone.delivery_status == MilestoneStatus.WITHDRAWN
    assert not milestone.is_overdue(date(2099, 1, 1))
    detail = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert "Withdrawn" in detail and "Merged into the network refresh" in detail


def test_a_withdrawn_milestone_no_longer_makes_the_schedule_late(owned_project):
    milestones = list(owned_project.milestones.all())
    assert assess_schedule(milestones, date(2026, 1, 1)).code == "R"
    for milestone in milestones:
        milestone.delivery_status = MilestoneStatus.WITHDRAWN
        milestone.withdrawal_reason = "Dropped"
        milestone.save()
    assert assess_schedule(list(owned_project.milestones.all()), date(2026, 1, 1)) is None


def test_a_milestone_added_by_mistake_is_deleted_before_any_update_reports_it(
    client, officer, owned_project
):
    client.force_login(officer)
    add(client, owned_project, "Typo milestone", due=date(2027, 1, 31))
    milestone = owned_project.milestones.get(title="Typo milestone")
    owned_project.refresh_from_db()
    page = client.get(reverse("projects:milestone_withdraw", args=[owned_project.pk, milestone.pk]))
    assert "Or delete it" in text_of(page)
    response = client.post(
        reverse("projects:milestone_delete", args=[owned_project.pk, milestone.pk]),
        {"version": owned_project.version},
    )
    assert response.status_code == 302
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_plan_change_opened_before_someone_elses_save_gets_the_conflict_page(
    officer, owned_project
):
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(officer)
    opened = owned_project.version
    assert add(first, owned_project, "First", due=date(2027, 1, 31)).status_code == 302
    owned_project.version = opened  # the second form was opened before that save
    conflict = add(second, owned_project, "Second careful words", due=date(2027, 2, 28))
    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "was changed by someone else after you opened this page" in text_of(conflict)
    assert 'value="Second careful words"' in page
    assert f'name="version" value="{opened + 1}"' in page
    assert not owned_project.milestones.filter(title="Second careful words").exists()


@pytest.mark.parametrize(
    "persona", ["other_officer", "member", "clerk"], ids=["other officer", "member", "clerk"]
)
def test_only_the_projects_editors_plan_its_milestones(client, request, persona, owned_project):
    client.force_login(request.getfixturevalue(persona))
    milestone = owned_project.milestones.first()
    urls = [
        reverse("projects:milestones", args=[owned_project.pk]),
        reverse("projects:milestone_new", args=[owned_project.pk]),
        reverse("projects:milestone", args=[owned_project.pk, milestone.pk]),
        reverse("projects:milestone_withdraw", args=[owned_project.pk, milestone.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403
    assert add(client, owned_project, "Not mine", due=date(2027, 1, 31)).status_code == 403
    assert not owned_project.milestones.filter(title="Not mine").exists()
    for name in ("projects:milestone_move", "projects:milestone_delete"):
        url = reverse(name, args=[owned_project.pk, milestone.pk])
        assert client.post(url, {"version": owned_project.version}).status_code == 403
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_a_report_has_been_issued_with_is_withdrawn_not_deleted(
    client, officer, clerk, owned_project
):
    from reports.issuing import report_issue

    from .reports import make_report

    client.force_login(officer)
    add(client, owned_project, "Printed in a report", due=date(2027, 1, 31))
    milestone = owned_project.milestones.get(title="Printed in a report")
    report_issue(report=make_report(strategy=owned_project.programme.strategy), by=clerk)
    owned_project.refresh_from_db()
    page = client.get(reverse("projects:milestone_withdraw", args=[owned_project.pk, milestone.pk]))
    assert "Or delete it" not in text_of(page)
    client.post(
        reverse("projects:milestone_delete", args=[owned_project.pk, milestone.pk]),
        {"version": owned_project.version},
    )
    assert Milestone.objects.filter(pk=milestone.pk).exists()
