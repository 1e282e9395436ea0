from .reports.models import Report, ReportIssue

__all__ = ["Report", "ReportIssue"]
