from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.timezone import localdate

from contracts.models import Contract, ContractChange
from demo.load import load_demo
from programmes.models import Person, Programme, Strategy
from projects.finance import budget_and_pressure
from projects.models import Milestone, Project, Risk, StatusUpdate

from .test_home import text_of

pytestmark = pytest.mark.django_db

ANNEX_B = {
    "Platform": [
        ("Connectivity", "James Carpenter", "Simon Turner", "Scheduled"),
        ("Unified communications", "James Carpenter", "Simon Turner", "Scheduled"),
        ("End user environment", "James Carpenter", "Lee Brown", "Active"),
        ("Follow me print", "James Carpenter", "Simon Turner", "Complete"),
        ("End user device", "James Carpenter", "Lee Brown", "Active"),
    ],
    "Corporate systems": [
        ("Enterprise Resource Planning", "Simon Hewings", "Simon Turner", "Active"),
        ("Information management", "Adrianna Partridge", "Lee Brown", "Scheduled"),
        ("Business intelligence", "Harry Barrington-Mountford", "Lee Brown", "Scheduled"),
        ("Spatial data management", "James Carpenter", "Lee Brown", "Active"),
    ],
    "Customer Systems": [
        ("Web sites", "James Carpenter", "Andy Roberts", "Active"),
        ("Mobile apps", "James Carpenter", "Lee Brown", "Scheduled"),
        ("Customer relationship mgt", "James Carpenter", "Lee Brown", "Active"),
        ("Bookings", "James Carpenter", "Lee Brown", "Scheduled"),
        ("Consultations", "James Carpenter", "Shona Ware", "Scheduled"),
        ("Community grants", "James Carpenter", "Shona Ware", "Active"),
        ("Call centre", "James Carpenter", "Simon Turner", "Active"),
        ("Lottery", "James Carpenter", "Simon Turner", "Complete"),
    ],
    "Place and People systems": [
        ("Regulation", "Liz Hayden", None, "Scheduled"),
        ("Revenues", "Simon Hewings", "Paul Howden", "Complete"),
        ("Democracy", "Patrick Arran", "Steve Corrigan", "Complete"),
        ("Economy", "Chris Traill", "Melanie Smans", "Active"),
        ("Place management", "Suzanne Malcolm", "Lee Brown", "Active"),
    ],
}


def counts():
    """Rows in every table the demo touches, the audit trail's included."""
    labels = ("programmes", "projects", "contracts", "auth")
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def test_loading_the_demo_twice_changes_nothing():
    before = counts()
    with override_settings(DEBUG=True):
        load_demo()
    assert counts() == before
    assert before["projects.HistoricalProject"] == before["projects.Project"]


def test_annex_b_has_22_projects_in_4_programmes_as_the_paper_lists_them():
    strategy = Strategy.objects.get(slug="south-vale-jts-2021")
    programmes = list(strategy.programmes.all())
    assert [p.name for p in programmes] == list(ANNEX_B)
    assert Project.objects.filter(programme__strategy=strategy).count() == 22
    for programme in programmes:
        rows = [
            (
                project.name,
                project.sponsor.name,
                project.manager.name if project.manager else None,
                project.get_lifecycle_status_display(),
            )
            for project in programme.projects.select_related("sponsor", "manager")
        ]
        assert rows == ANNEX_B[programme.name]


def test_the_project_list_shows_all_115_projects_of_the_papers(client, member):
    client.force_login(member)
    response = client.get(reverse("projects:list"))
    # 88 from the delivery papers, 23 from the money papers' workstreams and roadmap (3C's
    # shared service as its staff costs and its other costs), and the 4 live projects
    # whose benefits Oxfordshire's members' dashboard gives.
    assert response.context["table"].paginator.count == Project.objects.count() == 115
    assert "115 projects, page 1 of 3" in text_of(response)


def test_complete_annex_b_projects_show_blue_for_complete():
    lottery = Project.objects.get(name="Lottery")
    assert (lottery.current_rag.label, lottery.current_rag.words) == ("Blue", "complete")
    assert Project.objects.get(name="Connectivity").current_rag is None


def test_action_plan_totals_are_138k_budget_and_37k_pressure():
    plan = Project.objects.filter(programme__strategy__slug="south-vale-jts-2018")
    assert budget_and_pressure(plan) == (Decimal("138000"), Decimal("37000"))
    assert budget_and_pressure(plan, year=2018) == (Decimal("138000"), Decimal("37000"))
    assert plan.count() == 22
    streams = Programme.objects.filter(strategy__slug="south-vale-jts-2018")
    assert [s.name for s in streams] == [
        "Core IT turnaround",
        "Core services reshaped",
        "Technology strategy",
        "Organisational Development",
    ]


def test_action_plan_milestones_keep_the_quarter_words_and_date_their_end():
    legacy = Project.objects.get(name="Legacy datacentre closure")
    assert legacy.lead.name == "Lee Brown"
    line = legacy.finance.get(year=2018)
    assert (line.revenue_budget, line.revenue_forecast) == (Decimal("0"), Decimal("27000"))
    first = legacy.milestones.first()
    assert first.due_text == "Q1 July-Sept 18"
    assert first.baseline_date.isoformat() == "2018-09-30"
    assert first.title.startswith("Retirement plan agreed")


