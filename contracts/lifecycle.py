"""Which way a change may move: Proposed → Scoping → In negotiation → Agreed →
Approved → Implemented, one step at a time, or out to Withdrawn or Rejected.

A change that skips a step would reach Approved without anyone having agreed
its terms, so a jump is refused with the step it missed.
"""

from .models import ChangeStatus

PATH = (
    ChangeStatus.PROPOSED,
    ChangeStatus.SCOPING,
    ChangeStatus.IN_NEGOTIATION,
    ChangeStatus.AGREED,
    ChangeStatus.APPROVED,
    ChangeStatus.IMPLEMENTED,
)
REGISTER_ORDER = (*PATH, ChangeStatus.WITHDRAWN, ChangeStatus.REJECTED)
FINISHED = (ChangeStatus.IMPLEMENTED, ChangeStatus.WITHDRAWN, ChangeStatus.REJECTED)
# Once approved, a change can still be withdrawn but no longer rejected:
# rejection is the decision maker's answer, and they have given it.
REJECTABLE = (
    ChangeStatus.PROPOSED,
    ChangeStatus.SCOPING,
    ChangeStatus.IN_NEGOTIATION,
    ChangeStatus.AGREED,
)
NEEDS_DECISION = (ChangeStatus.APPROVED, ChangeStatus.REJECTED)


def next_statuses(status):
    """The statuses a change may move to from `status`, forward step first."""
    if status in FINISHED or status not in PATH:
        return []
    allowed = [PATH[PATH.index(status) + 1], ChangeStatus.WITHDRAWN]
    if status in REJECTABLE:
        allowed.append(ChangeStatus.REJECTED)
    return allowed


def refusal(status, to_status):
    """Why a move is not allowed, in words for the page; None when it is."""
    if to_status in next_statuses(status):
        return None
    here = ChangeStatus(status).label
    there = ChangeStatus(to_status).label
    if status == to_status:
        return f"The change is already {here}"
    if status in FINISHED:
        return f"The change is {here}: a finished change cannot move to {there}"
    if to_status in PATH and PATH.index(to_status) > PATH.index(status):
        missed = ChangeStatus(PATH[PATH.index(status) + 1]).label
        return f"A change cannot move from {here} to {there}: it must go to {missed} first"
    if to_status == ChangeStatus.REJECTED:
        return f"An {here.lower()} change cannot be rejected: withdraw it instead"
    return f"A change cannot move back from {here} to {there}"
