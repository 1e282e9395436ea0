"""The API's one permission: the `api.read` rule (api/rules.py) and the page's own
reading permission for what the endpoint lists."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class MayReadThroughApi(BasePermission):
    message = "Your sign-in has no role in the portal yet, so it cannot read anything."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user.has_perm("api.read") and user.has_perm(view.read_permission))
