"""Money: the financial RAG, roll-ups, council shares, exact pence, and the same figures on
the dashboard, in reports and in Excel. (The seed papers' own totals: test_demo_money.)"""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from programmes.models import Strategy
from projects.council_shares import cost_shares_problem, council_shares
from projects.finance import (
    budget_and_pressure,
    financial_levels,
    financial_rag_code,
    spend_by_programme,
)
from projects.models import CostShare, Project, ProjectFinance, Savings
from projects.money_read import MoneyRead
from reports.frozen import build_snapshot
from reports.render import render_pdf

from .factories import make_project
from .reports import make_report, pdf_text
from .test_home import text_of

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.mark.parametrize(
    ("budget", "outturn", "code"),
    [
        (D(100), D(100), "G"),
        (D(100), D(40), "G"),
        (D(100), D("100.01"), "A"),
        (D(100), D(110), "A"),
        (D(100), D("110.01"), "R"),
        (D(0), D(5), "R"),
        (D(0), D(0), "G"),
        (None, D(5), "R"),
        (D(100), None, None),
    ],
)
def test_financial_rag_is_green_within_budget_amber_to_110_red_beyond(budget, outturn, code):
    assert financial_rag_code(budget, outturn) == code


@override_settings(PORTAL_FINANCE_AMBER_LIMIT=120)
def test_the_amber_limit_is_configurable():
    assert financial_rag_code(D(100), D(115)) == "A"
    assert financial_rag_code(D(100), D(121)) == "R"


def test_shares_that_do_not_total_100_are_refused_with_the_year(world):
    sodc, vowh = world.councils["SODC"], world.councils["VOWH"]
    partners = set(world.strategy.organisations.all())
    assert partners == {sodc, vowh}
    good = [(2018, sodc, D(60)), (2018, vowh, D(40)), (2019, sodc, D(100))]
    bad = [(2018, sodc, D(60)), (2018, vowh, D(40)), (2019, sodc, D(60)), (2019, vowh, D(30))]
    outsider = [(2018, world.councils["HDC"], D(100))]

    assert cost_shares_problem(good, partners=partners) is None
    assert cost_shares_problem(bad, partners=partners) == (
        "2019/20: The councils' shares must total 100%: they total 90%"
    )
    assert "HDC is not a partner" in cost_shares_problem(outsider, partners=partners)


def test_money_is_stored_to_the_penny_and_shares_are_worked_out_to_the_penny(world):
    project = make_project()
    ProjectFinance.objects.create(project=project, year=2024, revenue_budget=D("1234.56"))
    assert ProjectFinance.objects.get(project=project).revenue_budget == D("1234.56")
    strategy = project.programme.strategy
    for code, pct in (("SODC", "33.33"), ("VOWH", "66.67")):
        CostShare.objects.create(
            strategy=strategy, year=2024, council=world.councils[code], percentage=pct
        )
    shares = council_shares(year=2024, cost=D("100.00"), savings=None, strategy=strategy)
    assert [(s.council.code, s.cost) for s in shares.rows] == [
        ("SODC", D("33.33")),
        ("VOWH", D("66.67")),
    ]


def test_dashboard_shows_spend_with_its_financial_rag_beside_delivery(client, world):
    client.force_login(world.member)
    page = text_of(client.get(reverse("home"), {"strategy": world.strategy.slug}))

    # Active Directory's £48k on budget and the datacentre closure's £27k pressure.
    assert "Spend against budget by programme, 2018/19" in page
    assert "Core IT turnaround – £48k £48k £75k – £27k Red over budget beyond tolerance" in page
    # The action plan's own columns lead only a strategy that chooses them.
    assert "Budget outside contract" not in page
    assert "In-year pressure" not in page


def test_dashboard_shows_savings_by_confidence_and_council_shares(client, world):
    client.force_login(world.member)
    response = client.get(reverse("home"), {"strategy": world.strategy.slug})
    page = text_of(response)

    assert "Savings by confidence of delivery" in page
    assert 'id="savings-by-confidence-title"' in response.content.decode()
    assert "Core services reshaped £100k £20k £50k £30k £10k £0k" in page
    assert "Partner councils' shares, 2018/19" in page
    # Half each of the £75k outturn and of the £100k savings target.
    assert "South Oxfordshire District Council 50% £37,500 £50,000" in page


