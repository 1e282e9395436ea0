"""The header's navigation, by role: each person sees the pages their role uses."""

from django.conf import settings
from django.urls import reverse

from core.roles import ADMINISTRATOR, OFFICER, roles_of

# (label, url name, roles that see it; None means everyone signed in)
ITEMS = [
    ("Dashboard", "home", None),
    ("My projects", "my_projects", {OFFICER}),
    ("Projects", "projects:list", None),
    ("Strategies", "strategies", None),
    ("Contract changes", "contracts:register", None),
    ("Meetings", "forward_plan", None),
    ("Reports", "reports:list", None),
    ("Needs your attention", "notifications:attention", None),
    ("Import", "tracker:start", {OFFICER, ADMINISTRATOR}),
    ("Administration", "admin:index", {ADMINISTRATOR}),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        roles = roles_of(user)
        for label, url_name, allowed in ITEMS:
            if allowed is None or roles & allowed:
                url = reverse(url_name)
                items.append(
                    {
                        "label": label,
                        "url": url,
                        "active": request.path == url
                        or (url != "/" and request.path.startswith(url)),
                    }
                )
    return {"portal_name": settings.PORTAL_NAME, "navigation_items": items}
