"""Who may enter a KPI's actuals, as a filter: its owner, when they are an officer, and
administrators. `programmes.rules` builds the permission on this same filter, so the
pages that list KPIs to enter and the check on each agree (tests/test_kpi_actuals.py)."""

from typing import Any

from django.db.models import Q

from core.roles import ADMINISTRATOR, OFFICER, has_role


def kpis_entered_by_filter(user: Any) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    if has_role(user, ADMINISTRATOR):
        return Q()
    if has_role(user, OFFICER):
        return Q(owner__user=user)
    return Q(pk__in=[])
