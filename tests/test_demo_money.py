"""The seed papers' money, transcribed: roll-ups that add up to the papers' own printed
totals, and the partner councils' shares as 3C's papers give them."""

import json
from decimal import Decimal

import pytest

from programmes.models import Strategy
from projects.finance import financial_levels, savings_by_programme, spend_by_programme
from projects.models import CostShare, Project

pytestmark = pytest.mark.django_db
D = Decimal


def projects_of(slug):
    return Project.objects.filter(programme__strategy__slug=slug)


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
        # The staff and other savings as printed; the paper's total is £1 short of their
        # sum in 2018/19 (its own rounding, noted in the fixture).
        assert abs(savings.target - printed[("Revised Savings Plan", label)]) <= 1, label


def test_3c_cost_shares_total_100_each_year():
    strategy = Strategy.objects.get(slug="3c-shared-ict-2018")
    for year in range(2016, 2022):
        shares = CostShare.objects.filter(strategy=strategy, year=year)
        assert sum(s.percentage for s in shares) == 100, year
    assert CostShare.objects.get(strategy=strategy, year=2018, council__code="CCC").percentage == D(
        "45.1"
    )


def dashboard_text(client, member, **params):
    from django.urls import reverse

    from .test_home import text_of

    client.force_login(member)
    return text_of(client.get(reverse("home"), params))


def test_the_3c_dashboard_shows_each_partners_cost_and_savings_to_the_pound(client, member):
    page = dashboard_text(client, member, strategy="3c-shared-ict-2018", as_at="2018-06-30")
    shares = page.split("Partner councils' shares, 2018/19")[1]
    # 004, "Cost of 3C ICT Shared Service by Partner" and "Savings from …", Year 3.
    assert "Cambridge City Council 45.1% £3,080,494 £382,845" in shares
    assert "Huntingdonshire District Council 31.3% £2,097,672 £261,041" in shares
    assert "South Cambridgeshire District Council 23.6% £1,330,559 £167,520" in shares
    assert "The percentages are of 3C ICT shared service: staff" in shares
    assert "estimated based from original proportional contribution" in shares


def test_only_the_action_plan_leads_with_budget_outside_contract_and_pressure(client, member):
    for strategy in Strategy.objects.all():
        page = dashboard_text(client, member, strategy=strategy.slug)
        glance = page.split("At a glance")[1].split("Red and Amber projects")[0]
        has_them = strategy.slug == "south-vale-jts-2018"
        assert ("Budget outside contract" in glance) is has_them, strategy.slug
        assert ("In-year pressure" in glance) is has_them, strategy.slug


def test_oxfordshires_dashboard_leads_with_its_members_page_five(client, member):
    page = dashboard_text(
        client, member, strategy="oxfordshire-transformation-2019", as_at="2019-07-25"
    )
    glance = page.split("At a glance")[1].split("Red and Amber projects")[0]
    # 003, Annex 1 "Members' Transformation Update", July 2019.
    assert [figure for figure in glance.split() if figure[0] == "£" or figure[-1] == "%"][:5] == [
        "£49.7m",
        "£15.0m",
        "15%",
        "£17.9m",
        "£1.8m",
    ]
    # Para. 16: "To date £3.3m of the £18m has been spent or is committed": over the
    # programme's life, not a 2019/20 budget with a variance.
    assert (
        "Transformation implementation 2018/19 to 2022/23 £18,000k £17,900k £1,800k £3,300k "
        "£14,700k 30 June 2019" in page
    )
    assert "-£14,700k" not in page
    assert "Spend against budget by programme" not in page  # no year's budget or spend
