from django import forms

from core.choice_fields import SafeModelChoiceField, SafeModelMultipleChoiceField
from core.date_input import GovukDateField

from .models import DeliveryStatus, Milestone

TEXT_LIMIT = 5000


class RagChoiceField(SafeModelChoiceField):
    def label_from_instance(self, level):
        return f"{level.label} – {level.words}"


class StatusUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    rag = RagChoiceField(
        queryset=None,
        label="RAG status",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select a RAG status",
            "invalid_choice": "Select a RAG status from the list",
        },
    )
    delivery_status = forms.ChoiceField(
        label="Delivery status",
        choices=DeliveryStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a delivery status",
            "invalid_choice": "Select a delivery status from the list",
        },
    )
    progress = forms.CharField(
        label="Progress this period",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LIMIT,
        error_messages={"required": "Enter the progress made this period"},
    )
    next_steps = forms.CharField(
        label="Next steps",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        required=False,
    )
    issues = forms.CharField(
        label="Issues and risks to escalate",
        help_text="Required for Red or Amber: say what is wrong and what you need.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        required=False,
    )
    raised_issues = SafeModelMultipleChoiceField(
        queryset=None,
        label="Issues this update raises",
        help_text="The project's open issues: tick those the board should hear about",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose the project's open issues from the list"},
    )
    budget_rag = RagChoiceField(
        queryset=None,
        label="Budget RAG",
        help_text="Optional: your view of the money, for the highlight report",
        widget=forms.RadioSelect,
        required=False,
        empty_label="Not assessed",
        error_messages={"invalid_choice": "Select a budget RAG from the list"},
    )
    budget_notes = forms.CharField(
        label="Budget issues",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
        required=False,
    )
    confirm_complete = forms.BooleanField(
        label="Yes, mark the project complete although milestones are still open",
        required=False,
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["rag"].queryset = project.rag_scale.levels.all()
        self.fields["budget_rag"].queryset = project.rag_scale.levels.all()
        self.fields["raised_issues"].queryset = project.issues.open().order_by("reference", "pk")
        for name in ("progress", "next_steps", "issues", "budget_notes"):
            self.fields[name].error_messages["max_length"] = (
                f"{self.fields[name].label} must be {TEXT_LIMIT:,} characters or fewer"
            )

    def clean(self):
        cleaned = super().clean()
        rag = cleaned.get("rag")
        if rag and rag.needs_reason and not cleaned.get("issues", "").strip():
            self.add_error(
                "issues", f"Enter the reason for {rag.label}: what is wrong and what you need"
            )
        return cleaned


class MilestoneForm(forms.ModelForm):
    forecast_date = GovukDateField(label="Forecast date")
    completed_on = GovukDateField(label="Completed date")

    class Meta:
        model = Milestone
        fields = ["forecast_date", "completed_on", "delivery_status"]
        error_messages = {
            "delivery_status": {"invalid_choice": "Select a status from the list"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Withdrawing takes a reason, on the milestone's own page.
        self.fields["delivery_status"].choices = DeliveryStatus.choices

    def clean(self):
        # The model's clean() holds the date rules; here only what the form adds:
        # marking a milestone Complete now needs the day it was completed.
        cleaned = super().clean()
        newly_complete = (
            "delivery_status" in self.changed_data
            and cleaned.get("delivery_status") == DeliveryStatus.COMPLETE
        )
        if newly_complete and not cleaned.get("completed_on"):
            self.add_error("completed_on", "Enter the date the milestone was completed")
        return cleaned


class BaseMilestoneFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Check each row's id against the project's milestones, read once for the
        # whole formset: Django's default asks the database once per row.
        mine = {str(m.pk): m for m in self.get_queryset()}
        field = form.fields["id"]

        def to_python(value):
            if value in field.empty_values:
                return None
            milestone = mine.get(str(value))
            if milestone is None:
                raise forms.ValidationError(
                    "A milestone in the form does not belong to this project. "
                    "Reload the page and try again.",
                    code="invalid_choice",
                )
            return milestone

        field.to_python = to_python


MilestoneFormSet = forms.modelformset_factory(
    Milestone,
    form=MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=0,
    max_num=0,
    can_delete=False,
    edit_only=True,
)


def milestone_formset(project, data=None):
    return MilestoneFormSet(
        data, queryset=project.milestones.planned().select_related("lead"), prefix="milestones"
    )
