"""Small builders for test data beyond the demo set. Keyword-only, with defaults."""

import itertools
from datetime import date

from programmes.models import Person, Programme, RagScale, Strategy
from projects.models import Milestone, Project, StatusUpdate

_counter = itertools.count(1)


def make_strategy(*, scale_slug="action-plan", title=None):
    n = next(_counter)
    return Strategy.objects.create(
        slug=f"test-strategy-{n}",
        title=title or f"Test strategy {n}",
        rag_scale=RagScale.objects.get(slug=scale_slug),
        order=100 + n,
    )


def make_project(*, programme=None, name=None, **fields):
    n = next(_counter)
    if programme is None:
        programme = Programme.objects.create(strategy=make_strategy(), name=f"Programme {n}")
    return Project.objects.create(programme=programme, name=name or f"Project {n}", **fields)


def make_update(*, project, code=None, reported_on=date(2022, 3, 7), **fields):
    rag = project.rag_scale.levels.get(code=code) if code else None
    return StatusUpdate.objects.create(project=project, rag=rag, reported_on=reported_on, **fields)


def make_milestone(*, project, title="Milestone", **fields):
    return Milestone.objects.create(project=project, title=title, **fields)


def make_person(*, name=None):
    return Person.objects.create(name=name or f"Person {next(_counter)}")


def make_previewed_import(*, strategy, user, content, today=None):
    """An uploaded tracker with its preview, as the upload page leaves it."""
    from projects.models import TrackerImport
    from projects.tracker.apply import plan_workbook

    plan = plan_workbook(
        strategy=strategy, user=user, filename="tracker.xlsx", content=content, today=today
    )
    tracker_import = TrackerImport.objects.create(
        filename="tracker.xlsx",
        content=content,
        strategy=strategy,
        uploaded_by=user,
        plan=plan.as_json(),
        plan_digest=plan.digest(),
    )
    return tracker_import, plan
