from datetime import date

from django.conf import settings
from django.shortcuts import render


def accessibility_statement(request):
    """The statement the accessibility regulations require, open to everyone."""
    return render(
        request,
        "core/accessibility.html",
        {
            "contact": settings.PORTAL_ACCESSIBILITY_CONTACT,
            "prepared_on": date(2026, 11, 22),
        },
    )
