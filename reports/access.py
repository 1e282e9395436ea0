"""Who may read which report, as filters: clerks and administrators read every report
and every version; a report's named authors read its drafts too; everyone else signed
in reads a report's issued Final, the version in the agenda pack, and nothing before
it. The querysets' `visible_to` and `reports.rules` are built on these same filters, so
the register and a direct link never disagree (tests/test_report_visibility.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Q

from core.roles import ADMINISTRATOR, CLERK, has_role
from projects.access import person_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# ReportIssue.State.ISSUED, named here so the models can import this module.
ISSUED = "issued"


def reads_every_version(user: AbstractBaseUser | AnonymousUser) -> bool:
    return has_role(user, CLERK) or has_role(user, ADMINISTRATOR)


def _readable(user: AbstractBaseUser | AnonymousUser, published: Q, report_id: str) -> Q:
    """`published` for readers, widened to the reports they write; subqueries rather
    than joins, so no row is repeated."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if reads_every_version(user):
        return Q()
    person = person_of(user)
    if person is None:
        return published
    return published | Q(**{f"{report_id}__in": person.reports_written.values("pk")})


def visible_issues_filter(user: AbstractBaseUser | AnonymousUser) -> Q:
    """The issued versions a user may open."""
    return _readable(user, Q(is_final=True, state=ISSUED), "report_id")


def visible_reports_filter(user: AbstractBaseUser | AnonymousUser) -> Q:
    """The reports a user may open: those whose Final is issued, or that they write."""
    # Through the app registry: reports.models builds its querysets on this module.
    finals = apps.get_model("reports", "ReportIssue").objects.filter(is_final=True, state=ISSUED)
    return _readable(user, Q(pk__in=finals.values("report_id")), "pk")


def may_update_action(user: AbstractBaseUser | AnonymousUser, owner_id: int) -> bool:
    """An action's owner updates it; clerks and administrators may too."""
    if not user.is_authenticated:
        return False
    if reads_every_version(user):
        return True
    person = person_of(user)
    return person is not None and person.pk == owner_id
