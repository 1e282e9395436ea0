"""The benefits register of a project, a programme or a report's scope: one row model
for the project page, the programme page and the report's appendix, drawn by
templates/partials/panels/benefits.html. A project's savings forecast (by confidence,
every year) is the forecast of its financial benefits: it is shown once, against the
first of them, so a project with two is not counted twice; a project with no forecast
shows none. A report reads the benefits as the audit trail had them at its cut-off.
Changes go through `benefit_save`, which claims the version the form was opened at."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Self

from django.db import transaction
from django.db.models import Q, QuerySet, Sum

from core.concurrency import claim_version
from core.frozen_rows import FrozenRows
from programmes.models import Person, Programme

from .access import editable_benefits_filter
from .models import Benefit, Project, Savings


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
    def of(cls, benefit: Any, *, owner: str, kept_by: str, forecast: Decimal | None = None) -> Self:
        """A benefit, or a record of it from the audit trail (which keeps ids only: its
        owner's and keeper's names are given)."""
        return cls(
            pk=benefit.pk,
            reference=benefit.reference,
            description=benefit.description,
            kind=Benefit.Kind(benefit.kind).label,
            financial=benefit.kind != Benefit.Kind.NON_FINANCIAL,
            measure=benefit.measure,
            baseline=benefit.baseline,
            target=benefit.target,
            owner=owner,
            expected_on=benefit.expected_on,
            realised_on=benefit.realised_on,
            status=Benefit.Status(benefit.status).label,
            evidence=benefit.evidence,
            kept_by=kept_by,
            forecast=forecast,
        )


def savings_forecasts(project_ids: Iterable[int]) -> dict[int, Decimal]:
    """{project id: its savings forecast, every year and confidence}, for the projects
    that have one: one query."""
    sums = (
        Savings.objects.filter(project_id__in=set(project_ids))
        .values("project_id")
        .annotate(high=Sum("forecast_high"), medium=Sum("forecast_medium"), low=Sum("forecast_low"))
    )
    forecasts = {}
    for row in sums:
        given = [row[name] for name in ("high", "medium", "low") if row[name] is not None]
        if given:
            forecasts[row["project_id"]] = sum(given, Decimal(0))
    return forecasts


# Where a keeper's benefits come in a register: by programme, the programme's own first,
# then its projects in their order. (The keeper's name, and that place.)
Keeper = tuple[str, tuple[int, int, int]]


def _keeper_of(benefit: Any) -> tuple[str, int]:
    if benefit.project_id:
        return ("project", benefit.project_id)
    return ("programme", benefit.programme_id)


def _rows(
    benefits: list[Any], owners: dict[int, str], keepers: dict[tuple[str, int], Keeper]
) -> list[BenefitRow]:
    """The rows in the register's order (the same on every database), a project's
    savings forecast against the first of its financial benefits."""
    unknown: Keeper = ("", (0, 0, 0))
    benefits = sorted(
        benefits,
        key=lambda b: (keepers.get(_keeper_of(b), unknown)[1], b.order, b.pk),
    )
    financial = {
        b.project_id for b in benefits if b.project_id and b.kind != Benefit.Kind.NON_FINANCIAL
    }
    forecasts = savings_forecasts(financial) if financial else {}
    rows = []
    for benefit in benefits:
        forecast = None
        if benefit.kind != Benefit.Kind.NON_FINANCIAL and benefit.project_id:
            forecast = forecasts.pop(benefit.project_id, None)  # the project's first only
        rows.append(
            BenefitRow.of(
                benefit,
                owner=owners.get(benefit.owner_id, ""),
                kept_by=keepers.get(_keeper_of(benefit), unknown)[0],
                forecast=forecast,
            )
        )
    return rows


@dataclass(frozen=True)
class BenefitRegister(FrozenRows):
    rows: list[BenefitRow]

    @classmethod
    def of(cls, benefits: Iterable[Benefit]) -> Self:
        """Benefits read with `for_register` (their owners and keepers with them), and
        their projects' savings forecasts: one query more."""
        benefits = list(benefits)
        owners = {b.owner.pk: b.owner.name for b in benefits if b.owner}
        keepers: dict[tuple[str, int], Keeper] = {}
        for b in benefits:
            if b.project:
                place = (b.project.programme.order, 1, b.project.order)
                keepers["project", b.project.pk] = (b.project.name, place)
            elif b.programme:
                keepers["programme", b.programme.pk] = (b.programme.name, (b.programme.order, 0, 0))
        return cls(rows=_rows(benefits, owners, keepers))

    @classmethod
    def build(
        cls,
        projects: QuerySet[Project],
        programmes: QuerySet[Programme],
        *,
        moment: datetime | None = None,
    ) -> Self:
        """The benefits of `projects` and of `programmes`: as they are, or as the audit
        trail had them at `moment` (a report's cut-off), with the names of their owners
        and keepers read once each."""
        in_scope = Q(project__in=projects) | Q(programme__in=programmes)
        if moment is None:
            return cls.of(Benefit.objects.filter(in_scope).for_register())
        records = list(
            Benefit.history.as_of(moment).filter(
                Q(project_id__in=projects.values("pk"))
                | Q(programme_id__in=programmes.values("pk"))
            )
        )
        owners = dict(
            Person.objects.filter(pk__in={r.owner_id for r in records} - {None}).values_list(
                "pk", "name"
            )
        )
        keepers: dict[tuple[str, int], Keeper] = {
            **{
                ("project", pk): (name, (programme_order, 1, order))
                for pk, name, programme_order, order in projects.values_list(
                    "pk", "name", "programme__order", "order"
                )
            },
            **{
                ("programme", pk): (name, (order, 0, 0))
                for pk, name, order in programmes.values_list("pk", "name", "order")
            },
        }
        return cls(rows=_rows(records, owners, keepers))

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
    register = BenefitRegister.of(benefits.for_register())
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
