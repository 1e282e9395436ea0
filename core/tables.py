"""The portal's tables: django-tables2 in GOV.UK dress."""

import django_tables2 as tables


class PortalTable(tables.Table):
    """A django-tables2 table drawn by partials/govuk_table.html: GOV.UK classes, sort
    links in the headers and the GOV.UK pagination component. Its cells are django-tables2's
    own, shaped with `render_<column>` methods and `Column` arguments; a table read as
    often as the project list draws its rows' cells in its own template's `cells` block
    instead (projects/tables.py, README Benchmarks)."""

    class Meta:
        template_name = "partials/govuk_table.html"
