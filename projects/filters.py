from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.choice_fields import SafeModelChoiceFilter
from programmes.models import Organisation, Person, Programme, RagLevel, Strategy

from .models import OPEN_STATUSES, Milestone, Project, due_between_q, overdue_milestone_q

DUE_WINDOWS = [
    ("overdue", "Overdue milestones"),
    ("next_30", "Milestones due in the next 30 days"),
    ("next_90", "Milestones due in the next 90 days"),
]


def rag_choices():
    choices = [("flagged", "Red or Amber (needs a reason)"), ("none", "No RAG yet")]
    for level in RagLevel.objects.select_related("scale"):
        choices.append((str(level.pk), f"{level.label} – {level.words} ({level.scale.name})"))
    return choices


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    strategy = SafeModelChoiceFilter(
        field_name="programme__strategy",
        queryset=Strategy.objects.all(),
        label="Strategy",
        empty_label="Any",
    )
    programme = SafeModelChoiceFilter(
        queryset=Programme.objects.select_related("strategy"), label="Programme", empty_label="Any"
    )
    lifecycle_status = django_filters.ChoiceFilter(
        choices=Project.Lifecycle.choices, label="Status", empty_label="Any status"
    )
    rag = django_filters.ChoiceFilter(
        choices=[], method="by_rag", label="Current RAG", empty_label="Any RAG"
    )
    council = SafeModelChoiceFilter(
        field_name="councils_impacted",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COUNCIL),
        label="Council impacted",
        empty_label="Any",
    )
    sponsor = SafeModelChoiceFilter(
        queryset=Person.objects.filter(sponsored_projects__isnull=False).distinct(),
        label="Sponsor",
        empty_label="Any",
    )
    lead = SafeModelChoiceFilter(
        queryset=Person.objects.filter(led_projects__isnull=False).distinct(),
        label="Lead",
        empty_label="Any",
    )
    due = django_filters.ChoiceFilter(
        choices=DUE_WINDOWS, method="by_due", label="Milestones", empty_label="Any"
    )

    class Meta:
        model = Project
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Levels are data an administrator may add to, so the choices are read per request,
        # onto this request's form: a filter's own field, once built, is kept and copied
        # into every later FilterSet (drf-spectacular builds them to describe the API), so
        # choices set on the filter would come too late (tests/test_project_list.py).
        self.form.fields["rag"].choices = rag_choices()

    def search(self, queryset, name, value):
        words = value.strip()
        if not words:
            return queryset
        return queryset.filter(
            Q(name__icontains=words)
            | Q(reference__icontains=words)
            | Q(description__icontains=words)
        )

    def by_rag(self, queryset, name, value: str):
        if value == "none":
            return queryset.filter(current_rag_id__isnull=True)
        if value == "flagged":
            flagged = RagLevel.objects.filter(needs_reason=True).values("pk")
            return queryset.filter(current_rag_id__in=flagged)
        return queryset.filter(current_rag_id=value)

    def by_due(self, queryset, name, value):
        today = timezone.localdate()
        milestones = Milestone.objects.filter(project=OuterRef("pk"))
        if value == "overdue":
            milestones = milestones.filter(overdue_milestone_q(today))
        else:
            days = 30 if value == "next_30" else 90
            milestones = milestones.filter(
                due_between_q(today, today + timedelta(days=days)),
                delivery_status__in=OPEN_STATUSES,
            )
        return queryset.filter(Exists(milestones))