def test_a_report_can_carry_the_money_appendix(world):
    report = make_report(
        strategy=world.strategy,
        title="Joint Technology Strategy: money",
        appendices=["money"],
    )
    text = pdf_text(render_pdf(build_snapshot(report))[0])

    assert "Appendix A: Money: spend against budget, savings and council shares" in text
    assert "Savings by confidence of delivery, 2018/19" in text


def test_excel_export_keeps_numbers_dates_and_words(client, world):
    project = world.project
    evil = make_project(programme=project.programme, name='=HYPERLINK("http://x")')
    ProjectFinance.objects.create(project=evil, year=2018, revenue_budget=10, revenue_forecast=9)
    client.force_login(world.member)

    response = client.get(reverse("money_export"), {"strategy": world.strategy.slug})

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Spend", "Savings", "Council shares", "Budgets over life"]
    sheet = book["Spend"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:K")
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    legacy = rows[str(world.red_project)]
    assert legacy[0] == "2018/19" and legacy[7] == 0 and legacy[8] == 27000
    assert legacy[10] == "Red – over budget beyond tolerance"
    assert '\'=HYPERLINK("http://x")' in rows
    red_cell = next(c for c in sheet["K"] if c.value == "Red – over budget beyond tolerance")
    assert red_cell.fill.fgColor.rgb.upper().endswith("D4351C")
    assert sheet["I2"].number_format == '"£"#,##0.00'


def test_one_lines_forecast_never_hides_another_lines_spending():
    project = make_project()
    ProjectFinance.objects.create(
        project=project, year=2024, revenue_budget=100, revenue_forecast=100, revenue_actual=50
    )
    ProjectFinance.objects.create(
        project=project,
        year=2024,
        funding_source="grant",
        revenue_budget=100,
        revenue_actual=150,
    )
    projects = Project.objects.filter(pk=project.pk)

    spend, total = spend_by_programme(projects, 2024, financial_levels())

    assert (total.budget, total.outturn) == (D(200), D(250))
    assert total.rag.code == "R"


def test_a_council_has_one_share_a_year_and_a_share_belongs_to_one_subject(world):
    from django.db import IntegrityError, transaction

    strategy = world.strategy  # SODC already has its 2018/19 share
    council = world.councils["SODC"]
    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(strategy=strategy, year=2018, council=council, percentage=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(
            strategy=strategy,
            contract=world.contract,
            year=2030,
            council=council,
            percentage=100,
        )


def test_negative_savings_are_refused_with_a_message():
    from django.core.exceptions import ValidationError

    savings = Savings(project=make_project(), year=2024, target=D(-5))
    with pytest.raises(ValidationError, match="a saving is positive"):
        savings.full_clean()


def test_shares_of_whole_tens_are_written_as_people_write_them(world):
    from projects.money_tables import MoneyTables

    strategy = world.strategy
    projects = Project.objects.filter(programme__strategy=strategy)
    CostShare.objects.filter(strategy=strategy, year=2018).delete()
    for code, pct in (("SODC", 70), ("VOWH", 30)):
        CostShare.objects.create(
            strategy=strategy, year=2018, council=world.councils[code], percentage=pct
        )
    money = MoneyTables.build(projects, strategy=strategy, contract=None, as_at=date(2019, 1, 1))
    assert [row.percentage for row in money.shares] == ["70", "30"]


def test_budget_and_pressure_add_up_the_same_from_the_dashboards_sums_by_year_and_programme(
    world,
):
    """The dashboard adds the headline budget and pressure up from the sums it reads for
    its money panels; they must be what the one aggregate over the lines gives."""
    project = world.project
    ProjectFinance.objects.create(
        project=project, year=2019, revenue_budget=Decimal("5000"), revenue_forecast=Decimal("9000")
    )
    for strategy in Strategy.objects.all():
        projects = Project.objects.filter(programme__strategy=strategy)
        assert MoneyRead(projects).budget_and_pressure() == budget_and_pressure(projects)
    plan = Project.objects.filter(programme__strategy=world.strategy)
    # £48k and £0k budget, £27k pressure in 2018/19; £5k and £4k in 2019/20.
    assert MoneyRead(plan).budget_and_pressure() == (Decimal("53000"), Decimal("31000"))
