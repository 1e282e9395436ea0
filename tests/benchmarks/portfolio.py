"""A synthetic portfolio for benchmarks: N projects, 20 milestones, 12 monthly status
updates, a finance line and a savings row each, written with bulk_create in one go.

The audit trail is written too, as the portal's own saves would have written it: the
as-at dashboard reads milestones and lifecycles from it, and what changed reads slips
from it, so a portfolio without one would time those pages with nothing to read."""

import copy
import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from core.calendar import financial_year_of
from programmes.models import Programme, RagScale, Strategy
from projects.models import (
    DeliveryStatus,
    Milestone,
    Project,
    ProjectFinance,
    Savings,
    StatusUpdate,
)

PROGRAMMES = 10
MILESTONES = 20
UPDATES = 12
STATUSES = [s for s, _ in DeliveryStatus.choices]


def _write_audit_trail(rng, projects, milestones, now):
    """Every project and milestone entered before the portfolio's first day; a slipped
    milestone entered on its baseline and given its forecast on a day of the last year
    (so some slips fall in a dashboard's "since" window and some before an as-at day)."""
    entered = now - timedelta(days=800)
    for project in projects:
        project._history_date = entered
    Project.history.bulk_history_create(projects, batch_size=5000)
    first_entries, slips = [], []
    for milestone in milestones:
        first = copy.copy(milestone)
        first._history_date = entered
        if milestone.forecast_date is not None:
            first.forecast_date = None
            milestone._history_date = now - timedelta(days=rng.randrange(1, 365))
            slips.append(milestone)
        first_entries.append(first)
    Milestone.history.bulk_history_create(first_entries, batch_size=5000)
    Milestone.history.bulk_history_create(slips, update=True, batch_size=5000)


def build_portfolio(size, *, seed=2018):
    rng = random.Random(seed)
    scale = RagScale.objects.get(slug="action-plan")
    levels = list(scale.levels.all())
    strategy = Strategy.objects.create(
        slug=f"bench-{size}", title=f"Benchmark portfolio of {size}", rag_scale=scale, order=99
    )
    programmes = Programme.objects.bulk_create(
        [Programme(strategy=strategy, name=f"Programme {i}", order=i) for i in range(PROGRAMMES)]
    )
    lifecycles = [value for value, _ in Project.Lifecycle.choices]
    projects = Project.objects.bulk_create(
        [
            Project(
                programme=programmes[i % PROGRAMMES],
                name=f"Project {i:05d}",
                reference=f"B{i:05d}",
                lifecycle_status=rng.choice(lifecycles),
                order=i,
            )
            for i in range(size)
        ],
        batch_size=2000,
    )
    today = timezone.localdate()
    start = today - timedelta(days=730)
    milestones, updates = [], []
    now = timezone.now()
    for project in projects:
        for m in range(MILESTONES):
            baseline = start + timedelta(days=rng.randrange(0, 1460))
            status = rng.choice(STATUSES)
            slipped = rng.random() < 0.3
            milestones.append(
                Milestone(
                    project=project,
                    title=f"Milestone {m}",
                    baseline_date=baseline,
                    forecast_date=baseline + timedelta(days=rng.randrange(1, 120))
                    if slipped
                    else None,
                    completed_on=min(baseline, today)
                    if status == DeliveryStatus.COMPLETE
                    else None,
                    delivery_status=status,
                    order=m,
                )
            )
        for u in range(UPDATES):
            updates.append(
                StatusUpdate(
                    project=project,
                    reported_on=today - timedelta(days=30 * (UPDATES - u)),
                    rag=rng.choice(levels),
                    delivery_status=DeliveryStatus.STARTED,
                    progress=f"Progress report {u} for {project.name}",
                    issues="Supplier resourcing" if rng.random() < 0.3 else "",
                    created_at=now,
                )
            )
    Milestone.objects.bulk_create(milestones, batch_size=5000)
    StatusUpdate.objects.bulk_create(updates, batch_size=5000)
    _write_audit_trail(rng, projects, milestones, now)
    # Money for the current financial year: a line and a savings row a project.
    year = financial_year_of(today)
    ProjectFinance.objects.bulk_create(
        [
            ProjectFinance(
                project=project,
                year=year,
                capital_budget=rng.randrange(0, 200) * 1000,
                capital_forecast=rng.randrange(0, 240) * 1000,
                revenue_budget=rng.randrange(0, 50) * 1000,
                revenue_actual=rng.randrange(0, 40) * 1000,
            )
            for project in projects
        ],
        batch_size=5000,
    )
    Savings.objects.bulk_create(
        [
            Savings(
                project=project,
                year=year,
                target=100_000,
                forecast_high=rng.randrange(0, 50) * 1000,
                forecast_medium=rng.randrange(0, 30) * 1000,
                forecast_low=rng.randrange(0, 20) * 1000,
                delivered=rng.randrange(0, 20) * 1000,
            )
            for project in projects
        ],
        batch_size=5000,
    )
    # A production database has planner statistics (autovacuum gathers them); a
    # freshly bulk-loaded one has none until it is analysed.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return strategy, programmes[0]
