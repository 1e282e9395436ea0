import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.tables import PortalTable

from .models import ContractChange


def _link(url, text):
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, text)


class ChangeTable(PortalTable):
    """The change register. Every column reads what `for_register()` fetched."""

    noun = "change"
    reference = tables.Column(default="–")
    title = tables.Column(verbose_name="Change")
    status = tables.Column(accessor="current_status", order_by=("status_order",))
    category = tables.Column()
    councils = tables.Column(
        verbose_name="Councils affected", accessor="pk", orderable=False, empty_values=()
    )
    financial_impact = tables.Column(accessor="pk", orderable=False, empty_values=())
    linked_projects = tables.Column(accessor="pk", orderable=False, empty_values=())
    contract = tables.Column(order_by=("contract__name",))

    class Meta(PortalTable.Meta):
        model = ContractChange
        fields = ()
        sequence = (
            "reference",
            "title",
            "status",
            "category",
            "councils",
            "financial_impact",
            "linked_projects",
            "contract",
        )
        empty_text = "No contract changes match these filters."

    def render_title(self, record):
        return _link(reverse("contracts:change", args=[record.pk]), record.title)

    def render_status(self, record):
        return format_html(
            '<strong class="govuk-tag app-change-tag--{}">{}</strong>',
            record.status,
            record.status_label,
        )

    def value_status(self, record):
        return record.status_label

    def render_councils(self, record):
        return ", ".join(council.code for council in record.councils_affected.all()) or "–"

    def render_financial_impact(self, record):
        return record.financial_impact

    def render_linked_projects(self, record):
        projects = list(record.projects.all())
        if not projects:
            return "–"
        return format_html_join(
            mark_safe("<br>"),
            '<a class="govuk-link" href="{}">{}</a>',
            ((reverse("projects:detail", args=[p.pk]), str(p)) for p in projects),
        )
