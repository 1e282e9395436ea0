"""The clerk's record of a meeting's decisions, an action arising, and an owner's update
of their action."""

from django import forms

from core.choice_fields import SafeModelChoiceField
from core.date_input import GovukDateField
from programmes.models import Person

from .meeting_outcomes import Outcome, recommendations_of
from .models import Action, Decision, ReportMeeting

NOT_DECIDED = ("", "Not recorded")


class DecisionsForm(forms.Form):
    """For each recommendation: the decision, and the words agreed if amended."""

    @classmethod
    def for_meeting(cls, report, meeting, data=None):
        """The form for the report's recommendations, showing what is recorded."""
        recorded = {d.number: d for d in report.decisions.filter(meeting=meeting)}
        return cls(data, recommendations=recommendations_of(report), recorded=recorded)

    def __init__(self, *args, recommendations, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = recommendations
        for number, text in enumerate(recommendations, 1):
            decision = recorded.get(number)
            self.fields[f"outcome_{number}"] = forms.ChoiceField(
                label=f"Recommendation {number}: {text}",
                choices=[NOT_DECIDED, *Decision.Outcome.choices],
                widget=forms.RadioSelect,
                required=False,
                initial=decision.outcome if decision else "",
                error_messages={"invalid_choice": "Choose a decision from the list"},
            )
            self.fields[f"amended_{number}"] = forms.CharField(
                label=f"The words agreed for recommendation {number}, if amended",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=5000,
                initial=decision.amended_words if decision else "",
            )

    def rows(self):
        return [
            (self[f"outcome_{number}"], self[f"amended_{number}"])
            for number in range(1, len(self.recommendations) + 1)
        ]

    def outcomes(self):
        return [
            Outcome(
                number=number,
                outcome=self.cleaned_data[f"outcome_{number}"],
                amended_words=self.cleaned_data[f"amended_{number}"],
            )
            for number in range(1, len(self.recommendations) + 1)
        ]


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter the action"},
    )
    owner = SafeModelChoiceField(
        label="Owner",
        # People who can sign in: an owner updates their own action.
        queryset=Person.objects.exclude(user=None).order_by("name"),
        error_messages={
            "required": "Choose who owns the action",
            "invalid_choice": "Choose who owns the action from the list",
        },
    )
    due = GovukDateField(label="Due by")


class ActionUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status"},
    )
    progress = forms.CharField(
        label="What has been done",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )


class PresentersForm(forms.ModelForm):
    class Meta:
        model = ReportMeeting
        fields = ["portfolio_holders"]
        error_messages = {
            "portfolio_holders": {"max_length": "Enter at most 300 characters of names"}
        }
