from django import forms
from django.utils import timezone

from core.choice_fields import SafeModelMultipleChoiceField
from core.date_input import GovukDateField
from programmes.shares import shares_problem
from projects.models import Project

from .lifecycle import NEEDS_DECISION, next_statuses, refusal
from .models import ChangeStatus, ContractChange
from .services import DETAIL_FIELDS

TEXT_LIMIT = 5000


class ProjectChoices(SafeModelMultipleChoiceField):
    def label_from_instance(self, project):
        return f"{project} ({project.programme.strategy.title}: {project.programme.name})"


class ChangeForm(forms.ModelForm):
    """A change's details, who it affects, what it costs and who pays what share.

    One percentage box per partner council; the boxes are built per contract.
    """

    non_field_anchor = "#shares"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision_date = GovukDateField(label="Decision date")
    tupe_transfer_date = GovukDateField(label="TUPE transfer date")

    class Meta:
        model = ContractChange
        fields = [*DETAIL_FIELDS, "councils_affected", "projects"]
        field_classes = {"councils_affected": SafeModelMultipleChoiceField}
        labels = {
            "reference": "Reference",
            "title": "Title",
            "cost_neutral": "This change is cost neutral",
            "one_off_cost": "One-off cost (£)",
            "recurring_cost": "Recurring cost (£ a year)",
            "key_dates": "Key dates",
        }
        help_texts = {
            "reference": "The change request form's reference, for example CCRF298",
            "recurring_cost": "",
            "key_dates": "Dates in words, for example 'from the end of November 2018'",
        }
        widgets = {
            "category": forms.RadioSelect,
            "councils_affected": forms.CheckboxSelectMultiple,
            "projects": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "cost_notes": forms.Textarea(attrs={"rows": 3}),
            "tupe_implications": forms.Textarea(attrs={"rows": 3}),
            "key_dates": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "title": {"required": "Enter the change's title"},
            "category": {"required": "Select a category"},
            "one_off_cost": {"invalid": "Enter the one-off cost as a number of pounds"},
            "recurring_cost": {"invalid": "Enter the recurring cost as a number of pounds"},
        }

    def __init__(self, *args, contract, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.partners = list(contract.partner_councils())
        self.fields["councils_affected"].queryset = contract.partner_councils()
        self.fields["councils_affected"].label_from_instance = lambda org: org.name
        # Links only where the person may edit (administrators any); links to other
        # projects stay as they are, listed beside the boxes
        # (tests/test_contract_permissions.py).
        linkable = Project.objects.editable_by(user)
        self.fields["projects"] = ProjectChoices(
            queryset=linkable.select_related("programme__strategy").order_by(
                "programme__strategy__order", "programme__order", "order", "name"
            ),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Linked projects",
            help_text="The projects this change enables or depends on",
            error_messages={
                "invalid_choice": "You can link this change only to projects you may edit"
            },
        )
        self.kept_links = []
        if self.instance.pk:
            linked = self.instance.projects.select_related("programme__strategy")
            self.fields["projects"].initial = list(
                linked.filter(pk__in=linkable.values("pk")).values_list("pk", flat=True)
            )
            self.kept_links = list(linked.exclude(pk__in=linkable.values("pk")))
        stored = (
            {share.council_id: share.percentage for share in self.instance.apportionments.all()}
            if self.instance.pk
            else {}
        )
        for council in self.partners:
            self.fields[self.share_name(council)] = forms.DecimalField(
                label=council.name,
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=stored.get(council.pk),
                error_messages={
                    "invalid": f"Enter {council.name}'s share as a percentage, for example 40",
                    "min_value": f"{council.name}'s share must be 0%% or more",
                    "max_value": f"{council.name}'s share must be 100%% or less",
                    "max_decimal_places": f"{council.name}'s share can have up to 2 decimal places",
                },
            )
        for name in ("description", "cost_notes", "tupe_implications"):
            self.fields[name].max_length = TEXT_LIMIT

    @staticmethod
    def share_name(council):
        return f"share_{council.pk}"

    def share_fields(self):
        return [self[self.share_name(council)] for council in self.partners]

    def shares(self):
        return {
            council: self.cleaned_data.get(self.share_name(council)) for council in self.partners
        }

    def clean(self):
        cleaned = super().clean()
        share_errors = any(field.errors for field in self.share_fields())
        if not share_errors:
            has_costs = bool(cleaned.get("one_off_cost") or cleaned.get("recurring_cost"))
            problem = shares_problem(
                self.shares(), partners=set(self.partners), has_costs=has_costs
            )
            if problem:
                # The shares are wrong together, not one by one: the error belongs to
                # the group (see `non_field_anchor`).
                self.add_error(None, problem)
        decided = cleaned.get("decision_date")
        if decided and decided > timezone.localdate():
            self.add_error("decision_date", "The decision date must be today or in the past")
        others = ContractChange.objects.filter(contract=self.contract).exclude(pk=self.instance.pk)
        for name, label in (("reference", "reference"), ("title", "title")):
            value = (cleaned.get(name) or "").strip()
            if value and others.filter(**{f"{name}__iexact": value}).exists():
                self.add_error(name, f"Another change to this contract has the {label} {value}")
        return cleaned

    def clean_projects(self):
        """The projects ticked, and the links the person may not change, kept."""
        return [*self.cleaned_data["projects"], *self.kept_links]

    def detail_fields(self):
        return {name: self.cleaned_data[name] for name in DETAIL_FIELDS}


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_status = forms.ChoiceField(
        label="Move the change to",
        choices=ChangeStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the status to move the change to",
            "invalid_choice": "Select a status from the list",
        },
    )
    on = GovukDateField(label="Date of the move", required=True)
    reason = forms.CharField(
        label="Why is it moving?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        error_messages={"required": "Enter why the change is moving"},
    )
    decision_maker = forms.CharField(
        label="Decision maker",
        help_text="Needed for Approved or Rejected, for example 'Chief executive' or 'Cabinet'",
        max_length=200,
        required=False,
    )
    decision_date = GovukDateField(label="Decision date")
    tupe_transfer_date = GovukDateField(label="TUPE transfer date")

    def __init__(self, *args, change, **kwargs):
        super().__init__(*args, **kwargs)
        self.change = change
        allowed = next_statuses(change.status)
        self.allowed = [(value, ChangeStatus(value).label) for value in allowed]

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        if to_status:
            problem = refusal(self.change.status, to_status)
            if problem:
                self.add_error("to_status", problem)
            elif to_status in NEEDS_DECISION:
                if not cleaned.get("decision_maker", "").strip():
                    self.add_error("decision_maker", "Enter who made the decision")
                if cleaned.get("decision_date") is None and "decision_date" not in self.errors:
                    self.add_error("decision_date", "Enter the date of the decision")
        return cleaned


class ProgressForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    progress = forms.CharField(
        label="Progress",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        error_messages={
            "required": "Enter the progress made",
            "max_length": f"Progress must be {TEXT_LIMIT:,} characters or fewer",
        },
    )
