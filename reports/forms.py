from django import forms
from django.utils.text import capfirst

from contracts.models import Contract
from core.choice_fields import SafeModelChoiceField, SafeModelMultipleChoiceField
from core.date_input import GovukDateField
from meetings.models import Meeting
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
    meeting_date = GovukDateField(
        label="Meeting date",
        help_text="Only for a meeting not in the forward plan: the first meeting chosen "
        "above gives the date.",
    )
    data_cut_off = GovukDateField(
        label="Data as at",
        help_text="Leave blank for the end of the last whole reporting period before the "
        "first meeting. The report reads the data as it stood at the end of this day, "
        "however late it is issued.",
    )
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
            "meetings",
            "committee",
            "meeting_date",
            "data_cut_off",
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
            "meetings": SafeModelMultipleChoiceField,
            "programmes": SafeModelMultipleChoiceField,
            "authors": SafeModelMultipleChoiceField,
        }
        labels = {"authors": "Who may read its drafts", "meetings": "Meetings it goes to"}
        help_texts = {
            "meetings": "A joint report goes to several. Each meeting's body and date are "
            "printed in the report's To block.",
            "authors": "Clerks and administrators read every draft; members and officers "
            "see the report once its Final is issued.",
        }
        widgets = {
            "meetings": forms.CheckboxSelectMultiple,
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
        self.fields["meetings"].queryset = Meeting.objects.select_related("body").order_by(
            "-date", "body__name"
        )
        # Only people who can sign in can read a draft.
        self.fields["authors"].queryset = Person.objects.exclude(user=None).order_by("name")
        self.fields["exempt_paragraph"].choices = [
            ("", "None: the report is open to the public"),
            *EXEMPT_PARAGRAPHS,
        ]
        for field, _ in SECTIONS:
            self.fields[field].max_length = TEXT_LIMIT

    def clean(self):
        cleaned = super().clean()
        meetings = cleaned.get("meetings")
        if meetings:
            cleaned["meeting_date"] = min(meeting.date for meeting in meetings)
        elif not cleaned.get("meeting_date") and "meeting_date" not in self.errors:
            self.add_error(
                "meeting_date", "Choose the meetings it goes to, or enter the meeting date"
            )
        cut_off, first = cleaned.get("data_cut_off"), cleaned.get("meeting_date")
        if cut_off and first and cut_off > first:
            self.add_error(
                "data_cut_off",
                f"Data as at must be on or before the first meeting, {first:%-d %B %Y}",
            )
        return cleaned

    def section_fields(self):
        return [self[field] for field, _ in SECTIONS]


def starting_text(strategy, contract):
    """A new report on a scope starts from the last one's words and choices."""
    last = (
        Report.objects.filter(strategy=strategy, contract=contract).order_by("-created_at").first()
    )
    if last is None:
        return {}
    copied = [
        name
        for name in ReportForm.Meta.fields
        if name not in ("meeting_date", "meetings", "data_cut_off")
    ]
    initial = {
        name: getattr(last, name) for name in copied if name not in ("programmes", "authors")
    }
    initial["programmes"] = list(last.programmes.values_list("pk", flat=True))
    initial["authors"] = list(last.authors.values_list("pk", flat=True))
    return initial
