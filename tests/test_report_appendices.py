"""The appendices a report carries: a registry, lettered in its order, each a panel whose
rows keep their RAG levels."""

from datetime import date

import pytest
from django.utils import timezone

from dashboards.panels.exceptions import Exceptions
from dashboards.panels.status_table import StatusTable
from programmes.models import RagScale
from reports.appendix_registry import APPENDICES, Appendix
from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

from .reports import pdf_text

pytestmark = pytest.mark.django_db


def report_on(world, **fields):
    return Report.objects.create(
        title="Joint Technology Strategy update",
        meeting_date=date(2018, 10, 5),
        report_of="Head of Policy and Programmes",
        author_name="Simon Hewings",
        data_cut_off=timezone.localdate(),  # the small world is made today
        **{"strategy": world.strategy, **fields},
    )


def test_appendices_are_lettered_in_the_registrys_order_not_the_order_saved(world):
    report = report_on(world, appendices=["money", "risk_register", "status_table"])

    built = build_snapshot(report)["appendices"]

    assert [(a["letter"], a["kind"]) for a in built] == [
        ("A", "status_table"),
        ("B", "risk_register"),
        ("C", "money"),
    ]


def test_a_new_appendix_is_one_registry_entry_and_one_partial(world, monkeypatch):
    monkeypatch.setitem(
        APPENDICES,
        "second_opinion",
        Appendix(
            key="second_opinion",
            title="A second opinion",
            choice_label="a second opinion",
            chosen_by_default=False,
            panel=Exceptions,
            build=lambda scope: Exceptions.build(
                scope.projects, scope.flagged_level_ids, scope.as_at, scope.levels
            ),
            partial="partials/panels/exceptions.html",
        ),
    )
    report = report_on(world, appendices=["status_table", "second_opinion"])

    text = pdf_text(render_pdf(build_snapshot(report))[0])

    assert "Appendix B: A second opinion" in text
    assert world.red_project.name in text.split("Appendix B: A second opinion")[-1]


def test_a_contract_reports_status_table_shows_plan_items_at_their_plans_levels(world):
    # The contract's own key is another scale than its annual plan's.
    world.contract.rag_scale = RagScale.objects.get(slug="action-plan")
    world.contract.save()
    report = Report.objects.create(
        title="Five Councils contract",
        contract=world.contract,
        meeting_date=date(2022, 6, 1),
        report_of="Head of Partnership and Insight",
        author_name="David Wilde",
        appendices=["status_table"],
        data_cut_off=timezone.localdate(),  # the small world is made today
    )

    data = build_snapshot(report)["appendices"][0]["data"]

    rags = {row.project: row.rag for row in StatusTable.from_json(data).rows}
    assert rags[str(world.plan_item)].words == "on track"  # the annual plan's Green
    assert rags[str(world.transition_item)].label == "Amber"
