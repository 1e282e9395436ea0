from django.urls import path

from . import views

app_name = "tracker"
urlpatterns = [
    path("", views.import_start, name="start"),
    path("<int:pk>/", views.import_preview, name="preview"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
    path("<int:pk>/cancel/", views.import_cancel, name="cancel"),
]
