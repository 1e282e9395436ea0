"""The dashboards' pages. A programme's page is a dashboard of its own; its export sits
beside it under the same names (`programmes:detail`, `programmes:export`)."""

from django.urls import path

from projects.views import programme_export

from . import views

programme_urls = (
    [
        path("<int:pk>/", views.programme_detail, name="detail"),
        path("<int:pk>/export.xlsx", programme_export, name="export"),
    ],
    "programmes",
)
