"""Your account: how you sign in, your second factor and your API tokens."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def account_page(request):
    return render(request, "identity/account.html", {})
