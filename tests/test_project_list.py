from datetime import date, timedelta

import pytest
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.filters import ProjectFilter
from projects.models import Project

from .factories import make_milestone, make_programme, make_project, make_strategy, make_update
from .test_home import text_of
from .test_table_cells import row_for, table_of

pytestmark = pytest.mark.django_db


def listed_names(response):
    return [row.record.name for row in response.context["table"].paginated_rows]


def test_every_project_is_listed_with_its_current_rag(client, world):
    client.force_login(world.member)
    response = client.get(reverse("projects:list"))
    # The strategy's five projects and the annual plan's two items.
    assert response.context["table"].paginator.count == Project.objects.count() == 7
    page = text_of(response)
    assert "7 projects Project ▲ Current RAG" in page
    for row in [
        "AP05 Active Directory Green under way and on track Active",
        "Amazon Web Services Green on track Active",
        "AP10 Legacy datacentre closure Red off track Active",
        "AP17 Revenues and Benefits Fraud Amber in negotiation Active",
        "AP16 Strategic HR Blue complete Complete",
        "R88 Tom for H&EH Amber risk of delay Active",
        "AP08 Wifi consolidation No update yet Active",
    ]:
        assert row in page


def test_a_long_list_is_shown_fifty_projects_a_page(client, world):
    for i in range(44):
        make_project(programme=world.programme, name=f"Zeta {i:02d}")
    client.force_login(world.member)
    first = client.get(reverse("projects:list"))
    assert "51 projects, page 1 of 2" in text_of(first)
    assert len(listed_names(first)) == 50
    second = client.get(reverse("projects:list"), {"page": 2})
    assert listed_names(second) == ["Zeta 43"]


def test_filters_narrow_the_list_and_live_in_the_url(client, world):
    services = world.other_programme
    client.force_login(world.member)
    response = client.get(
        reverse("projects:list"), {"programme": services.pk, "lifecycle_status": "active"}
    )
    # Not Strategic HR, which is complete, nor any project of another programme.
    assert listed_names(response) == ["Revenues and Benefits Fraud"]
    assert f'<option value="{services.pk}" selected>' in response.content.decode()


def test_rag_filter_finds_exactly_the_red_projects(client, member):
    strategy = make_strategy()
    programme = strategy.programmes.create(name="Mixed")
    for name, code in [("Alpha", "R"), ("Beta", "G"), ("Gamma", "R"), ("Delta", None)]:
        project = make_project(programme=programme, name=name)
        if code:
            make_update(project=project, code=code)
    red = strategy.rag_scale.levels.get(code="R")
    client.force_login(member)
    response = client.get(reverse("projects:list"), {"programme": programme.pk, "rag": red.pk})
    assert listed_names(response) == ["Alpha", "Gamma"]
    none = client.get(reverse("projects:list"), {"programme": programme.pk, "rag": "none"})
    assert listed_names(none) == ["Delta"]
    flagged = client.get(reverse("projects:list"), {"programme": programme.pk, "rag": "flagged"})
    assert listed_names(flagged) == ["Alpha", "Gamma"]


def test_sorting_by_rag_puts_the_worst_first(client, member):
    strategy = make_strategy()
    programme = strategy.programmes.create(name="Sorted")
    for name, code in [("Alpha", "G"), ("Beta", "R"), ("Gamma", "A")]:
        make_update(project=make_project(programme=programme, name=name), code=code)
    client.force_login(member)
    response = client.get(reverse("projects:list"), {"programme": programme.pk, "sort": "rag"})
    assert listed_names(response) == ["Beta", "Gamma", "Alpha"]


def test_text_search_and_milestone_window(client, member):
    today = timezone.localdate()
    soon = make_project(name="Soon due")
    make_milestone(project=soon, baseline_date=today + timedelta(days=20))
    late = make_project(name="Running late")
    make_milestone(project=late, baseline_date=today - timedelta(days=3))
    client.force_login(member)
    assert listed_names(client.get(reverse("projects:list"), {"q": "soon due"})) == ["Soon due"]
    due = listed_names(client.get(reverse("projects:list"), {"due": "next_30"}))
    assert "Soon due" in due and "Running late" not in due
    overdue = listed_names(client.get(reverse("projects:list"), {"due": "overdue"}))
    assert "Running late" in overdue and "Soon due" not in overdue


