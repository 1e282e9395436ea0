"""Permissions on cabinet reports: clerks and administrators compose and issue them and
read every version; a report's authors read its drafts; everyone else signed in reads
its issued Final (reports.access)."""

import rules

from core.roles import ADMINISTRATOR, CLERK, has_role

from .access import may_update_action
from .models import Report, ReportIssue


@rules.predicate
def is_clerk_or_administrator(user):
    return has_role(user, CLERK) or has_role(user, ADMINISTRATOR)


@rules.predicate
def may_read_report(user, report):
    if report is None:
        return user.is_authenticated
    return Report.objects.visible_to(user).filter(pk=report.pk).exists()


@rules.predicate
def may_read_issue(user, issue):
    return ReportIssue.objects.visible_to(user).filter(pk=issue.pk).exists()


rules.add_perm("reports.view_report", may_read_report)
rules.add_perm("reports.view_reportissue", may_read_issue)
rules.add_perm("reports.add_report", is_clerk_or_administrator)
rules.add_perm("reports.change_report", is_clerk_or_administrator)


@rules.predicate
def owns_action(user, action):
    return action is not None and may_update_action(user, action.owner_id)


rules.add_perm("reports.change_action", owns_action)
