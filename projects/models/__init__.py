"""Projects, their milestones, the dated status updates officers write, and risks."""

from .base import (
    LATEST_FIRST,
    OPEN_STATUSES,
    DeliveryStatus,
    MilestoneStatus,
    due_between_q,
    due_day,
    overdue_milestone_q,
)
from .finance import CostShare, FundingSource, ProjectFinance, Savings
from .imports import TrackerImport
from .milestones import Milestone, MilestoneQuerySet, Rebaseline
from .projects import Project, ProjectQuerySet
from .risks import Risk
from .updates import StatusUpdate

__all__ = [
    "CostShare",
    "FundingSource",
    "ProjectFinance",
    "Savings",
    "LATEST_FIRST",
    "OPEN_STATUSES",
    "DeliveryStatus",
    "Milestone",
    "MilestoneQuerySet",
    "MilestoneStatus",
    "Rebaseline",
    "Project",
    "ProjectQuerySet",
    "Risk",
    "StatusUpdate",
    "TrackerImport",
    "due_between_q",
    "due_day",
    "overdue_milestone_q",
]
