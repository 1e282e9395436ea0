from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.attention, name="attention"),
    path("settings/", views.preferences, name="preferences"),
]
