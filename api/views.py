"""The read-only API: one viewset a kind of record, each reading what the pages read,
as at `?as_at=` where the records keep their history. Thin: the queries are the apps'
QuerySet methods and api/project_rags.py."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

from django.db.models import F, QuerySet, prefetch_related_objects
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer

from contracts.filters import ChangeFilter
from contracts.models import ContractChange
from core.client_address import client_address
from dashboards.scope import end_of
from programmes.models import Kpi, KpiActual, Programme, Strategy
from projects.filters import ProjectFilter
from projects.models import Issue, Milestone, Project, Risk, StatusUpdate

from . import filters, serializers
from .as_at import as_at_param
from .csv_rendering import csv_header
from .models import ApiToken
from .project_rags import attach_rags, milestones_as_at
from .tokens import token_use_record

AS_AT = OpenApiParameter(
    "as_at",
    OpenApiTypes.DATE,
    description="The day to read as at (YYYY-MM-DD, to the end of it): as the dashboard's "
    "as-at view. Today when left out.",
)
FORMAT = OpenApiParameter("format", str, enum=["json", "csv"], description="json or csv")


def documented(*, as_at: bool) -> Any:
    parameters = [FORMAT] + ([AS_AT] if as_at else [])
    return extend_schema_view(
        list=extend_schema(parameters=parameters), retrieve=extend_schema(parameters=parameters)
    )


class PortalReadViewSet(viewsets.ReadOnlyModelViewSet):
    """What every endpoint shares: its reading permission, `as_at`, CSV columns in the
    API's order, and a log line in the database for each request a token makes."""

    read_permission = "projects.view_project"
    # A record's own id, in a history read too (whose primary key is the history record's).
    lookup_field = "id"
    # Related records read for a page at once (works on a history read as well).
    page_related: tuple[str, ...] = ()

    @cached_property
    def today(self) -> date:
        return timezone.localdate()

    @cached_property
    def as_at(self) -> date:
        return as_at_param(self.request, self.today)

    @property
    def is_past(self) -> bool:
        return self.as_at < self.today

    def paginate_queryset(self, queryset: QuerySet[Any]) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.read_with_page(page)
        return page

    def get_object(self) -> Any:
        record = super().get_object()
        self.read_with_page([record])
        return record

    def read_with_page(self, records: list[Any]) -> None:
        prefetch_related_objects(records, *self.page_related)

    def get_renderer_context(self) -> dict[str, Any]:
        context = super().get_renderer_context()
        context["header"] = csv_header(self.get_serializer_class()())
        return context

    def handle_exception(self, exc: Exception) -> Any:
        """An error is told in JSON whatever format was asked for: a CSV of an error
        would be a header row with nothing to say why (tests/test_api.py)."""
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            token_use_record(
                token=token,
                path=request.get_full_path(),
                status=response.status_code,
                address=client_address(request._request),
            )
        return response


@documented(as_at=False)
class StrategyViewSet(PortalReadViewSet):
    """Strategies: each with its RAG key (scale) and reporting period."""

    serializer_class = serializers.StrategySerializer
    queryset = Strategy.objects.select_related("rag_scale").order_by("order", "pk")


@documented(as_at=False)
class ProgrammeViewSet(PortalReadViewSet):
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    queryset = Programme.objects.select_related("owner").order_by("strategy__order", "order", "pk")


