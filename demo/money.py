"""The seed papers' own money: the 3C shared ICT business plan (capital roadmap by
council and year, the service's revenue budget and savings, the partners' cost
shares) and the Oxfordshire transformation programme's savings and spend.

The Oxfordshire tables print savings as negative £m; they are stored positive.
"""

from datetime import date
from decimal import Decimal

from programmes.models import HeadlineFigure, Kpi, Programme, Strategy, StrategyHeadline
from projects.models import (
    CostShare,
    FundingSource,
    LifeBudget,
    Project,
    ProjectFinance,
    Savings,
)

from .upsert import read_fixture, set_m2m, upsert

THREE_C = ("CCC", "HuDC", "SCDC")


REFORECAST = "Re-Forecast 3C ICT Revenue Budget"
BY_PARTNER = {
    "cost": "Cost of 3C ICT Shared Service by Partner",
    "savings": "Savings from 3C ICT Shared Service by Partner",
}
# The paper's own words under its per-partner tables (004, line 1019).
PRINTED_BASIS = "estimated based from original proportional contribution"


def _table(tables, **wanted):
    return next(t for t in tables if all(t.get(k) == v for k, v in wanted.items()))


def start_year(label):
    """ "2018/19" → 2018."""
    return int(label[:4])


def pounds(value):
    return None if value is None else abs(Decimal(value))


def load_3c(organisations, scales):
    data = read_fixture("money_3c_2018.json")
    strategy = upsert(
        Strategy,
        {"slug": "3c-shared-ict-2018"},
        title="3C Shared ICT strategy and business plan",
        period="2017/18 – 2022/23",
        version="ICT Strategy v3.0 and 2017/18 business plan mid-year refresh",
        rag_scale=scales["action-plan"],
        source=data["source"][:300],
        order=5,
    )
    set_m2m(strategy.organisations, [organisations[code] for code in THREE_C])
    _load_capital_roadmap(strategy, organisations, data["tables"])
    staff = _load_service_budget(strategy, data["tables"])
    printed = _printed_by_partner(data["tables"])
    for share in data["apportionment"]:
        year = start_year(share["year"])
        for code, percentage in share["shares"].items():
            cost, savings = printed.get((code, year), (None, None))
            upsert(
                CostShare,
                {
                    "strategy": strategy,
                    "contract": None,
                    "year": year,
                    "council": organisations[code],
                },
                percentage=Decimal(percentage),
                basis=share["basis"],
                element=staff,
                cost=cost,
                savings=savings,
                printed_basis=PRINTED_BASIS if cost is not None or savings is not None else "",
            )
    return strategy


def _load_capital_roadmap(strategy, organisations, tables):
    """A programme a council, a project an activity, capital (CapEx) and revenue
    (OpEx) a year: the roadmap's forecast by council and year."""
    roadmap = _table(tables, kind="capital")
    figures = {}
    for row in roadmap["rows"]:
        if row["value"] is None:
            continue
        key = (row["council"], row["activity"], start_year(row["year"]))
        spend = figures.setdefault(key, {})
        field = "capital_budget" if row["spend_type"] == "CapEx" else "revenue_budget"
        spend[field] = spend.get(field, Decimal(0)) + Decimal(row["value"])
    for order, code in enumerate(THREE_C, start=1):
        programme = upsert(
            Programme,
            {"strategy": strategy, "name": f"Capital roadmap: {organisations[code].name}"},
            order=order,
        )
        activities = sorted({a for c, a, _ in figures if c == code})
        for position, activity in enumerate(activities, start=1):
            project = upsert(
                Project,
                {"programme": programme, "name": activity},
                order=position,
                funding_approach="Capital investment forecast (roadmap)",
            )
            set_m2m(project.councils_impacted, [organisations[code]])
            for (c, a, year), spend in figures.items():
                if (c, a) == (code, activity):
                    upsert(
                        ProjectFinance,
                        {
                            "project": project,
                            "year": year,
                            "funding_source": FundingSource.CAPITAL_PROGRAMME,
                        },
                        **spend,
                        notes="3C roadmap: high level capital investment forecast",
                    )


def _load_service_budget(strategy, tables):
    """The shared service's revised revenue budget and its savings plan, a year each, as
    two projects: its staff costs, which the partners' percentages are stated for, and
    its other costs. Returns the staff costs' project."""
    programme = upsert(Programme, {"strategy": strategy, "name": "Shared ICT service"}, order=4)
    budget = _table(tables, title=REFORECAST, kind="revenue")
    savings = _table(tables, title=REFORECAST, kind="savings", unit="pounds")
    elements = {
        "staff": (
            "3C ICT shared service: staff",
            "Budgetary Staff Costs",
            "Forecast Staff Savings",
        ),
        "other": (
            "3C ICT shared service: other costs",
            "Budgetary Other Costs",
            "Forecast Other Savings",
        ),
    }
    projects = {}
    for order, (key, (name, cost_row, savings_row)) in enumerate(elements.items(), start=1):
        project = projects[key] = upsert(
            Project, {"programme": programme, "name": name}, order=order
        )
        for row in budget["rows"]:
            if row["category"] == cost_row:
                upsert(
                    ProjectFinance,
                    {
                        "project": project,
                        "year": start_year(row["year"]),
                        "funding_source": FundingSource.COUNCIL_BUDGET,
                    },
                    revenue_budget=Decimal(row["value"]),
                    notes=f"Re-forecast 3C ICT revenue budget: {cost_row.lower()}",
                )
        for row in savings["rows"]:
            if row["category"] == savings_row:
                upsert(
                    Savings,
                    {"project": project, "year": start_year(row["year"])},
                    target=Decimal(row["value"]),
                    notes=f"Re-forecast 3C ICT revenue budget: {savings_row.lower()}",
                )
    return projects["staff"]


