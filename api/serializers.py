"""What the API says of each record: flat where a BI tool reads columns, with the RAG
levels in their own words (code, label and words of the key), as the pages show them."""

from __future__ import annotations

from rest_framework import serializers

from contracts.models import ContractChange
from programmes.models import Kpi, KpiActual, Programme, RagLevel, Strategy
from projects.models import Issue, Milestone, Project, Risk, StatusUpdate


class PersonName(serializers.StringRelatedField):
    """A person named on a record (sponsor, owner, author), or null when nobody is."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)


class RagLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = RagLevel
        fields = ["code", "label", "words"]


class StrategySerializer(serializers.ModelSerializer):
    rag_scale = serializers.StringRelatedField()

    class Meta:
        model = Strategy
        fields = ["id", "slug", "title", "period", "approved_on", "rag_scale", "reporting_period"]


class ProgrammeSerializer(serializers.ModelSerializer):
    owner = PersonName()

    class Meta:
        model = Programme
        fields = ["id", "strategy", "name", "description", "owner"]


class ProjectSerializer(serializers.ModelSerializer):
    """A project with its three RAGs as at the day asked for: the officer's own (the
    latest update then), the one its milestones indicate, and the financial one."""

    strategy = serializers.IntegerField(source="programme.strategy_id", read_only=True)
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    sponsor = PersonName()
    manager = PersonName()
    lead = PersonName()
    lifecycle_status = serializers.ChoiceField(
        choices=Project.Lifecycle.choices, source="lifecycle_as_at", read_only=True
    )
    last_reported_on = serializers.DateField(read_only=True, allow_null=True)
    current_rag = RagLevelSerializer(source="api_current_rag", read_only=True, allow_null=True)
    schedule_rag = RagLevelSerializer(source="api_schedule_rag", read_only=True, allow_null=True)
    schedule_reasons = serializers.ListField(
        child=serializers.CharField(), source="api_schedule_reasons", read_only=True
    )
    financial_rag = RagLevelSerializer(source="api_financial_rag", read_only=True, allow_null=True)
    financial_year = serializers.CharField(
        source="api_financial_year", read_only=True, allow_null=True
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "reference",
            "name",
            "strategy",
            "programme",
            "programme_name",
            "lifecycle_status",
            "sponsor",
            "manager",
            "lead",
            "start_date",
            "end_date",
            "last_reported_on",
            "current_rag",
            "schedule_rag",
            "schedule_reasons",
            "financial_rag",
            "financial_year",
        ]


class MilestoneSerializer(serializers.ModelSerializer):
    due_date = serializers.DateField(read_only=True, allow_null=True)
    slippage_days = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Milestone
        fields = [
            "id",
            "project",
            "title",
            "baseline_date",
            "forecast_date",
            "completed_on",
            "due_date",
            "slippage_days",
            "delivery_status",
        ]


class StatusUpdateSerializer(serializers.ModelSerializer):
    rag = RagLevelSerializer(read_only=True, allow_null=True)
    budget_rag = RagLevelSerializer(read_only=True, allow_null=True)
    author = PersonName()

    class Meta:
        model = StatusUpdate
        fields = [
            "id",
            "project",
            "reported_on",
            "rag",
            "delivery_status",
            "progress",
            "next_steps",
            "issues",
            "budget_rag",
            "budget_notes",
            "author",
        ]


RAID_FIELDS = [
    "id",
    "reference",
    "title",
    "description",
    "project",
    "programme",
    "strategy",
    "owner",
    "status",
    "escalated_to",
    "escalated_on",
]


class RiskSerializer(serializers.ModelSerializer):
    owner = PersonName()

    class Meta:
        model = Risk
        fields = RAID_FIELDS + [
            "cause",
            "effect",
            "initial_likelihood",
            "initial_impact",
            "residual_likelihood",
            "residual_impact",
            "proximity",
            "response",
            "controls",
            "further_action",
            "review_on",
        ]


class IssueSerializer(serializers.ModelSerializer):
    owner = PersonName()

    class Meta:
        model = Issue
        fields = RAID_FIELDS + ["priority", "raised_on", "target_on", "resolution"]


class KpiSerializer(serializers.ModelSerializer):
    owner = PersonName()

    class Meta:
        model = Kpi
        fields = [
            "id",
            "strategy",
            "programme",
            "code",
            "name",
            "unit",
            "direction",
            "target",
            "amber_tolerance",
            "frequency",
            "owner",
            "source",
        ]


class KpiActualSerializer(serializers.ModelSerializer):
    kpi_code = serializers.CharField(source="kpi.code", read_only=True)
    rag = serializers.SerializerMethodField()

    class Meta:
        model = KpiActual
        fields = ["id", "kpi", "kpi_code", "period_end", "value", "rag"]

    def get_rag(self, actual: KpiActual) -> str:
        """G on or past the target, A within the tolerance short of it, R beyond."""
        return actual.kpi.rag_of(actual.value)


class ContractChangeSerializer(serializers.ModelSerializer):
    contract_name = serializers.CharField(source="contract.name", read_only=True)
    status = serializers.CharField(source="status_as_at", read_only=True, allow_null=True)
    councils_affected = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = ContractChange
        fields = [
            "id",
            "reference",
            "title",
            "contract",
            "contract_name",
            "category",
            "status",
            "cost_neutral",
            "one_off_cost",
            "recurring_cost",
            "decision_maker",
            "decision_date",
            "councils_affected",
        ]
