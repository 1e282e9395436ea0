import django_filters
from django.db.models import Q

from core.choice_fields import SafeModelChoiceFilter
from programmes.models import Organisation

from .lifecycle import REGISTER_ORDER
from .models import ChangeStatus, Contract, ContractChange
from .models.changes import OPEN_CHANGE_STATUSES

OPEN = "open"


class ChangeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[(OPEN, "Open (not yet implemented, withdrawn or rejected)")]
        + [(s, ChangeStatus(s).label) for s in REGISTER_ORDER],
        method="by_status",
        empty_label="Any status",
    )
    council = SafeModelChoiceFilter(
        field_name="councils_affected",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COUNCIL),
        label="Council affected",
        empty_label="Any",
        distinct=True,
    )
    category = django_filters.ChoiceFilter(
        choices=ContractChange.Category.choices, label="Category", empty_label="Any"
    )
    contract = SafeModelChoiceFilter(
        queryset=Contract.objects.all(), label="Contract", empty_label="Any"
    )

    # What the status filter reads: the API's register as at a day filters on the
    # status then (api/views.py).
    status_field = "current_status"

    class Meta:
        model = ContractChange
        fields = []

    def search(self, queryset, name, value):
        words = value.strip()
        if not words:
            return queryset
        return queryset.filter(
            Q(title__icontains=words)
            | Q(reference__icontains=words)
            | Q(description__icontains=words)
        )

    def by_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(**{f"{self.status_field}__in": OPEN_CHANGE_STATUSES})
        return queryset.filter(**{self.status_field: value})