class ProjectFilterAsAt(ProjectFilter):
    """The project list's filters, with its status filter on the status as at the day
    asked for, the status each row shows (its RAG filter reads the RAG then already)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["lifecycle_status"].field_name = "lifecycle_as_at"


@documented(as_at=True)
class ProjectViewSet(PortalReadViewSet):
    """Projects with their current RAG (the latest update on or before `as_at`), the RAG
    their milestones indicate and their financial RAG; filtered as the project list is."""

    serializer_class = serializers.ProjectSerializer
    filterset_class = ProjectFilterAsAt

    def get_queryset(self) -> QuerySet[Project]:
        moment = end_of(self.as_at) if self.is_past else None
        return Project.objects.for_api(as_at=self.as_at).with_lifecycle_then(moment)

    def read_with_page(self, records: list[Any]) -> None:
        attach_rags(records, as_at=self.as_at, today=self.today)


@documented(as_at=True)
class MilestoneViewSet(PortalReadViewSet):
    """Milestones as they stood at the end of `as_at` (from the audit trail)."""

    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.ProjectPartFilter

    def get_queryset(self) -> QuerySet[Milestone]:
        return milestones_as_at(self.as_at, self.today).order_by("project_id", "order", "id")


@documented(as_at=True)
class StatusUpdateViewSet(PortalReadViewSet):
    """Every status update reported on or before `as_at`: each project's history."""

    serializer_class = serializers.StatusUpdateSerializer
    filterset_class = filters.ProjectPartFilter

    def get_queryset(self) -> QuerySet[StatusUpdate]:
        return (
            StatusUpdate.objects.filter(reported_on__lte=self.as_at)
            .select_related("rag", "budget_rag", "author")
            .order_by("project_id", "-reported_on", "-created_at", "-pk")
        )


class RaidViewSet(PortalReadViewSet):
    """Risks or issues as they stood at the end of `as_at` (from the audit trail)."""

    filterset_class = filters.RaidFilter
    page_related = ("owner",)
    model: type[Risk] | type[Issue]

    def get_queryset(self) -> QuerySet[Any]:
        if self.is_past:
            # The history records themselves, not models made of them: simple-history
            # reads the live row again for each one, for the field it does not keep
            # (`version`), a query a row (tests/test_api_query_counts.py).
            records = (
                self.model.history.filter(history_date__lte=end_of(self.as_at))
                .latest_of_each()
                .exclude(history_type="-")
            )
        else:
            records = self.model.objects.all()
        return records.order_by("reference", "id")


@documented(as_at=True)
class RiskViewSet(RaidViewSet):
    serializer_class = serializers.RiskSerializer
    read_permission = "projects.view_risk"
    model = Risk


@documented(as_at=True)
class IssueViewSet(RaidViewSet):
    serializer_class = serializers.IssueSerializer
    read_permission = "projects.view_issue"
    model = Issue


@documented(as_at=False)
class KpiViewSet(PortalReadViewSet):
    serializer_class = serializers.KpiSerializer
    filterset_class = filters.KpiFilter
    read_permission = "programmes.view_kpi"
    queryset = Kpi.objects.select_related("owner").order_by("strategy_id", "order", "pk")


@documented(as_at=True)
class KpiActualViewSet(PortalReadViewSet):
    """Each KPI's actuals for periods ending on or before `as_at`, as they stood then,
    with their RAG."""

    serializer_class = serializers.KpiActualSerializer
    filterset_class = filters.KpiActualFilter
    read_permission = "programmes.view_kpi"

    page_related = ("kpi",)

    def get_queryset(self) -> QuerySet[KpiActual]:
        # As the dashboard's KPI panel reads them: a past day's from the audit trail, so
        # an actual corrected later shows as it stood (dashboards/panels/kpis.py).
        if self.is_past:
            actuals = KpiActual.history.as_of(end_of(self.as_at))
        else:
            actuals = KpiActual.objects.all()
        return actuals.filter(period_end__lte=self.as_at).order_by("kpi_id", "period_end", "id")


class ChangeFilterAsAt(ChangeFilter):
    """The change register's filters, with its status filter on the status as at the
    day asked for, the status each row shows."""

    status_field = "status_as_at"


@documented(as_at=True)
class ContractChangeViewSet(PortalReadViewSet):
    """Contract changes raised by `as_at`, with their status then; filtered as the
    change register is."""

    serializer_class = serializers.ContractChangeSerializer
    filterset_class = ChangeFilterAsAt
    read_permission = "contracts.view_contractchange"

    def get_queryset(self) -> QuerySet[ContractChange]:
        changes = ContractChange.objects.for_register().order_by("contract_id", "reference", "pk")
        if self.is_past:
            return (
                changes.with_status_then(self.as_at)
                .filter(status_then__isnull=False)
                .annotate(status_as_at=F("status_then"))
            )
        return changes.annotate(status_as_at=F("current_status"))
