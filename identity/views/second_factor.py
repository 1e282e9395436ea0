"""Two-step verification pages: the code after a password, setting up an authenticator
app, recovery codes, and turning it off (identity/second_factor.py has the rules).

Changing a person's own second factor takes a session that has shown it here: a code,
or, to set one up from a session already signed in, the password again. A session signed
in with the council's account is strong enough for everything else, but shows a code here
too before new recovery codes or turning it off (tests/test_second_factor_sessions.py).
"""

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from .. import second_factor
from ..second_factor import CodeRefused
from ..second_factor_forms import CodeForm, PasswordAgainForm, SetupCodeForm


def _person(request: HttpRequest) -> Any | None:
    """Whom the page is for: the signed-in person, else who gave a right password."""
    if request.user.is_authenticated:
        return request.user
    return second_factor.pending_user(request)


@never_cache
@sensitive_post_parameters("code")  # a recovery code works until it is used
@sensitive_variables()
def code_page(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    if user is None:
        return redirect("login")
    # Verified, not merely strong: a session signed in with the council's account shows
    # a code here to manage its codes (tests/test_second_factor_sessions.py).
    if request.user.is_authenticated and second_factor.session_is_verified(request):
        return redirect("home")
    if not second_factor.has_second_factor(user):
        return redirect("identity:two_step_setup")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = second_factor.verify_code(user, form.cleaned_data["code"])
        except CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            second_factor.sign_in_verified(request, user, device)
            return redirect(second_factor.next_page(request, asked=request.GET.get("next")))
    return render(request, "identity/two_step_code.html", {"form": form})


@never_cache
@sensitive_post_parameters("password")
@sensitive_variables()
@login_required
def password_page(request: HttpRequest) -> HttpResponse:
    """The password again, before a session already signed in sets up a second factor."""
    if second_factor.has_second_factor(request.user):
        return redirect("identity:account")
    form = PasswordAgainForm(request.POST or None)
    if form.is_valid():
        if second_factor.confirm_password(request, form.cleaned_data["password"]):
            return redirect("identity:two_step_setup")
        form.add_error("password", "The password is not right")
    return render(
        request,
        "identity/two_step_password.html",
        {"form": form, "has_password": second_factor.can_sign_in_with_password(request.user)},
    )


@never_cache
@sensitive_post_parameters("code")
# The key, and the QR code and address made from it, stay out of error reports, from
# this frame and every frame it calls (tests/test_second_factor_sessions.py).
@sensitive_variables()
def setup_page(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    if second_factor.has_second_factor(user):
        return redirect(
            "identity:account" if request.user.is_authenticated else "identity:two_step_code"
        )
    # Not the half-done sign-in, which has just given it (tests/test_second_factor_sessions.py).
    if request.user.is_authenticated and not second_factor.password_confirmed(request):
        return redirect("identity:two_step_password")
    form = SetupCodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = second_factor.confirm_setup(request, user, form.cleaned_data["code"])
        except CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            second_factor.sign_in_verified(request, user, device)
            return redirect("identity:two_step_recovery_codes")
    key = second_factor.setup_secret(request, user)
    qr = segno.make(second_factor.provisioning_uri(user, key), error="m")
    return render(
        request,
        "identity/two_step_setup.html",
        {
            "form": form,
            "secret": second_factor.readable_secret(key),
            # Inline SVG: the Content-Security-Policy forbids inline styles, not inline <svg>.
            "qr_svg": qr.svg_inline(
                scale=4, light="#fff", title="QR code to scan with your app", svgclass="app-qr"
            ).replace("<svg ", '<svg role="img" ', 1),
            "must": second_factor.required_for(user),
        },
    )


@never_cache
@sensitive_variables()
@login_required
def recovery_codes_page(request: HttpRequest) -> HttpResponse:
    codes = second_factor.codes_to_show(request)
    if not codes:
        return redirect("identity:account")
    return render(
        request,
        "identity/recovery_codes.html",
        {"codes": codes, "continue_to": second_factor.next_page(request, "identity:account")},
    )


def _verified_owner_of_a_second_factor(request: HttpRequest) -> None:
    if not (
        second_factor.has_second_factor(request.user) and second_factor.session_is_verified(request)
    ):
        raise PermissionDenied


@login_required
@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    _verified_owner_of_a_second_factor(request)
    second_factor.keep_codes_to_show(request, second_factor.new_recovery_codes(request.user))
    return redirect("identity:two_step_recovery_codes")


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    # Administrators keep theirs: only another administrator removes it, on the record
    # (tests/test_second_factor.py).
    if second_factor.required_for(request.user):
        raise PermissionDenied
    _verified_owner_of_a_second_factor(request)
    second_factor.remove_second_factor(request.user)
    messages.success(request, "Two-step verification is off.")
    return redirect("identity:account")
