"""The forms of a risk, an issue, an escalation and an action. Each carries the version
it was opened at (the services refuse a save over someone else's)."""

from django import forms

from core.choice_fields import SafeModelChoiceField
from core.date_input import GovukDateField
from programmes.models import Person

from ..models import Issue, Risk

TEXT_LIMIT = 5000
LIKELIHOOD = [
    ("", "Not scored"),
    (1, "1 – rare"),
    (2, "2 – unlikely"),
    (3, "3 – possible"),
    (4, "4 – likely"),
    (5, "5 – almost certain"),
]
IMPACT = [
    ("", "Not scored"),
    (1, "1 – negligible"),
    (2, "2 – minor"),
    (3, "3 – moderate"),
    (4, "4 – major"),
    (5, "5 – severe"),
]


def text(label, *, required=False, rows=3, help_text="", limit=TEXT_LIMIT, missing=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "max_length": f"{label} must be {limit:,} characters or fewer",
        },
    )


def score(label, choices):
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": f"Choose the {label.lower()} from the list"},
    )


def person(label):
    return SafeModelChoiceField(
        label=label,
        queryset=Person.objects.order_by("name"),
        required=False,
        error_messages={"invalid_choice": f"Choose the {label.lower()} from the list"},
    )


class RaidForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reference = text("Reference (optional)", rows=0, limit=30)
    title = text(
        "Title",
        rows=0,
        limit=200,
        help_text="A few words to list it by; where there are none, its start is shown",
    )
    owner = person("Owner")


class RiskForm(RaidForm):
    cause = text("Cause", help_text="Because of…")
    description = text(
        "Event", required=True, help_text="There is a risk that…", missing="Enter the event"
    )
    effect = text("Effect", help_text="Which would lead to…")
    initial_likelihood = score("Initial likelihood", LIKELIHOOD)
    initial_impact = score("Initial impact", IMPACT)
    residual_likelihood = score("Current likelihood", LIKELIHOOD)
    residual_impact = score("Current impact", IMPACT)
    proximity = GovukDateField(label="Could happen by (optional)")
    response = forms.ChoiceField(
        label="Response",
        choices=Risk.Response.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose a response from the list"},
    )
    controls = text("Controls in place")
    further_action = text("Further action")
    review_on = GovukDateField(label="Next review (optional)")
    status = forms.ChoiceField(
        label="Status",
        choices=Risk.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the risk's status"},
    )

    def clean(self):
        cleaned = super().clean()
        for stage, words in (("initial", "initial"), ("residual", "current")):
            likelihood = cleaned.get(f"{stage}_likelihood")
            impact = cleaned.get(f"{stage}_impact")
            if (likelihood is None) != (impact is None):
                self.add_error(
                    f"{stage}_impact" if impact is None else f"{stage}_likelihood",
                    f"Choose both the {words} likelihood and impact, or neither",
                )
        return cleaned


class IssueForm(RaidForm):
    description = text("Description", required=True, help_text="What has happened, and its effect")
    priority = forms.ChoiceField(
        label="Priority",
        choices=Issue.Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the issue's priority"},
    )
    raised_on = GovukDateField(label="Raised on", required=True)
    target_on = GovukDateField(label="Resolve by (optional)")
    status = forms.ChoiceField(
        label="Status",
        choices=Issue.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the issue's status"},
    )
    resolution = text("How it was resolved (optional)")


class EscalationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = text("Why escalate it?", required=True, rows=4, missing="Enter why it is escalated")


class RaidActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    description = text("Action", required=True, missing="Enter the action")
    owner = person("Action owner")
    due_on = GovukDateField(label="Due by (optional)")
