"""What the reports app tells the apps above it, which it must not import."""

from django.dispatch import Signal

# A stored PDF's render ended: sent with `rendered` (a ReportIssue or a HighlightPack) once
# it is issued, or once it failed for good (reports.render_tasks). The notifications app
# tells the clerk, and a body's members of a Final.
pdf_rendered = Signal()
