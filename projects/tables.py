import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html

from core.tables import PortalTable
from core.templatetags.rag import rag_badge

from .models import Project


class ProjectTable(PortalTable):
    name = tables.Column(verbose_name="Project", order_by=("name",))
    programme = tables.Column(order_by=("programme__order", "programme__name"))
    sponsor = tables.Column(order_by=("sponsor__name",), default="–")
    manager = tables.Column(
        verbose_name="Project manager", order_by=("manager__name",), default="TBC"
    )
    lead = tables.Column(order_by=("lead__name",), default="–")
    lifecycle_status = tables.Column(verbose_name="Status")
    rag = tables.Column(
        verbose_name="Current RAG",
        accessor="current_rag_id",
        order_by=("current_rag_order",),
        empty_values=(),
    )
    # A plain column with its own render: DateColumn compiles a template for every cell.
    last_reported_on = tables.Column(verbose_name="Last update", default="Never")

    class Meta(PortalTable.Meta):
        model = Project
        fields = ()
        # RAG next to the name: it is what members scan the list for.
        sequence = (
            "name",
            "rag",
            "lifecycle_status",
            "programme",
            "sponsor",
            "manager",
            "lead",
            "last_reported_on",
        )
        empty_text = "No projects match these filters."

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = levels or {}

    def render_name(self, record):
        label = f"{record.reference} {record.name}".strip()
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("projects:detail", args=[record.pk]),
            label,
        )

    def render_last_reported_on(self, value):
        return date_format(value, "SHORT_DATE_FORMAT")

    def render_rag(self, value, record):
        none_words = "no RAG recorded" if record.last_reported_on else "no update yet"
        return rag_badge(self.levels.get(value), none_words)

    def value_rag(self, value):
        level = self.levels.get(value)
        return f"{level.label} – {level.words}" if level else ""
