"""The benefits register of a project, a programme or a report's scope: one row model
for the project page, the programme page and the report's appendix, drawn by
templates/partials/panels/benefits.html. A financial benefit's forecast is its
project's savings by confidence over every year, read beside it (models/benefits.py).
Changes go through `benefit_save`, which claims the version the form was opened at."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Self

from django.db import transaction
from django.db.models import Q

from core.concurrency import claim_version
from core.frozen_rows import FrozenRows
from programmes.models import Programme

from .access import editable_benefits_filter
from .models import Benefit, Project


@dataclass(frozen=True)
class BenefitRow:
    pk: int
    reference: str
    description: str
    kind: str  # "Financial: cashable"
    financial: bool
    measure: str
    baseline: str
    target: str
    owner: str
    expected_on: date | None
    realised_on: date | None
    status: str  # "Realising"
    evidence: str
    kept_by: str  # the project's or the programme's name
    forecast: Decimal | None = None  # a financial benefit's project's savings forecast

    @classmethod
    def of(cls, benefit: Benefit) -> Self:
        return cls(
            pk=benefit.pk,
            reference=benefit.reference,
            description=benefit.description,
            kind=benefit.get_kind_display(),
            financial=benefit.is_financial,
            measure=benefit.measure,
            baseline=benefit.baseline,
            target=benefit.target,
            owner=benefit.owner.name if benefit.owner else "",
            expected_on=benefit.expected_on,
            realised_on=benefit.realised_on,
            status=benefit.get_status_display(),
            evidence=benefit.evidence,
            kept_by=benefit.kept_at,
            forecast=getattr(benefit, "savings_forecast", None) if benefit.is_financial else None,
        )


@dataclass(frozen=True)
class BenefitRegister(FrozenRows):
    rows: list[BenefitRow]

    @classmethod
    def of(cls, benefits: Iterable[Benefit]) -> Self:
        return cls(rows=[BenefitRow.of(benefit) for benefit in benefits])

    @classmethod
    def build(
        cls, projects: Iterable[Project] | Any, programmes: Iterable[Programme] | Any
    ) -> Self:
        """The benefits of `projects` and of `programmes` (querysets), in one query."""
        benefits = Benefit.objects.filter(
            Q(project__in=projects) | Q(programme__in=programmes)
        ).for_register()
        return cls.of(benefits.order_by("programme__order", "project__order", "order", "id"))

    @property
    def realised(self) -> int:
        return sum(row.status == Benefit.Status.REALISED.label for row in self.rows)


def benefits_context(
    benefits: Any, *, user: Any, holder: Project | Programme, may_keep: bool | None = None
) -> dict[str, Any]:
    """What a project's or a programme's page needs to show its benefits register: the
    rows, the ones `user` may change, and whether they may add one. `may_keep`: whether
    the user keeps the holder's benefits, where the page knows (a project's editors keep
    all of its benefits, so nothing more is asked)."""
    register = BenefitRegister.of(benefits.for_register().order_by("project__order", "order", "id"))
    if may_keep is None:
        may_keep = user.has_perm("projects.add_benefit_to", holder)
    ids = [row.pk for row in register.rows]
    if isinstance(holder, Project):
        editable = set(ids) if may_keep else set()
    else:  # a programme's own are its owner's; its projects' their editors'
        editable = (
            set(
                Benefit.objects.filter(editable_benefits_filter(user), pk__in=ids).values_list(
                    "pk", flat=True
                )
            )
            if ids
            else set()
        )
    return {"benefits": register, "benefits_editable": editable, "may_add_benefit": may_keep}


class BenefitConflict(Exception):
    def __init__(self, benefit: Benefit) -> None:
        super().__init__("The benefit was saved by someone else")
        self.benefit = benefit


@transaction.atomic
def benefit_save(*, benefit: Benefit, version: int | None, fields: dict[str, Any]) -> Benefit:
    """Add the benefit (unsaved, its project or programme set) or change it, claiming
    the version its form was opened at: BenefitConflict when someone saved it since."""
    if benefit.pk is not None:
        if version is None or not claim_version(Benefit.objects, pk=benefit.pk, version=version):
            raise BenefitConflict(Benefit.objects.get(pk=benefit.pk))
        benefit.version = version + 1
    for name, value in fields.items():
        setattr(benefit, name, value)
    benefit.full_clean()  # a ValidationError leaves the atomic block: the claim is undone
    benefit.save()
    return benefit
