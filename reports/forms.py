from django import forms
from django.utils.text import capfirst

from contracts.models import Contract
from core.choice_fields import SafeModelChoiceField, SafeModelMultipleChoiceField
from core.date_input import GovukDateField
from programmes.models import Person, Programme, Strategy

from .appendix_registry import APPENDICES, chosen_by_default
from .models import EXEMPT_PARAGRAPHS, SECTIONS, Report

TEXT_LIMIT = 20000


class ScopeForm(forms.Form):
    """Step one of a new report: what it is about, so it can start from the last one's text."""

    strategy = SafeModelChoiceField(
        queryset=Strategy.objects.all(), required=False, empty_label="None"
    )
    contract = SafeModelChoiceField(
        queryset=Contract.objects.all(), required=False, empty_label="None"
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("strategy") and not cleaned.get("contract"):
            raise forms.ValidationError("Choose the strategy or the contract the report is about")
        return cleaned


class ReportForm(forms.ModelForm):
    meeting_date = GovukDateField(label="Meeting date", required=True)
    appendices = forms.MultipleChoiceField(
        label="Choose the appendices to build",
        choices=[(key, capfirst(appendix.choice_label)) for key, appendix in APPENDICES.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=chosen_by_default,  # a new report's boxes, as the model's default
        required=False,
        error_messages={"invalid_choice": "Choose appendices from the list"},
    )

    class Meta:
        model = Report
        fields = [
            "title",
            "committee",
            "meeting_date",
            "report_of",
            "author_name",
            "authors",
            "contact",
            "cabinet_members",
            "wards_affected",
            "exempt_paragraph",
            "programmes",
            *(field for field, _ in SECTIONS),
            "other_appendices",
            "background_papers",
            "appendices",
        ]
        field_classes = {
            "programmes": SafeModelMultipleChoiceField,
            "authors": SafeModelMultipleChoiceField,
        }
        labels = {"authors": "Who may read its drafts"}
        help_texts = {
            "authors": "Clerks and administrators read every draft; members and officers "
            "see the report once its Final is issued."
        }
        widgets = {
            "authors": forms.CheckboxSelectMultiple,
            "exempt_paragraph": forms.RadioSelect,
            "programmes": forms.CheckboxSelectMultiple,
            **{field: forms.Textarea(attrs={"rows": 5}) for field, _ in SECTIONS},
            "other_appendices": forms.Textarea(attrs={"rows": 3}),
            "background_papers": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter the report's title"},
            "committee": {"required": "Enter the committee, for example Cabinet"},
            "report_of": {"required": "Enter who the report is of, for example Head of Service"},
            "author_name": {"required": "Enter the report author"},
        }

    def __init__(self, *args, strategy=None, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy or self.instance.strategy
        self.instance.contract = contract or self.instance.contract
        programmes = Programme.objects.none()
        if self.instance.strategy_id:
            programmes = Programme.objects.filter(strategy=self.instance.strategy)
        self.fields["programmes"].queryset = programmes
        self.fields["programmes"].label_from_instance = lambda programme: programme.name
        # Only people who can sign in can read a draft.
        self.fields["authors"].queryset = Person.objects.exclude(user=None).order_by("name")
        self.fields["exempt_paragraph"].choices = [
            ("", "None: the report is open to the public"),
            *EXEMPT_PARAGRAPHS,
        ]
        for field, _ in SECTIONS:
            self.fields[field].max_length = TEXT_LIMIT

    def section_fields(self):
        return [self[field] for field, _ in SECTIONS]


def starting_text(strategy, contract):
    """A new report on a scope starts from the last one's words and choices."""
    last = (
        Report.objects.filter(strategy=strategy, contract=contract).order_by("-created_at").first()
    )
    if last is None:
        return {}
    copied = [name for name in ReportForm.Meta.fields if name not in ("meeting_date",)]
    initial = {
        name: getattr(last, name) for name in copied if name not in ("programmes", "authors")
    }
    initial["programmes"] = list(last.programmes.values_list("pk", flat=True))
    initial["authors"] = list(last.authors.values_list("pk", flat=True))
    return initial
