"""Permissions on strategies' measures, from the one rule in `programmes.access`."""

import rules

from core.permissions import can_edit_through

from .access import kpis_entered_by_filter
from .models import Kpi

can_enter_actuals = can_edit_through(Kpi, kpis_entered_by_filter, "can_enter_actuals")

rules.add_perm("programmes.view_kpi", rules.is_authenticated)
rules.add_perm("programmes.add_kpiactual", can_enter_actuals)