def test_the_audit_trail_dates_each_paper_s_records_on_the_paper_s_day():
    legacy = Project.objects.get(name="Legacy datacentre closure")
    first_entries = [
        localdate(record.history_date).isoformat()
        for record in Milestone.history.filter(project_id=legacy.pk, history_type="+")
    ]
    assert first_entries and set(first_entries) == {"2018-09-23"}  # the strategy's date
    connectivity = Project.objects.get(name="Connectivity")
    first = connectivity.history.earliest("history_date")
    assert localdate(first.history_date).isoformat() == "2021-10-29"


def test_looking_back_to_a_quarter_of_the_action_plan_shows_its_roadmap(client, member):
    client.force_login(member)

    def roadmap_table(as_at):
        page = text_of(
            client.get(reverse("home"), {"strategy": "south-vale-jts-2018", "as_at": as_at})
        )
        return page.split("Roadmap as a table")[1].split("Money")[0]

    march_2019 = roadmap_table("2019-03-31")
    # Due on the as-at day: not yet overdue then, as it is now.
    assert "Operational (not started, 31/03/2019)" in march_2019
    assert "New directory built and all staff migrated (overdue, 31/12/2018)" in march_2019
    # Before the strategy document was dated (23 September 2018) the portal knew none
    # of its milestones.
    september_2018 = text_of(
        client.get(reverse("home"), {"strategy": "south-vale-jts-2018", "as_at": "2018-09-22"})
    )
    assert "No milestones of these projects have dates to place on a roadmap." in september_2018
    assert "Roadmap as a table" not in september_2018


def test_five_contract_changes_of_2018_link_to_the_projects_they_enable():
    contract = Contract.objects.get()
    assert contract.supplier.code == "Capita"
    assert sorted(contract.partners.values_list("code", flat=True)) == sorted(
        ["HDC", "HBC", "MDC", "SODC", "VOWH"]
    )
    assert "Joint Tactical Board" in contract.governance_bodies.values_list("name", flat=True)
    changes = ContractChange.objects.filter(contract=contract)
    assert changes.count() == 5
    assert changes.filter(cost_neutral=True).count() == 3
    hr = changes.get(title__contains="strategic human resources")
    assert hr.get_category_display() == "Service returned in-house"
    assert list(hr.projects.values_list("name", flat=True)) == ["Strategic HR"]
    assert hr.decision_maker == "Chief executive"


def test_annual_plan_items_carry_milestones_and_dated_progress():
    plan = Strategy.objects.get(slug="five-councils-annual-plan-2022-23")
    assert plan.rag_scale.slug == "annual-plan"
    assert [p.name for p in plan.programmes.all()] == ["Revenues and Benefits", "IT"]
    items = Project.objects.filter(programme__strategy=plan)
    assert items.filter(programme__name="IT").count() == 34
    assert items.filter(programme__name="Revenues and Benefits").count() == 10
    review = items.get(name="Obligation Matrix Review")
    assert review.plan_part == Project.PlanPart.ANNUAL
    history = list(review.status_updates.order_by("reported_on"))
    assert [u.reported_on.isoformat() for u in history] == [
        "2020-02-12",
        "2020-10-04",
        "2021-02-12",
        "2021-09-06",
        "2022-03-07",
    ]
    assert (review.current_rag.label, review.current_rag.words) == ("Green", "on track")
    assert history[0].rag is None  # the paper gives one RAG, for the plan's date


def test_annual_plan_keeps_due_date_words_that_are_not_dates():
    words = set(
        Milestone.objects.filter(
            project__programme__strategy__slug="five-councils-annual-plan-2022-23",
            baseline_date__isnull=True,
        ).values_list("due_text", flat=True)
    )
    assert {"ongoing", "Annually, by the end of Quarter 3", "On hold"} <= words


def test_oxfordshire_risks_keep_their_printed_ratings():
    risks = Risk.objects.filter(programme__strategy__slug="oxfordshire-transformation-2019")
    assert risks.count() == 4
    first = risks.get(reference="R1")
    assert first.initial_rating == (None, "High")
    assert first.residual_rating == (None, "Medium")
    assert "detailed planning" in first.controls


def test_action_plan_initials_are_matched_to_named_officers():
    assert Person.objects.get(initials="DW").name == "David Wilde"
    assert Person.objects.get(initials="LB").name == "Lee Brown"
    assert Person.objects.get(name="Lee Brown").user.username == "officer"


def test_demo_sign_ins_are_refused_with_debug_off():
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")


def test_demo_data_without_sign_ins_loads_with_debug_off():
    before = StatusUpdate.objects.count()
    with override_settings(DEBUG=False):
        call_command("load_demo", "--no-users")
    assert StatusUpdate.objects.count() == before


def test_if_empty_leaves_an_existing_database_alone(capsys):
    call_command("load_demo", "--if-empty")
    assert "already has data" in capsys.readouterr().out
