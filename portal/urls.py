from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import SignInForm
from .health import healthz
from .rag_styles import rag_stylesheet

admin.site.site_header = "Technology strategy programme portal: administration"
admin.site.site_title = "Portal administration"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("rag.css", rag_stylesheet, name="rag_css"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("", views.dashboard, name="home"),
    path("strategies/", views.strategies, name="strategies"),
    path("money.xlsx", views.money_export, name="money_export"),
    path("portfolio.xlsx", views.portfolio_export, name="portfolio_export"),
    path("import/", include("projects.tracker.urls")),
    path("programmes/", include("programmes.urls")),
    path("my/", views.my_projects_page, name="my_projects"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="portal/sign_in.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("projects/", include("projects.urls")),
    path("contracts/", include("contracts.urls")),
    path("reports/", include("portal.reports.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "portal.errors.server_error"
