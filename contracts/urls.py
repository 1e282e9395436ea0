from django.urls import path

from . import views

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<int:pk>/", views.contract_detail, name="detail"),
    path("<int:pk>/changes/new/", views.change_raise, name="change_raise"),
    path("plans/<int:pk>/", views.plan_area, name="plan_area"),
    path("changes/", views.change_register, name="register"),
    path("changes/export.xlsx", views.change_register_export, name="register_export"),
    path("changes/new/", views.change_raise_choose, name="change_raise_choose"),
    path("changes/<int:pk>/", views.change_detail, name="change"),
    path("changes/<int:pk>/edit/", views.change_edit, name="change_edit"),
    path("changes/<int:pk>/move/", views.change_move, name="change_move"),
    path("changes/<int:pk>/progress/", views.change_progress, name="change_progress"),
]
