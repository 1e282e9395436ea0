from django.urls import path

from . import benefit_views, dependency_views, milestone_views, views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.xlsx", views.project_export, name="export"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("benefits/add/", benefit_views.benefit_new, name="benefit_new"),
    path("benefits/<int:pk>/", benefit_views.benefit_change, name="benefit"),
    path("<int:pk>/update/", views.project_update, name="update"),
    path("<int:pk>/milestones/", milestone_views.milestone_plan, name="milestones"),
    path("<int:pk>/milestones/add/", milestone_views.milestone_new, name="milestone_new"),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/",
        milestone_views.milestone_change,
        name="milestone",
    ),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/withdraw/",
        milestone_views.milestone_withdrawal,
        name="milestone_withdraw",
    ),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/move/",
        milestone_views.milestone_reorder,
        name="milestone_move",
    ),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/delete/",
        milestone_views.milestone_removal,
        name="milestone_delete",
    ),
    path("<int:pk>/dependencies/add/", dependency_views.dependency_new, name="dependency_new"),
    path(
        "<int:pk>/dependencies/<int:dependency_pk>/delete/",
        dependency_views.dependency_delete,
        name="dependency_delete",
    ),
]
