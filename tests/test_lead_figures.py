"""The figures a strategy leads its dashboard and reports with: chosen by the strategy,
worked out from the records, left out when nothing stands behind them, and never shown
for a strategy that does not choose them."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from dashboards.panels.lead_figures import LeadFigures, _Reading, money_figure
from programmes.models import HeadlineFigure, StrategyHeadline
from projects.models import LifeBudget, Project, Savings
from projects.money_read import MoneyRead
from reports.frozen import build_snapshot
from reports.render import render_html

from .factories import make_programme, make_project, make_strategy
from .reports import make_report
from .test_home import text_of

pytestmark = pytest.mark.django_db


def choose(strategy, *figures):
    for order, figure in enumerate(figures, start=1):
        StrategyHeadline.objects.create(strategy=strategy, figure=figure, order=order)


@pytest.fixture
def measured(world):
    """A strategy with savings over three years and a budget over its life, known to the
    portal since 2017."""
    strategy = make_strategy(organisations=[world.councils["SODC"]])
    project = make_project(programme=make_programme(strategy=strategy), name="Savings")
    project.history.update(history_date=timezone.make_aware(datetime(2017, 4, 1)))
    Savings.objects.create(project=project, year=2017, target=D("1000000"))
    Savings.objects.create(
        project=project,
        year=2018,
        target=D("4000000"),
        revised_target=D("4200000"),
        delivered=D("630000"),
    )
    Savings.objects.create(project=project, year=2019, target=D("5000000"))
    LifeBudget.objects.create(
        project=project,
        first_year=2017,
        last_year=2019,
        budget=D("9000000"),
        planned=D("8950000"),
        spent=D("1250000"),
        as_at=date(2018, 9, 30),
    )
    return strategy


def test_every_figure_a_strategy_may_choose_is_worked_out():
    assert all(hasattr(_Reading, figure.value) for figure in HeadlineFigure)


def test_a_headline_prints_pounds_as_a_members_page_does():
    # Rounded half up, as the papers round: £1.25m is £1.3m (Decimal's own way gives £1.2m).
    assert [money_figure(D(v)) for v in ("49717000", "1250000", "382845", "138000", "950")] == [
        "£49.7m",
        "£1.3m",
        "£382.8k",
        "£138k",
        "£950",
    ]


def test_the_dashboard_leads_with_the_figures_its_strategy_chose_in_its_order(
    client, world, measured
):
    choose(
        measured,
        HeadlineFigure.SAVINGS_TARGET_TOTAL,
        HeadlineFigure.SAVINGS_TARGET_YEAR,
        HeadlineFigure.SAVINGS_ACHIEVED,
        HeadlineFigure.PLANNED_SPEND,
        HeadlineFigure.SPEND_TO_DATE,
        HeadlineFigure.PROJECTS,
    )
    client.force_login(world.member)
    page = text_of(client.get(reverse("home"), {"strategy": measured.slug, "as_at": "2018-10-01"}))
    glance = page.split("At a glance")[1].split("1 projects")[0]
    assert " ".join(glance.split()) == (
        "£10.0m Total savings target Savings target 2017/18 to 2019/20 "
        "£4.2m 2018/19 savings target "
        "15% of the 2018/19 savings target achieved "
        "£9.0m Planned spend Total planned spend 2017/18 to 2019/20 "
        "£1.3m Spend to date Spent as at 30 September 2018 "
        "1 Number of projects"
    )


def test_a_strategy_that_chooses_nothing_leads_with_no_money(client, world, measured):
    client.force_login(world.member)
    page = text_of(client.get(reverse("home"), {"strategy": measured.slug}))
    glance = page.split("At a glance")[1].split("Red and Amber projects")[0]
    assert glance.split()[:2] == ["1", "projects"]
    for words in ("Total savings target", "Planned spend", "Budget outside contract"):
        assert words not in glance


def test_a_figure_with_nothing_behind_it_is_left_out(world):
    choose(world.strategy, HeadlineFigure.PLANNED_SPEND, HeadlineFigure.PROJECTS)
    projects = Project.objects.filter(programme__strategy=world.strategy)
    today = timezone.localdate()
    figures = LeadFigures.build(world.strategy, projects, today, MoneyRead(projects))
    assert [(row.figure, row.label) for row in figures.rows] == [("5", "Number of projects")]


def test_the_report_leads_with_the_same_figures_under_its_cover(world, measured):
    choose(measured, HeadlineFigure.SAVINGS_TARGET_YEAR, HeadlineFigure.SAVINGS_ACHIEVED)
    report = make_report(
        strategy=measured, meeting_date=date(2018, 11, 1), data_cut_off=date(2018, 10, 1)
    )
    snapshot = build_snapshot(report)
    assert snapshot["lead_figures"]["rows"][0]["figure"] == "£4.2m"
    html = text_of(HttpResponse(render_html(snapshot)))
    assert "Headline figures £4.2m 2018/19 savings target 15% of the 2018/19" in html
