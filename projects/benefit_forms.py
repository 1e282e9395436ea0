"""A benefit's form: what it is, how it will be measured, from where to where, whose it
is, when, and whether it is being realised. It carries the version it was opened at."""

from django import forms

from core.date_input import GovukDateField

from .models import Benefit
from .raid.forms import person, text

BENEFIT_FIELDS = (
    "reference",
    "description",
    "kind",
    "measure",
    "baseline",
    "target",
    "owner",
    "expected_on",
    "realised_on",
    "status",
    "evidence",
)


class BenefitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reference = text("Reference (optional)", rows=0, limit=30)
    description = text(
        "Benefit", required=True, help_text="What will be better, and for whom", missing=""
    )
    kind = forms.ChoiceField(
        label="Kind of benefit",
        choices=Benefit.Kind.choices,
        widget=forms.RadioSelect,
        help_text="A financial benefit's forecast is the project's savings by confidence",
        error_messages={"required": "Choose the kind of benefit"},
    )
    measure = text("How will it be measured? (optional)")
    baseline = text("Baseline (optional)", rows=0, limit=300, help_text="Where it starts from")
    target = text("Target (optional)", rows=0, limit=300)
    owner = person("Owner")
    expected_on = GovukDateField(label="Expected by (optional)")
    realised_on = GovukDateField(label="Realised on (optional)")
    status = forms.ChoiceField(
        label="Status",
        choices=Benefit.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the benefit's status"},
    )
    evidence = text("Evidence (optional)", help_text="What shows it is being realised")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].error_messages["required"] = "Enter the benefit"
