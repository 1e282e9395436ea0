from django import forms

from .models import Delivery, Kind


class PreferencesForm(forms.Form):
    """A choice of delivery for each kind of notification, at once by default."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.value, Delivery.AT_ONCE),
                error_messages={
                    "required": f"Choose how you hear that {kind.label[0].lower()}{kind.label[1:]}"
                },
            )
