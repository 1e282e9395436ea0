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
        # Managing one's own codes takes a code shown in this session, whatever the
        # sign-in; the lost-device page a strong one (tests/test_second_factor_sessions.py).
        "verified": second_factor.session_is_verified(request),
        "strong": second_factor.session_is_strong(request),
        "password": second_factor.can_sign_in_with_password(user),
        "codes_left": StaticToken.objects.filter(device__user=user).count() if device else 0,
    }
