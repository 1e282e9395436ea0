"""Who may read the portal through the API: anyone signed in with a role, as the pages'
own reading rules say (each `view_*` permission is `is_authenticated`). A sign-in with no
role yet (a first sign-in through the council's provider) reads nothing."""

import rules

from core.roles import roles_of


@rules.predicate
def has_a_role(user):
    return bool(roles_of(user))


may_read = rules.is_active & has_a_role

rules.add_perm("api.read", may_read)
rules.add_perm("api.manage_own_tokens", may_read)
