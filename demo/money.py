"""The seed papers' own money: the 3C shared ICT business plan (capital roadmap by
council and year, the service's revenue budget and savings, the partners' cost
shares) and the Oxfordshire transformation programme's savings and spend.

The Oxfordshire tables print savings as negative £m; they are stored positive.
"""

from decimal import Decimal

from programmes.models import Kpi, Programme, Strategy
from projects.models import CostShare, FundingSource, Project, ProjectFinance, Savings

from .upsert import read_fixture, set_m2m, upsert

THREE_C = ("CCC", "HuDC", "SCDC")


REFORECAST = "Re-Forecast 3C ICT Revenue Budget"


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
    _load_service_budget(strategy, data["tables"])
    for share in data["apportionment"]:
        for code, percentage in share["shares"].items():
            upsert(
                CostShare,
                {
                    "strategy": strategy,
                    "contract": None,
                    "year": start_year(share["year"]),
                    "council": organisations[code],
                },
                percentage=Decimal(percentage),
                basis=share["basis"],
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
    """The shared service's revised revenue budget and its savings plan, a year each."""
    programme = upsert(Programme, {"strategy": strategy, "name": "Shared ICT service"}, order=4)
    project = upsert(Project, {"programme": programme, "name": "3C ICT shared service"})
    budget = _table(tables, title=REFORECAST, kind="revenue")
    savings = _table(tables, title=REFORECAST, kind="savings", unit="pounds")
    for row in budget["rows"]:
        if row["category"] == "(b) 2017 Revised Budget":
            upsert(
                ProjectFinance,
                {
                    "project": project,
                    "year": start_year(row["year"]),
                    "funding_source": FundingSource.COUNCIL_BUDGET,
                },
                revenue_budget=Decimal(row["value"]),
                notes="Re-forecast 3C ICT revenue budget: (b) 2017 revised budget",
            )
    for row in savings["rows"]:
        if row["category"] == "Revised Savings Plan":
            upsert(
                Savings,
                {"project": project, "year": start_year(row["year"])},
                target=Decimal(row["value"]),
                notes="Re-forecast 3C ICT revenue budget: revised savings plan",
            )


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
                delivered=pounds(row["delivered"]),
                forecast_high=pounds(row["forecast_high"]),
                forecast_medium=pounds(row["forecast_medium"]),
                forecast_low=pounds(row["forecast_low"]),
                notes=f"{row['table']}"
                + (
                    f"; revised target £{pounds(revised):,.0f}"
                    if revised and revised != row["target"]
                    else ""
                ),
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
    plan = {(s["type"], s["value"]): s for s in data["spend_against_plan"]}
    implementation = upsert(
        Project,
        {"programme": programme, "name": "Transformation implementation"},
        order=11,
        funding_approach="Implementation costs in the business case, excluding redundancy",
    )
    upsert(
        ProjectFinance,
        {"project": implementation, "year": 2019, "funding_source": FundingSource.COUNCIL_BUDGET},
        revenue_budget=Decimal("18000000") if ("plan", "18000000") in plan else None,
        revenue_actual=Decimal("3300000") if ("spent_or_committed", "3300000") in plan else None,
        notes="The whole programme's plan (2018/19 to 2022/23) and spent or committed by June 2019",
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
