"""Every page of the portal, wired from the apps that serve them."""

from django.contrib import admin
from django.urls import include, path

from api.token_views import api_token_revoke, api_tokens
from core.health import healthz
from core.views import accessibility_statement
from dashboards import views as dashboards
from dashboards.urls import programme_urls
from identity.views.break_glass import BreakGlassSignInView
from identity.views.sign_in import PasswordSignInView
from identity.views.sign_out import SignOutView
from programmes.rag_styles import rag_stylesheet
from projects import views as projects
from reports.views import forward_plan_page, project_highlight

admin.site.site_header = "Technology strategy programme portal: administration"
admin.site.site_title = "Portal administration"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("rag.css", rag_stylesheet, name="rag_css"),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("", dashboards.dashboard, name="home"),
    path("strategies/", dashboards.strategies, name="strategies"),
    path("money.xlsx", dashboards.money_export, name="money_export"),
    path("portfolio.xlsx", projects.portfolio_export, name="portfolio_export"),
    path("import/", include("projects.tracker.urls")),
    path("programmes/", include(programme_urls)),
    path("my/", projects.my_projects_page, name="my_projects"),
    path("sign-in/", PasswordSignInView.as_view(), name="login"),
    path("sign-in/break-glass/", BreakGlassSignInView.as_view(), name="break_glass_sign_in"),
    path("sign-out/", SignOutView.as_view(), name="logout"),
    # Signing in with the council's account (OpenID Connect): /oidc/authenticate/ and the
    # redirect URI the provider is given, /oidc/callback/.
    path("oidc/", include("identity.oidc_urls")),
    # A project's highlight report is the reports app's, at the project's address.
    path("projects/<int:pk>/highlight.pdf", project_highlight, name="project_highlight"),
    path("projects/", include("projects.urls")),
    path("raid/", include("projects.raid.urls")),
    path("kpis/", include("programmes.urls")),
    path("contracts/", include("contracts.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("account/", include("identity.urls")),
    path("account/api-tokens/", api_tokens, name="api_tokens"),
    path("account/api-tokens/<int:pk>/revoke/", api_token_revoke, name="api_token_revoke"),
    path("api/v1/", include("api.urls")),
    path("meetings/", forward_plan_page, name="forward_plan"),
    path("admin/", admin.site.urls),
]

handler500 = "core.errors.server_error"
