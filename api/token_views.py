"""Your API tokens, on your account: made, listed and revoked by you."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from .forms import NewTokenForm
from .models import ApiToken
from .tokens import TokenRefused, token_issue, token_revoke


def _page(request, form, *, new_token=None, status=200):
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.for_account_page(request.user),
            "new_token": new_token,
            "projects_url": request.build_absolute_uri(reverse("api:project-list")),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    if not request.user.has_perm("api.manage_own_tokens"):
        raise PermissionDenied
    if request.method == "GET":
        return _page(request, NewTokenForm())
    form = NewTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        made = token_issue(user=request.user, name=form.cleaned_data["name"])
    except TokenRefused as refusal:
        form.add_error("name", str(refusal))
        return _page(request, form, status=400)
    # Shown in this response only: it is never stored, so never shown again.
    response = _page(request, NewTokenForm(), new_token=made)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    try:
        token_revoke(token=token, by=request.user)
    except TokenRefused as refusal:  # pragma: no cover - a person's own token
        raise PermissionDenied(str(refusal)) from refusal
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("api_tokens")
