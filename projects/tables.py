import django_tables2 as tables

from core.tables import PortalTable

from .models import Project


class ProjectTable(PortalTable):
    name = tables.Column(verbose_name="Project", order_by=("name",))
    programme = tables.Column(order_by=("programme__order", "programme__name"))
    sponsor = tables.Column(order_by=("sponsor__name",))
    manager = tables.Column(verbose_name="Project manager", order_by=("manager__name",))
    lead = tables.Column(order_by=("lead__name",))
    lifecycle_status = tables.Column(verbose_name="Status")
    rag = tables.Column(
        verbose_name="Current RAG",
        accessor="current_rag_id",
        order_by=("current_rag_order",),
        empty_values=(),
    )
    last_reported_on = tables.Column(verbose_name="Last update")

    class Meta(PortalTable.Meta):
        # The cells are drawn from each project by this template, in `sequence`'s order.
        template_name = "projects/partials/project_table.html"
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
