from datetime import date

from django.db import transaction

from .accounts import load_demo_users, refuse_demo_users_in_production
from .annual_plan import load_annual_plan
from .contracts import load_contract_changes
from .money import load_3c, load_oxfordshire_money
from .reference import People, load_organisations, scales
from .risks import load_risks
from .strategies import load_action_plan, load_annex_b
from .upsert import recorded_on

# The day each seed paper gives its facts as at (from its date line or meeting).
ANNEX_B_REPORTED = date(2021, 10, 29)
ACTION_PLAN_TO_CABINET = date(2018, 10, 5)  # with the contract changes, in one paper
ANNUAL_PLAN_UPDATED = date(2022, 3, 7)
OXFORDSHIRE_RISKS_REVIEWED = date(2019, 7, 10)
OXFORDSHIRE_REVIEW_MEETING = date(2019, 7, 25)
THREE_C_MEETING = date(2018, 2, 20)


@transaction.atomic
def load_demo(*, with_users=True):
    """Load every seed paper's data; a failure part-way leaves the database as it was."""
    if with_users:
        refuse_demo_users_in_production()
    organisations = load_organisations()
    people = People(organisations)
    rag_scales = scales()
    with recorded_on(ANNEX_B_REPORTED):
        load_annex_b(organisations, people, rag_scales)
    with recorded_on(ACTION_PLAN_TO_CABINET):
        action_plan = load_action_plan(organisations, people, rag_scales)
        contract = load_contract_changes(organisations, people, rag_scales, action_plan)
    with recorded_on(ANNUAL_PLAN_UPDATED):
        load_annual_plan(organisations, people, rag_scales, contract)
    with recorded_on(OXFORDSHIRE_RISKS_REVIEWED):
        oxfordshire = load_risks(organisations, people, rag_scales)
    with recorded_on(OXFORDSHIRE_REVIEW_MEETING):
        load_oxfordshire_money(oxfordshire)
    with recorded_on(THREE_C_MEETING):
        load_3c(organisations, rag_scales)
    return load_demo_users() if with_users else []
