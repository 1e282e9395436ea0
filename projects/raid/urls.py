from django.urls import path

from . import views

app_name = "raid"
urlpatterns = [
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
]
for noun in views.KINDS:
    urlpatterns += [
        path(f"{noun}s/new/", views.entry_new, {"noun": noun}, name=f"{noun}_new"),
        path(f"{noun}s/<int:pk>/", views.entry_detail, {"noun": noun}, name=noun),
        path(f"{noun}s/<int:pk>/edit/", views.entry_change, {"noun": noun}, name=f"{noun}_edit"),
        path(
            f"{noun}s/<int:pk>/escalate/",
            views.entry_escalation,
            {"noun": noun},
            name=f"{noun}_escalate",
        ),
        path(
            f"{noun}s/<int:pk>/actions/",
            views.action_new,
            {"noun": noun},
            name=f"{noun}_actions",
        ),
    ]
