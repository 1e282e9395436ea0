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
        assert savings.target == printed[("Revised Savings Plan", label)], label


def test_3c_cost_shares_total_100_each_year():
    strategy = Strategy.objects.get(slug="3c-shared-ict-2018")
    for year in range(2016, 2022):
        shares = CostShare.objects.filter(strategy=strategy, year=year)
        assert sum(s.percentage for s in shares) == 100, year
    assert CostShare.objects.get(strategy=strategy, year=2018, council__code="CCC").percentage == D(
        "45.1"
    )
