"""/api/v1/: read-only, versioned in the path so a BI report built on it keeps working
when a later version changes a field."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("strategies", views.StrategyViewSet, basename="strategy")
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("status-updates", views.StatusUpdateViewSet, basename="statusupdate")
router.register("risks", views.RiskViewSet, basename="risk")
router.register("issues", views.IssueViewSet, basename="issue")
router.register("kpis", views.KpiViewSet, basename="kpi")
router.register("kpi-actuals", views.KpiActualViewSet, basename="kpiactual")
router.register("contract-changes", views.ContractChangeViewSet, basename="contractchange")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *router.urls,
]
