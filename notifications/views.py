from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.form_errors import error_summary

from .forms import PreferencesForm
from .models import Notification, Preference

# The attention page lists this many, newest first.
LATEST = 50


def person_of(user):
    return getattr(user, "person", None)


@login_required
def attention(request):
    """Needs your attention: what the portal has told the signed-in person, newest first."""
    person = person_of(request.user)
    notifications = list(Notification.objects.for_attention_page(person)[:LATEST]) if person else []
    return render(
        request,
        "notifications/attention.html",
        {"person": person, "notifications": notifications},
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """How the signed-in person hears of each kind of notification."""
    person = person_of(request.user)
    if person is None:
        return render(request, "notifications/preferences.html", {"person": None})
    current = dict(person.notification_preferences.values_list("kind", "delivery"))
    form = PreferencesForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # every kind, or none
            for kind, delivery in form.cleaned_data.items():
                Preference.objects.update_or_create(
                    person=person, kind=kind, defaults={"delivery": delivery}
                )
        messages.success(request, "Your choices are saved.")
        return redirect("notifications:preferences")
    errors = error_summary(form) if form.is_bound else []
    return render(
        request,
        "notifications/preferences.html",
        {"person": person, "form": form, "error_list": errors},
        status=400 if errors else 200,
    )
