"""The benefits register: a project's and a programme's benefits, kept by the people who
keep their risks, shown on their pages and in a report's appendix; a financial benefit's
forecast is its project's savings, not typed twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Benefit, Savings
from reports.frozen import build_snapshot
from reports.render import render_pdf

from .reports import make_report, pdf_text
from .test_home import text_of

pytestmark = pytest.mark.django_db


def benefit_data(**fields):
    values = {
        "description": "Residents book collections online",
        "kind": "non_financial",
        "measure": "Share of bookings made online",
        "baseline": "20% online",
        "target": "80% online",
        "owner": "",
        "expected_on_0": "31",
        "expected_on_1": "3",
        "expected_on_2": "2019",
        "status": "planned",
        "reference": "B2",
        "evidence": "",
        "version": "",
    }
    return values | fields


def add(client, query, **fields):
    return client.post(reverse("projects:benefit_new") + f"?{query}", benefit_data(**fields))


def test_a_projects_editor_adds_a_benefit_shown_on_the_project_and_programme_pages(
    client, officer, owned_project, world
):
    client.force_login(officer)
    response = add(client, f"project={owned_project.pk}")
    assert response.status_code == 302
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert "2 benefits, 0 realised" in page  # the world's B1 and this one
    assert (
        "B2: Residents book collections online Non-financial Share of bookings made online "
        "20% online 80% online Not named 31 Mar 2019 Planned Change"
    ) in page
    programme = text_of(client.get(reverse("programmes:detail", args=[world.programme.pk])))
    assert f"Non-financial · {owned_project.name}" in programme


def test_a_financial_benefit_shows_its_projects_savings_forecast(client, officer, owned_project):
    Savings.objects.create(
        project=owned_project,
        year=2018,
        target=Decimal(100000),
        forecast_high=Decimal(40000),
        forecast_medium=Decimal(20000),
    )
    Savings.objects.create(project=owned_project, year=2019, forecast_low=Decimal(5000))
    client.force_login(officer)
    add(client, f"project={owned_project.pk}", kind="cashable", description="Lower licence costs")
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert "Financial: cashable · savings forecast £65k" in page


@pytest.mark.parametrize("persona", ["other_officer", "member", "clerk"])
def test_only_the_keepers_of_a_projects_risks_keep_its_benefits(
    client, world, owned_project, persona
):
    client.force_login(getattr(world, persona))
    assert add(client, f"project={owned_project.pk}").status_code == 403
    benefit = owned_project.benefits.get()
    assert client.get(reverse("projects:benefit", args=[benefit.pk])).status_code == 403
    page = text_of(client.get(reverse("projects:detail", args=[owned_project.pk])))
    assert "Add a benefit" not in page and "Change benefit" not in page


def test_a_programmes_owner_keeps_the_programmes_own_benefits(client, world):
    query = f"programme={world.programme.pk}"
    client.force_login(world.other_officer)
    assert add(client, query).status_code == 403
    world.programme.owner = world.other_officer.person
    world.programme.save()
    assert add(client, query, description="A single view of change").status_code == 302
    assert world.programme.benefits.get().description == "A single view of change"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"description": ""}, "Enter the benefit"),
        ({"kind": ""}, "Choose the kind of benefit"),
        ({"status": "realised"}, "Enter the date the benefit was realised."),
        ({"expected_on_0": "31", "expected_on_1": "2"}, "must be a real date"),
    ],
)
def test_a_bad_benefit_is_refused_with_a_clear_message_and_writes_nothing(
    client, officer, owned_project, fields, message
):
    client.force_login(officer)
    response = add(client, f"project={owned_project.pk}", **fields)
    assert response.status_code == 400
    assert message in text_of(response)
    assert Benefit.objects.count() == 1  # the world's own


def test_concurrent_changes_of_one_benefit_get_the_conflict_page(officer, owned_project):
    benefit = Benefit.objects.create(
        project=owned_project, description="Fewer calls", kind="non_financial"
    )
    url = reverse("projects:benefit", args=[benefit.pk])
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(officer)
    opened = benefit.version
    assert first.post(url, benefit_data(version=opened, status="realising")).status_code == 302
    clash = second.post(url, benefit_data(version=opened, target="Half the calls"))
    assert clash.status_code == 409
    assert "Someone else saved this benefit after you opened this page" in text_of(clash)
    assert 'value="Half the calls"' in clash.content.decode()
    benefit.refresh_from_db()
    assert (benefit.status, benefit.target) == ("realising", "80% online")
    assert benefit.history.count() == 2  # added, then the first person's change


def test_the_report_appendix_lists_benefits_with_where_each_is_kept(world, owned_project):
    Benefit.objects.create(
        project=owned_project,
        description="Fewer calls",
        kind="non_financial",
        status="realised",
        realised_on=date(2021, 6, 30),
    )
    Benefit.objects.create(
        programme=world.other_programme, description="One view of change", kind="non_financial"
    )
    report = make_report(strategy=world.strategy, include_benefits=True)
    snapshot = build_snapshot(report)
    assert [a["kind"] for a in snapshot["appendices"]][-1] == "benefits"
    text = pdf_text(render_pdf(snapshot)[0])
    assert "Benefits register 3 benefits, 1 realised" in text
    assert f"Fewer calls Non-financial · {owned_project.name}" in text
    assert "One view of change Non-financial · Core services reshaped" in text


def test_a_projects_forecast_is_shown_once_and_not_at_all_when_there_is_none(
    client, officer, owned_project, world
):
    Savings.objects.create(project=owned_project, year=2018, forecast_high=Decimal(40000))
    for name in ("Lower licence costs", "Fewer servers"):
        Benefit.objects.create(project=owned_project, description=name, kind="cashable")
    Savings.objects.create(project=world.red_project, year=2018, target=Decimal(1000))
    Benefit.objects.create(project=world.red_project, description="Rent saved", kind="cashable")
    client.force_login(officer)
    page = text_of(client.get(reverse("programmes:detail", args=[world.programme.pk])))
    assert page.count("savings forecast £40k") == 1
    assert "Rent saved Financial: cashable · " + world.red_project.name + " –" in page


def test_the_report_reads_benefits_as_they_stood_at_its_cut_off(world, owned_project):
    from django.utils import timezone

    from projects.models import Project

    long_ago = timezone.make_aware(timezone.datetime(2021, 1, 5))
    Project.history.update(history_date=long_ago)  # the portal knew of the projects then
    benefit = owned_project.benefits.get()
    benefit.history.update(history_date=long_ago)
    benefit.status = "realised"
    benefit.realised_on = date(2021, 12, 1)
    benefit.save()  # recorded now: after the report's cut-off
    report = make_report(
        strategy=world.strategy, include_benefits=True, data_cut_off=date(2021, 9, 30)
    )
    register = next(a for a in build_snapshot(report)["appendices"] if a["kind"] == "benefits")
    assert [row["status"] for row in register["data"]["rows"]] == ["Planned"]
