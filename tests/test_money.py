"""Money: the financial RAG, roll-ups against the seed papers' own totals, council
shares, exact pence, and the same figures on the dashboard, in reports and in Excel."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from programmes.models import Organisation, Strategy
from projects.finance import (
    MoneyRead,
    budget_and_pressure,
    cost_shares_problem,
    council_shares,
    financial_levels,
    financial_rag_code,
    savings_by_programme,
    spend_by_programme,
)
from projects.models import CostShare, Project, ProjectFinance, Savings
from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

from .factories import make_project
from .reports import pdf_text
from .test_home import text_of

pytestmark = pytest.mark.django_db
D = Decimal


def projects_of(slug):
    return Project.objects.filter(programme__strategy__slug=slug)


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


def test_oxfordshire_savings_add_up_to_the_papers_tables():
    projects = projects_of("oxfordshire-transformation-2019")
    _, year_2019 = savings_by_programme(projects, 2019)
    # Table 2, "Total Transformation", 2019/20 (printed in £m as negatives).
    assert (year_2019.target, year_2019.delivered) == (D("14724000"), D("2308000"))
    assert (year_2019.forecast_high, year_2019.forecast_medium, year_2019.forecast_low) == (
        D("5890000"),
        D("4351000"),
        D("2500000"),
    )
    _, year_2018 = savings_by_programme(projects, 2018)
    assert (year_2018.target, year_2018.delivered) == (D("4900000"), D("4600000"))
    every_year = sum(savings_by_programme(projects, y)[1].target for y in range(2018, 2023))
    assert round(every_year / 1_000_000, 1) == D("49.7")  # "£49.7m of annual savings by 2022/23"


def test_3c_revenue_budget_and_savings_match_the_printed_reforecast():
    with open("fixtures/demo/money_3c_2018.json", encoding="utf-8") as handle:
        printed = {
            (t["what"], t["year"]): D(t["value"]) for t in json.load(handle)["totals_as_printed"]
        }
    projects = projects_of("3c-shared-ict-2018").filter(programme__name="Shared ICT service")
    for year in range(2017, 2022):
        label = f"{year}/{(year + 1) % 100:02d}"
        spend, _ = spend_by_programme(projects, year, financial_levels())
        assert spend[0].budget == printed[("(b) 2017 Revised Budget", label)], label
        _, savings = savings_by_programme(projects, year)
        assert savings.target == printed[("Revised Savings Plan", label)], label


def test_3c_cost_shares_total_100_each_year():
    strategy = Strategy.objects.get(slug="3c-shared-ict-2018")
    for year in range(2016, 2022):
        shares = CostShare.objects.filter(strategy=strategy, year=year)
        assert sum(s.percentage for s in shares) == 100, year
    assert CostShare.objects.get(strategy=strategy, year=2018, council__code="CCC").percentage == D(
        "45.1"
    )


def test_shares_that_do_not_total_100_are_refused_with_the_year():
    sodc, vowh = Organisation.objects.get(code="SODC"), Organisation.objects.get(code="VOWH")
    partners = {sodc, vowh}
    good = [(2018, sodc, D(60)), (2018, vowh, D(40)), (2019, sodc, D(100))]
    bad = [(2018, sodc, D(60)), (2018, vowh, D(40)), (2019, sodc, D(60)), (2019, vowh, D(30))]
    outsider = [(2018, Organisation.objects.get(code="OCC"), D(100))]

    assert cost_shares_problem(good, partners=partners) is None
    assert cost_shares_problem(bad, partners=partners) == (
        "2019/20: The councils' shares must total 100%: they total 90%"
    )
    assert "OCC is not a partner" in cost_shares_problem(outsider, partners=partners)


def test_money_is_stored_to_the_penny_and_shares_are_worked_out_to_the_penny():
    project = make_project()
    ProjectFinance.objects.create(project=project, year=2024, revenue_budget=D("1234.56"))
    assert ProjectFinance.objects.get(project=project).revenue_budget == D("1234.56")
    strategy = project.programme.strategy
    for code, pct in (("SODC", "33.33"), ("VOWH", "66.67")):
        CostShare.objects.create(
            strategy=strategy,
            year=2024,
            council=Organisation.objects.get(code=code),
            percentage=pct,
        )
    shares = council_shares(year=2024, cost=D("100.00"), savings=None, strategy=strategy)
    assert [(s.council.code, s.cost) for s in shares.rows] == [
        ("SODC", D("33.33")),
        ("VOWH", D("66.67")),
    ]


def test_dashboard_shows_spend_with_its_financial_rag_beside_delivery(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("home"), {"strategy": "south-vale-jts-2018"}))

    assert "Spend against budget by programme, 2018/19" in page
    assert "Core IT turnaround – £138k £138k £175k – £37k Red over budget beyond tolerance" in page
    assert "£138k budget outside contract" in page
    assert "£37k in-year pressure" in page


def test_dashboard_shows_savings_by_confidence_and_council_shares(client, member):
    client.force_login(member)
    oxfordshire = client.get(reverse("home"), {"strategy": "oxfordshire-transformation-2019"})
    page = text_of(oxfordshire)
    assert "Savings by confidence of delivery" in page
    assert 'id="savings-by-confidence-title"' in oxfordshire.content.decode()

    in_2018_19 = {"strategy": "3c-shared-ict-2018", "as_at": "2019-01-31"}
    three_c = text_of(client.get(reverse("home"), in_2018_19))
    assert "Partner councils' shares, 2018/19" in three_c
    assert "Cambridge City Council 45.1%" in three_c


def test_a_report_can_carry_the_money_appendix(member):
    report = Report.objects.create(
        title="Transformation programme: quarterly review",
        strategy=Strategy.objects.get(slug="oxfordshire-transformation-2019"),
        meeting_date=date(2019, 7, 25),
        report_of="Interim Assistant Chief Executive",
        author_name="Transformation team",
        include_status_table=False,
        include_rag_summary=False,
        include_milestones_by_quarter=False,
        include_milestone_changes=False,
        include_exceptions=False,
        include_money=True,
    )
    text = pdf_text(render_pdf(build_snapshot(report))[0])

    assert "Appendix A: Money: spend against budget, savings and council shares" in text
    assert "Savings by confidence of delivery, 2022/23" in text


def test_excel_export_keeps_numbers_dates_and_words(client, member):
    project = Project.objects.get(name="Wifi consolidation")
    evil = make_project(programme=project.programme, name='=HYPERLINK("http://x")')
    ProjectFinance.objects.create(project=evil, year=2018, revenue_budget=10, revenue_forecast=9)
    client.force_login(member)

    response = client.get(reverse("money_export"), {"strategy": "south-vale-jts-2018"})

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Spend", "Savings", "Council shares"]
    sheet = book["Spend"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:K")
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    legacy = rows["AP10 Legacy datacentre closure"]
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


def test_a_council_has_one_share_a_year_and_a_share_belongs_to_one_subject():
    from django.db import IntegrityError, transaction

    strategy = Strategy.objects.get(slug="3c-shared-ict-2018")
    council = Organisation.objects.get(code="CCC")
    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(strategy=strategy, year=2018, council=council, percentage=1)
    from contracts.models import Contract

    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(
            strategy=strategy,
            contract=Contract.objects.get(),
            year=2030,
            council=council,
            percentage=100,
        )


def test_negative_savings_are_refused_with_a_message():
    from django.core.exceptions import ValidationError

    savings = Savings(project=make_project(), year=2024, target=D(-5))
    with pytest.raises(ValidationError, match="a saving is positive"):
        savings.full_clean()


def test_shares_of_whole_tens_are_written_as_people_write_them():
    from reports import appendices

    projects = projects_of("3c-shared-ict-2018")
    strategy = Strategy.objects.get(slug="3c-shared-ict-2018")
    CostShare.objects.filter(strategy=strategy, year=2018).delete()
    for code, pct in (("CCC", 50), ("HuDC", 30), ("SCDC", 20)):
        CostShare.objects.create(
            strategy=strategy,
            year=2018,
            council=Organisation.objects.get(code=code),
            percentage=pct,
        )
    data = appendices.money(projects, strategy=strategy, contract=None, as_at=date(2019, 1, 1))
    assert [row["percentage"] for row in data["shares"]] == ["50", "30", "20"]


def test_budget_and_pressure_add_up_the_same_from_the_dashboards_sums_by_year_and_programme():
    """The dashboard adds the headline budget and pressure up from the sums it reads for
    its money panels; they must be what the one aggregate over the lines gives."""
    project = Project.objects.filter(programme__strategy__slug="south-vale-jts-2018").first()
    ProjectFinance.objects.create(
        project=project, year=2019, revenue_budget=Decimal("5000"), revenue_forecast=Decimal("9000")
    )
    for strategy in Strategy.objects.all():
        projects = Project.objects.filter(programme__strategy=strategy)
        assert MoneyRead(projects).budget_and_pressure() == budget_and_pressure(projects)
    plan = Project.objects.filter(programme__strategy__slug="south-vale-jts-2018")
    assert MoneyRead(plan).budget_and_pressure() == (Decimal("143000"), Decimal("41000"))
