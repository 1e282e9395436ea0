from .decisions import Action, Decision
from .reports import (
    EXEMPT_PARAGRAPHS,
    SECTIONS,
    HighlightPack,
    Report,
    ReportIssue,
    ReportMeeting,
    default_appendices,
)

__all__ = [
    "EXEMPT_PARAGRAPHS",
    "SECTIONS",
    "Action",
    "Decision",
    "HighlightPack",
    "Report",
    "ReportIssue",
    "ReportMeeting",
    "default_appendices",
]
