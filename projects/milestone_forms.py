"""The forms of an officer's milestone plan: a milestone's words, due date and lead, and
the reason for a re-baseline or a withdrawal."""

from django import forms

from core.choice_fields import SafeModelChoiceField
from core.date_input import GovukDateField
from programmes.models import Person

TEXT_LIMIT = 5000


class MilestonePlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(
        label="Milestone",
        max_length=500,
        error_messages={
            "required": "Enter the milestone",
            "max_length": "The milestone must be 500 characters or fewer",
        },
    )
    due = GovukDateField(
        label="Due date",
        help_text="The first due date becomes the milestone's baseline. For example, 31 3 2027",
    )
    due_text = forms.CharField(
        label="Due, in words (optional)",
        help_text="As the plan words it, for example Q3, TBC or Annual",
        max_length=200,
        required=False,
        error_messages={"max_length": "The due date in words must be 200 characters or fewer"},
    )
    lead = SafeModelChoiceField(
        label="Lead (optional)",
        queryset=Person.objects.order_by("name"),
        required=False,
        error_messages={"invalid_choice": "Choose the lead from the list"},
    )
    rebaseline_reason = forms.CharField(
        label="Why the baseline is changing",
        help_text="Needed only when you change a baseline already set: it is kept in the "
        "milestone's history, and slippage then counts from the new baseline",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
        required=False,
        error_messages={"max_length": f"The reason must be {TEXT_LIMIT:,} characters or fewer"},
    )

    def __init__(self, *args, milestone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        if milestone is None:
            del self.fields["rebaseline_reason"]
        elif milestone.baseline_date is not None:
            self.fields["due"].label = "Baseline date"
            self.fields["due"].help_text = "For example, 31 3 2027"

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("due")
            and not cleaned.get("due_text", "").strip()
            and not (self.errors.get("due"))
        ):
            self.add_error("due", "Enter a due date, or the due date in words, such as TBC or Q3")
        return cleaned


class WithdrawalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is the milestone withdrawn?",
        help_text="Members read this on the project's page and in reports",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        error_messages={
            "required": "Enter why the milestone is withdrawn",
            "max_length": f"The reason must be {TEXT_LIMIT:,} characters or fewer",
        },
    )


class PlanVersionForm(forms.Form):
    """The version a plan page was opened at, posted by its move and delete buttons."""

    version = forms.IntegerField(widget=forms.HiddenInput)
