"""KPIs against their targets: the RAG is worked out from the latest actual (on or past
the target Green, within the tolerance Amber, beyond it Red), never stored, whichever way
is better."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Kpi, KpiActual

from .test_home import text_of

pytestmark = pytest.mark.django_db


def kpi(strategy, **fields):
    values = {
        "code": "KPI-2",
        "name": "Service Availability",
        "unit": Kpi.Unit.PERCENT,
        "target": Decimal(95),
        "amber_tolerance": Decimal(5),
        "frequency": Kpi.Frequency.QUARTERLY,
    }
    return Kpi.objects.create(strategy=strategy, **(values | fields))


@pytest.mark.parametrize(
    ("direction", "value", "rag"),
    [
        ("higher", 97, "G"),
        ("higher", 95, "G"),
        ("higher", 91, "A"),
        ("higher", 89, "R"),
        ("lower", 93, "G"),
        ("lower", 99, "A"),
        ("lower", 101, "R"),
    ],
)
def test_the_rag_is_worked_out_against_the_target_either_way(world, direction, value, rag):
    assert kpi(world.strategy, direction=direction).rag_of(Decimal(value)) == rag


def test_the_dashboard_shows_each_kpi_with_its_latest_actual_and_rag(client, member, world):
    measured = world.strategy.kpis.get(code="KPI-2")
    measured.amber_tolerance = Decimal(5)
    measured.save()
    KpiActual.objects.create(kpi=measured, period_end=date(2022, 3, 31), value=Decimal(99))
    KpiActual.objects.create(kpi=measured, period_end=date(2022, 6, 30), value=Decimal("92.5"))
    kpi(
        world.strategy,
        code="KPI-7",
        name="Staff Budget Savings",
        unit="pounds",
        target=Decimal(210000),
        frequency="annual",
    )
    client.force_login(member)
    page = text_of(client.get(reverse("home"), {"strategy": world.strategy.slug}))
    assert "KPI-2 Service Availability Quarterly 95% 92.5% to 30 Jun 2022 Amber" in page
    assert "KPI-7 Staff Budget Savings Annual £210k No actual yet" in page
