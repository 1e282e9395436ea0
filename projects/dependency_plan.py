"""Dependencies between projects (or their milestones), read for a project's page and a
dashboard, and added or removed by the waiting project's editors: a claim on its version
first, as every change to a project's plan (tests/test_dependencies.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet

from .milestone_plan import claim_project
from .models import Dependency, Milestone, Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class DependencyLine:
    dependency: Dependency
    problem: str | None  # why it threatens the waiting side, if it does


@dataclass(frozen=True)
class ProjectDependencies:
    waits_on: list[DependencyLine]  # what this project waits on
    waited_by: list[DependencyLine]  # who waits on this project

    @property
    def problems(self) -> list[str]:
        """What threatens this project's own schedule."""
        return [line.problem for line in self.waits_on if line.problem]


def dependencies_of(project: Project, today: date) -> ProjectDependencies:
    """Both ends of every dependency touching the project, in one query."""
    waits_on: list[DependencyLine] = []
    waited_by: list[DependencyLine] = []
    for dependency in Dependency.objects.for_pages().touching([project.pk]):
        line = DependencyLine(dependency, dependency.problem(today))
        (waits_on if dependency.project_id == project.pk else waited_by).append(line)
    return ProjectDependencies(waits_on, waited_by)


def dependencies_at_risk(projects: QuerySet[Project], today: date) -> list[DependencyLine]:
    """The dependencies of or on a page's projects that are late or slipping: one query,
    however many there are (tests/test_query_counts.py)."""
    dependencies = Dependency.objects.for_pages().filter(
        Q(project__in=projects) | Q(on_project__in=projects)
    )
    lines = [DependencyLine(d, d.problem(today)) for d in dependencies]
    return [line for line in lines if line.problem]


@transaction.atomic
def dependency_add(
    *,
    project: Project,
    version: int,
    on_project: Project,
    milestone: Milestone | None = None,
    on_milestone: Milestone | None = None,
    note: str = "",
    by: User | None = None,
) -> Dependency:
    claim_project(project, version)
    dependency = Dependency(
        project=project,
        milestone=milestone,
        on_project=on_project,
        on_milestone=on_milestone,
        note=note.strip(),
        created_by=by,
    )
    dependency.full_clean()
    dependency.save()
    return dependency


@transaction.atomic
def dependency_remove(*, dependency: Dependency, version: int) -> None:
    claim_project(dependency.project, version)
    dependency.delete()
