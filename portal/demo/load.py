from django.db import transaction

from .accounts import load_demo_users, refuse_demo_users_in_production
from .annual_plan import load_annual_plan
from .contracts import load_contract_changes
from .money import load_3c, load_oxfordshire_money
from .reference import People, load_organisations, scales
from .risks import load_risks
from .strategies import load_action_plan, load_annex_b


@transaction.atomic
def load_demo(*, with_users=True):
    """Load every seed paper's data; a failure part-way leaves the database as it was."""
    if with_users:
        refuse_demo_users_in_production()
    organisations = load_organisations()
    people = People(organisations)
    rag_scales = scales()
    load_annex_b(organisations, people, rag_scales)
    action_plan = load_action_plan(organisations, people, rag_scales)
    contract = load_contract_changes(organisations, people, rag_scales, action_plan)
    load_annual_plan(organisations, people, rag_scales, contract)
    oxfordshire = load_risks(organisations, people, rag_scales)
    load_oxfordshire_money(oxfordshire)
    load_3c(organisations, rag_scales)
    return load_demo_users() if with_users else []
