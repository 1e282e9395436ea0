from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/export.xlsx", views.programme_export, name="export"),
]