def _printed_by_partner(tables):
    """{(council code, year): (cost, savings)} as the paper prints them a partner."""
    printed = {}
    for index, kind in enumerate(("cost", "savings")):
        for row in _table(tables, title=BY_PARTNER[kind])["rows"]:
            key = (row["council"], start_year(row["year"]))
            figures = printed.setdefault(key, [None, None])
            figures[index] = Decimal(row["value"])
    return {key: tuple(figures) for key, figures in printed.items()}


def load_oxfordshire_money(strategy):
    """Savings by workstream and confidence (Tables 2 and 3), 2018/19's delivery and
    the implementation spend against plan, on the transformation programme."""
    data = read_fixture("money_oxfordshire_2019.json")
    programme = upsert(
        Programme, {"strategy": strategy, "name": "Transformation workstreams"}, order=2
    )
    for position, name in enumerate(dict.fromkeys(w["name"] for w in data["workstreams"]), start=1):
        project = upsert(Project, {"programme": programme, "name": name}, order=position)
        for row in (w for w in data["workstreams"] if w["name"] == name):
            revised = row.get("revised_target")
            upsert(
                Savings,
                {"project": project, "year": start_year(row["year"])},
                target=pounds(row["target"]),
                revised_target=pounds(revised),
                delivered=pounds(row["delivered"]),
                forecast_high=pounds(row["forecast_high"]),
                forecast_medium=pounds(row["forecast_medium"]),
                forecast_low=pounds(row["forecast_low"]),
                notes=row["table"],
            )
    earlier = next(d for d in data["delivered"] if d["year"] == "2018/19")
    agreed = upsert(
        Project,
        {"programme": programme, "name": "Previously agreed transformational activity"},
        order=10,
    )
    upsert(
        Savings,
        {"project": agreed, "year": 2018},
        target=pounds(earlier["target"]),
        delivered=pounds(earlier["delivered"]),
        notes="£0.3m not delivered moves to 2019/20",
    )
    implementation = upsert(
        Project,
        {"programme": programme, "name": "Transformation implementation"},
        order=11,
        funding_approach="Implementation costs in the business case, excluding redundancy",
    )
    spend = data["spend_against_plan"]

    def printed(words):
        return Decimal(next(row["value"] for row in spend if row["printed"] == words))

    # A budget over the programme's life (para. 16 and Annex 1), not one year's: the
    # demo once kept it as a 2019/20 budget and showed a -£14.7m "variance".
    ProjectFinance.objects.filter(project=implementation).delete()
    upsert(
        LifeBudget,
        {"project": implementation},
        first_year=2018,
        last_year=2022,
        budget=printed("£18m"),
        planned=printed("£17.9m"),
        spent=printed("£1.8m"),
        spent_or_committed=printed("£3.3m"),
        as_at=date(2019, 6, 30),
        notes="Business case: £18m implementation costs excluding redundancy (para. 16); "
        "planned spend and spend to date from the members' dashboard (Annex 1)",
    )


def load_3c_kpis():
    """The business plan's eight KPIs with their targets and reporting frequencies; no
    actuals, as the paper gives none."""
    data = read_fixture("3c_kpis.json")
    strategy = Strategy.objects.get(slug=data["strategy"])
    for order, kpi in enumerate(data["kpis"], start=1):
        upsert(
            Kpi,
            {"strategy": strategy, "code": kpi["code"]},
            name=kpi["name"],
            unit=kpi["unit"],
            target=Decimal(kpi["target"]),
            frequency=kpi["frequency"],
            depends_on=kpi["depends_on"],
            risk=kpi["risk"],
            source=data["source"][:300],
            order=order,
        )


# What each paper leads with: Oxfordshire's members' dashboard (003, Annex 1) its five
# money figures, the 2018 action plan its two money columns.
LEAD_FIGURES = {
    "oxfordshire-transformation-2019": [
        HeadlineFigure.SAVINGS_TARGET_TOTAL,
        HeadlineFigure.SAVINGS_TARGET_YEAR,
        HeadlineFigure.SAVINGS_ACHIEVED,
        HeadlineFigure.PLANNED_SPEND,
        HeadlineFigure.SPEND_TO_DATE,
    ],
    "south-vale-jts-2018": [
        HeadlineFigure.BUDGET_OUTSIDE_CONTRACT,
        HeadlineFigure.IN_YEAR_PRESSURE,
    ],
}


def choose_lead_figures():
    for slug, figures in LEAD_FIGURES.items():
        strategy = Strategy.objects.get(slug=slug)
        for order, figure in enumerate(figures, start=1):
            upsert(StrategyHeadline, {"strategy": strategy, "figure": figure}, order=order)
