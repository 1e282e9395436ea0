from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contracts.lifecycle import next_statuses, refusal
from contracts.models import ChangeStatus, ChangeTransition, ContractChange
from contracts.summaries import changes_by_status

from .contract_changes import TITLE, move, raise_change
from .test_home import text_of

pytestmark = pytest.mark.django_db
S = ChangeStatus


@pytest.fixture
def raised(client, officer, contract):
    client.force_login(officer)
    response = raise_change(client, contract)
    assert response.status_code == 302, text_of(response)[:2000]
    return ContractChange.objects.get(title=TITLE)


def test_a_change_moves_forward_one_step_at_a_time_or_out():
    assert next_statuses(S.PROPOSED) == [S.SCOPING, S.WITHDRAWN, S.REJECTED]
    assert next_statuses(S.AGREED) == [S.APPROVED, S.WITHDRAWN, S.REJECTED]
    assert next_statuses(S.APPROVED) == [S.IMPLEMENTED, S.WITHDRAWN]
    for finished in (S.IMPLEMENTED, S.WITHDRAWN, S.REJECTED):
        assert next_statuses(finished) == []


def test_refusals_name_the_step_that_was_missed():
    assert refusal(S.PROPOSED, S.IMPLEMENTED) == (
        "A change cannot move from Proposed to Implemented: it must go to Scoping first"
    )
    assert refusal(S.AGREED, S.SCOPING) == "A change cannot move back from Agreed to Scoping"
    assert refusal(S.APPROVED, S.REJECTED) == (
        "An approved change cannot be rejected: withdraw it instead"
    )
    assert refusal(S.WITHDRAWN, S.SCOPING) == (
        "The change is Withdrawn: a finished change cannot move to Scoping"
    )


def test_a_raised_change_starts_at_proposed_dated_with_who_raised_it(raised, officer):
    assert raised.status == S.PROPOSED
    first = raised.transitions.get()
    assert (first.from_status, first.to_status, first.by) == ("", S.PROPOSED, officer)
    assert first.on == timezone.localdate()


def test_each_move_is_dated_with_who_and_why(client, officer, raised):
    raised.transitions.update(on=timezone.localdate() - timedelta(days=10))
    on = timezone.localdate() - timedelta(days=1)
    response = move(client, raised, S.SCOPING, on=on, reason="Capita asked to scope it")

    assert response.status_code == 302
    latest = ContractChange.objects.get(pk=raised.pk).transitions.first()
    assert (latest.from_status, latest.to_status) == (S.PROPOSED, S.SCOPING)
    assert (latest.on, latest.by, latest.reason) == (on, officer, "Capita asked to scope it")
    page = text_of(client.get(reverse("contracts:change", args=[raised.pk])))
    assert "Proposed to Scoping" in page
    assert "Capita asked to scope it" in page


def test_an_illegal_jump_is_refused_with_a_clear_message_and_writes_nothing(client, raised):
    response = move(client, raised, S.IMPLEMENTED)

    assert response.status_code == 200
    assert (
        "A change cannot move from Proposed to Implemented: it must go to Scoping first"
        in text_of(response)
    )
    change = ContractChange.objects.get(pk=raised.pk)
    assert change.status == S.PROPOSED
    assert change.transitions.count() == 1
    assert change.version == raised.version


def test_approval_needs_the_decision_maker_and_date(client, raised):
    for step in (S.SCOPING, S.IN_NEGOTIATION, S.AGREED):
        assert move(client, raised, step).status_code == 302

    refused = move(client, raised, S.APPROVED)
    page = text_of(refused)
    assert "Enter who made the decision" in page
    assert "Enter the date of the decision" in page
    assert ContractChange.objects.get(pk=raised.pk).status == S.AGREED

    decided = timezone.localdate()
    approved = move(
        client,
        raised,
        S.APPROVED,
        decision_maker="Chief executive",
        decision_date=decided,
        tupe_transfer_date=date(2030, 1, 1),
    )
    assert approved.status_code == 302
    change = ContractChange.objects.get(pk=raised.pk)
    assert change.status == S.APPROVED
    assert (change.decision_maker, change.decision_date) == ("Chief executive", decided)
    assert change.tupe_transfer_date == date(2030, 1, 1)


def test_a_move_cannot_be_dated_before_the_last_one_or_in_the_future(client, raised):
    earlier = move(client, raised, S.SCOPING, on=timezone.localdate() - timedelta(days=3))
    later = move(client, raised, S.SCOPING, on=timezone.localdate() + timedelta(days=1))

    assert "The date of the move must be on or after the last move" in text_of(earlier)
    assert "The date of the move must be today or in the past" in text_of(later)
    assert ContractChange.objects.get(pk=raised.pk).transitions.count() == 1


def test_a_finished_change_offers_no_further_moves(client, raised):
    move(client, raised, S.WITHDRAWN, reason="No longer needed")

    page = text_of(client.get(reverse("contracts:change_move", args=[raised.pk])))
    assert "Withdrawn is a final status" in page
    response = move(client, raised, S.SCOPING)
    assert "a finished change cannot move to Scoping" in text_of(response)


def test_a_move_from_a_stale_page_is_refused_as_a_conflict(client, raised):
    opened = ContractChange.objects.get(pk=raised.pk).version
    assert move(client, raised, S.SCOPING, version=opened).status_code == 302

    response = move(client, raised, S.WITHDRAWN, version=opened)

    assert response.status_code == 409
    assert "Someone else changed this contract change" in text_of(response)
    assert ContractChange.objects.get(pk=raised.pk).status == S.SCOPING


def test_status_counts_as_at_a_day_show_the_register_as_it_stood(raised):
    yesterday = timezone.localdate() - timedelta(days=1)
    ChangeTransition.objects.filter(change=raised).update(on=yesterday)
    ChangeTransition.objects.create(
        change=raised,
        from_status=S.PROPOSED,
        to_status=S.SCOPING,
        on=timezone.localdate(),
        reason="Scoping",
    )
    mine = ContractChange.objects.filter(pk=raised.pk)

    def counts(**kwargs):
        return {row.status: row.count for row in changes_by_status(mine, **kwargs) if row.count}

    assert counts() == {S.SCOPING: 1}
    assert counts(as_at=yesterday) == {S.PROPOSED: 1}
    assert counts(as_at=yesterday - timedelta(days=1)) == {}
