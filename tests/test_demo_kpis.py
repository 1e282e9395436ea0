"""3C's eight KPIs (004, section 4) with their targets and reporting frequencies, and no
actuals, as the paper gives none."""

import pytest
from django.urls import reverse

from programmes.models import Kpi, KpiActual

from .test_home import text_of

pytestmark = pytest.mark.django_db


def test_3cs_eight_kpis_show_on_its_dashboard_with_their_targets(client, member):
    kpis = Kpi.objects.filter(strategy__slug="3c-shared-ict-2018")
    assert [(k.code, k.target_shown, k.frequency) for k in kpis] == [
        ("KPI-1", "80%", "quarterly"),
        ("KPI-2", "95%", "quarterly"),
        ("KPI-3", "80%", "quarterly"),
        ("KPI-4", "90%", "quarterly"),
        ("KPI-5", "80%", "quarterly"),
        ("KPI-6", "80%", "quarterly"),
        ("KPI-7", "£210k", "annual"),
        ("KPI-8", "£80k", "annual"),
    ]
    assert not KpiActual.objects.exists()
    assert kpis.get(code="KPI-7").risk.startswith("HDC salaries are not competitive")
    client.force_login(member)
    page = text_of(client.get(reverse("home"), {"strategy": "3c-shared-ict-2018"}))
    assert "KPI-5 Service/Work Order Request Performance Quarterly 80% No actual yet" in page
    assert "KPI-8 Software and Services Savings Annual £80k No actual yet" in page
