"""The account page's two-step verification section asks here how the reader stands."""

from typing import Any

from django import template
from django_otp.plugins.otp_static.models import StaticToken

from core.roles import ADMINISTRATOR, has_role

from .. import second_factor

register = template.Library()


@register.simple_tag(takes_context=True)
def two_step_status(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    device = second_factor.authenticator_of(user)
    return {
        "on": device is not None,
        "device": device,
        "must": second_factor.required_for(user),
        "administrator": has_role(user, ADMINISTRATOR),
        "provider": second_factor.signed_in_with_provider(request),
        "verified": second_factor.session_is_verified(request),
        "codes_left": StaticToken.objects.filter(device__user=user).count() if device else 0,
    }
