"""A lost phone: another administrator removes the person's second factor, with a reason
that is kept (identity.models.SecondFactorReset, read-only in the admin)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ADMINISTRATOR, has_role

from .. import second_factor
from ..second_factor_forms import ResetForm


def _administrator_only(request: HttpRequest) -> None:
    if not has_role(request.user, ADMINISTRATOR):
        raise PermissionDenied


def _someone_else(request: HttpRequest, pk: int) -> Any:
    """The person whose factor is to be reset: never the administrator themself, who
    could otherwise drop their own second factor without anyone else knowing
    (tests/test_second_factor.py)."""
    _administrator_only(request)
    if pk == request.user.pk:
        raise PermissionDenied
    return get_object_or_404(get_user_model(), pk=pk)


@login_required
def people_page(request: HttpRequest) -> HttpResponse:
    _administrator_only(request)
    devices = (
        TOTPDevice.objects.filter(confirmed=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    return render(request, "identity/two_step_people.html", {"devices": devices})


@login_required
def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    person = _someone_else(request, pk)
    return _person_form(request, person, ResetForm())


def _person_form(request: HttpRequest, person: Any, form: ResetForm) -> HttpResponse:
    return render(
        request,
        "identity/two_step_reset.html",
        {
            "person": person,
            "form": form,
            "device": second_factor.authenticator_of(person),
        },
    )


@login_required
@require_POST
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    person = _someone_else(request, pk)
    form = ResetForm(request.POST)
    if not form.is_valid():
        return _person_form(request, person, form)
    second_factor.reset_lost_device(
        person=person, by=request.user, reason=form.cleaned_data["reason"]
    )
    name = person.get_full_name() or person.get_username()
    then = (
        "They must set it up again when they next sign in with a password."
        if second_factor.required_for(person)
        else "They can set it up again from their account page."
    )
    messages.success(request, f"{name}'s two-step verification is reset. {then}")
    return redirect("identity:two_step_people")
