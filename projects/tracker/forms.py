from django import forms
from django.conf import settings

from core.choice_fields import SafeModelChoiceField
from programmes.models import Strategy


class TrackerUploadForm(forms.Form):
    strategy = SafeModelChoiceField(
        queryset=Strategy.objects.order_by("order", "title"),
        label="Strategy or plan to import into",
        help_text="Its programmes are matched by name: an activity stream, or a plan's "
        "service area.",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the strategy or plan to import into"},
    )
    workbook = forms.FileField(
        label="Tracker workbook (.xlsx)",
        help_text=(
            f"Up to {settings.PORTAL_IMPORT_MAX_BYTES / 1_000_000:g} MB and "
            f"{settings.PORTAL_IMPORT_MAX_ROWS:,} rows. Nothing is saved until you have "
            "checked the preview and confirmed it."
        ),
        error_messages={
            "required": "Choose the tracker workbook to import",
            "empty": "The chosen file is empty",
        },
    )
