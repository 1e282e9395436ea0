"""Permissions on cabinet reports: clerks and administrators compose and issue them;
everyone signed in reads the issued versions (they are the agenda pack)."""

import rules

from core.roles import ADMINISTRATOR, CLERK, has_role


@rules.predicate
def is_clerk_or_administrator(user):
    return has_role(user, CLERK) or has_role(user, ADMINISTRATOR)


rules.add_perm("reports.view_report", rules.is_authenticated)
rules.add_perm("reports.add_report", is_clerk_or_administrator)
rules.add_perm("reports.change_report", is_clerk_or_administrator)
