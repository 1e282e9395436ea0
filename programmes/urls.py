from django.urls import path

from . import kpi_views

app_name = "kpis"

urlpatterns = [
    path("<int:pk>/", kpi_views.kpi_detail, name="detail"),
    path("strategy/<int:pk>/", kpi_views.kpi_list, name="list"),
    path("strategy/<int:pk>/upload/", kpi_views.kpi_upload, name="upload"),
]