def test_the_key_is_shown_for_every_scale_on_the_page(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("projects:list"), {"q": world.plan_item.name}))
    assert "Key: Contract annual plan RAG Red late Amber risk of delay Green on track" in page
    assert "Key: 12-month action plan key" not in page  # no project of the strategy is listed

    page = text_of(client.get(reverse("projects:list")))
    assert "Key: Contract annual plan RAG" in page and "Key: 12-month action plan key" in page


def test_programme_page_shows_its_figures_projects_and_quarters(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("programmes:detail", args=[world.programme.pk])))
    assert "Core IT turnaround" in page
    assert "3 projects 3 active" in page
    assert "Wifi consolidation" in page and "Active Directory" in page
    assert "Revenues and Benefits Fraud" not in page
    assert "Roadmap: milestones by quarter" in page
    assert "Q3 Oct–Dec 2018" in page
    assert "Wifi consolidation" in page.split("Roadmap as a table")[1]

    # Projects whose milestones have no dates: a sentence, not a chart of empty rows.
    unplanned = make_programme(strategy=world.strategy, name="Unplanned", order=3)
    for name in ["Intranet", "Print"]:
        make_milestone(project=make_project(programme=unplanned, name=name), due_text="TBC")
    page = text_of(client.get(reverse("programmes:detail", args=[unplanned.pk])))
    assert "2 projects" in page and "Intranet" in page
    assert "No milestones of these projects have dates to place on a roadmap." in page
    assert "Roadmap: milestones by quarter" not in page


@pytest.mark.parametrize("size", [10, 300])
def test_list_and_programme_queries_do_not_grow(
    client, member, django_assert_max_num_queries, size
):
    strategy = make_strategy()
    programme = strategy.programmes.create(name="Big")
    for i in range(size):
        project = make_project(programme=programme, name=f"P{i:03d}")
        make_update(project=project, code="RAG"[i % 3])
        make_milestone(project=project, baseline_date=date(2022, 1, 1))
    client.force_login(member)
    list_url = reverse("projects:list") + f"?programme={programme.pk}&sort=rag"
    programme_url = reverse("programmes:detail", args=[programme.pk])
    client.get(list_url)
    with django_assert_max_num_queries(LIST_QUERIES):
        client.get(list_url)
    with django_assert_max_num_queries(PROGRAMME_QUERIES):
        client.get(programme_url)


LIST_QUERIES = 15
# 4 of them its risks and issues (the registers, the heat map, who may add to them), 1 the
# dependencies at risk.
PROGRAMME_QUERIES = 23


def test_a_projects_row_shows_its_name_rag_and_last_update_as_its_render_methods_draw_them(
    client, member, owned_project
):
    """render_name reads the record, render_rag the value and the record, and
    render_last_reported_on the value: each cell shows what its method was given."""
    level = owned_project.rag_scale.levels.order_by("order").first()
    today = timezone.localdate()
    make_update(project=owned_project, code=level.code, reported_on=today)
    client.force_login(member)

    response = client.get(reverse("projects:list"), {"programme": owned_project.programme_id})

    _, rows = table_of(response)
    row = row_for(rows, "Project", owned_project.name)
    detail = reverse("projects:detail", args=[owned_project.pk])
    label = f"{owned_project.reference} {owned_project.name}".strip()
    assert row["Project"] == (f'<a class="govuk-link" href="{detail}">{label}</a>')
    assert row["Current RAG"] == (
        f'<span class="app-rag app-rag--{level.pk}">{level.label}</span> '
        f'<span class="app-rag__words">{level.words}</span>'
    )
    assert row["Last update"] == today.strftime("%d/%m/%Y")
    assert row["Status"] == owned_project.get_lifecycle_status_display()


def test_filter_options_are_read_in_plain_queries_and_match_djangos_own(client, member):
    """The filters' options come from one plain SELECT each: Django's own iterator opens
    a PostgreSQL server-side cursor per filter (three round trips). The options must be
    the ones Django's iterator gives."""
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:list"))
    assert "Lee Brown" in text_of(response)
    assert not [q["sql"] for q in queries if q["sql"].startswith("DECLARE")]
    for name, field in ProjectFilter().form.fields.items():
        if hasattr(field, "queryset"):
            listed = [(str(value), label) for value, label in field.choices]
            own = [(str(value), label) for value, label in ModelChoiceIterator(field)]
            assert listed == own, name
            assert len(own) > 1, name
