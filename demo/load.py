from datetime import date

from django.db import transaction

from notifications.receivers import muted

from .accounts import load_demo_users, refuse_demo_users_in_production
from .annual_plan import load_annual_plan
from .benefits import load_3c_benefits, load_oxfordshire_benefits
from .contracts import load_contract_changes
from .meetings import load_meetings
from .money import choose_lead_figures, load_3c, load_3c_kpis, load_oxfordshire_money
from .reference import People, load_organisations, scales
from .reports import load_reports
from .risks import load_3c_financial_risks, load_dependencies, load_risks
from .strategies import load_action_plan, load_annex_b
from .upsert import recorded_on

# The day each seed paper gives its facts as at (from its date line or meeting).
ANNEX_B_REPORTED = date(2021, 10, 29)
# The strategy document, with its 12-month action plan, is dated 23/09/2018 (V2.0); it
# went to Cabinet on 4 and 5 October 2018 with the contract changes, in one paper. A
# report to that Cabinet reads the data as at 30 September 2018, so the plan is on the
# trail by then (tests/test_demo_report_cut_off.py).
STRATEGY_DOCUMENT_DATED = date(2018, 9, 23)
CONTRACT_CHANGES_TO_CABINET = date(2018, 10, 5)
ANNUAL_PLAN_UPDATED = date(2022, 3, 7)
OXFORDSHIRE_RISKS_REVIEWED = date(2019, 7, 10)
OXFORDSHIRE_REVIEW_MEETING = date(2019, 7, 25)
THREE_C_MEETING = date(2018, 2, 20)


@transaction.atomic
def load_demo(*, with_users=True):
    """Load every seed paper's data; a failure part-way leaves the database as it was.
    Nobody is notified of what the papers record: it is history, not news."""
    if with_users:
        refuse_demo_users_in_production()
    with muted():
        return _load_papers(with_users=with_users)


def _load_papers(*, with_users):
    organisations = load_organisations()
    people = People(organisations)
    rag_scales = scales()
    with recorded_on(ANNEX_B_REPORTED):
        load_annex_b(organisations, people, rag_scales)
    with recorded_on(STRATEGY_DOCUMENT_DATED):
        action_plan = load_action_plan(organisations, people, rag_scales)
    with recorded_on(CONTRACT_CHANGES_TO_CABINET):
        contract = load_contract_changes(organisations, people, rag_scales, action_plan)
    with recorded_on(ANNUAL_PLAN_UPDATED):
        plan = load_annual_plan(organisations, people, rag_scales, contract)
        load_dependencies(plan)
    with recorded_on(OXFORDSHIRE_RISKS_REVIEWED):
        oxfordshire = load_risks(organisations, people, rag_scales)
    with recorded_on(OXFORDSHIRE_REVIEW_MEETING):
        load_oxfordshire_money(oxfordshire)
        load_oxfordshire_benefits()
    with recorded_on(THREE_C_MEETING):
        load_3c(organisations, rag_scales)
        load_3c_financial_risks()
        load_3c_kpis()
        load_3c_benefits()
    choose_lead_figures()
    load_meetings(organisations, people)
    load_reports(people)
    return load_demo_users() if with_users else []
