from django.urls import path

from . import outcome_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/preview/", views.report_preview, name="preview"),
    path("<int:pk>/preview.pdf", views.report_preview_pdf, name="preview_pdf"),
    path("<int:pk>/issue/", views.report_issue_create, name="issue_create"),
    path("issues/<int:pk>/", views.issue_detail, name="issue"),
    path("issues/<int:pk>/download/", views.issue_download, name="download"),
    path("issues/<int:pk>/retry/", views.issue_retry, name="retry"),
    path(
        "issues/<int:pk>/highlight-reports.pdf",
        views.highlight_pack_download,
        name="highlight_pack",
    ),
    path(
        "issues/<int:pk>/highlight-reports/retry/",
        views.highlight_pack_retry,
        name="highlight_pack_retry",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/decisions/",
        outcome_views.decisions,
        name="decisions",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/actions/new/",
        outcome_views.action_new,
        name="action_new",
    ),
    path("meetings/<int:pk>/presenters/", outcome_views.meeting_presenters, name="presenters"),
    path("actions/", outcome_views.my_actions, name="my_actions"),
    path("actions/<int:pk>/", outcome_views.action_detail, name="action"),
]
