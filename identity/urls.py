from django.urls import path

from .views import account

app_name = "identity"
urlpatterns = [
    path("", account.account_page, name="account"),
]
