"""Projects, their milestones, the dated status updates officers write, and their
risks and issues."""

from .base import (
    LATEST_FIRST,
    OPEN_STATUSES,
    DeliveryStatus,
    MilestoneStatus,
    due_between_q,
    due_day,
    overdue_milestone_q,
)
from .benefits import Benefit, BenefitQuerySet
from .dependencies import Dependency, DependencyQuerySet
from .finance import CostShare, FundingSource, LifeBudget, ProjectFinance, Savings
from .imports import TrackerImport
from .milestones import Milestone, MilestoneQuerySet, Rebaseline
from .projects import Project, ProjectQuerySet
from .raid import Escalation, Issue, RaidAction, Risk
from .updates import StatusUpdate

__all__ = [
    "Benefit",
    "BenefitQuerySet",
    "CostShare",
    "LifeBudget",
    "Dependency",
    "DependencyQuerySet",
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
    "Escalation",
    "Issue",
    "RaidAction",
    "Risk",
    "StatusUpdate",
    "TrackerImport",
    "due_between_q",
    "due_day",
    "overdue_milestone_q",
]
