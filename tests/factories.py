"""Small builders for test data: the world (tests/world.py) is made of them, and a test
adds what it needs beside it. Keyword-only, with defaults."""

import functools
import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from contracts.models import ChangeTransition, Contract, ContractChange
from core.roles import ADMINISTRATOR, role_groups
from meetings.models import Body, Meeting
from programmes.models import Organisation, Person, Programme, RagScale, Strategy
from projects.models import DeliveryStatus, Milestone, Project, StatusUpdate

# Every test sign-in has this password: the browser and sign-in tests type it.
PASSWORD = "portal-demo"

_counter = itertools.count(1)


@functools.cache
def _password_hash():
    # Hashed once a run: hashing is slow by design, and the world has six sign-ins.
    return make_password(PASSWORD)


def make_strategy(*, scale_slug="action-plan", title=None, organisations=(), **fields):
    n = next(_counter)
    strategy = Strategy.objects.create(
        slug=fields.pop("slug", f"test-strategy-{n}"),
        title=title or f"Test strategy {n}",
        rag_scale=RagScale.objects.get(slug=scale_slug),
        order=fields.pop("order", 100 + n),
        **fields,
    )
    strategy.organisations.set(organisations)
    return strategy


def make_programme(*, strategy=None, name=None, **fields):
    n = next(_counter)
    return Programme.objects.create(
        strategy=strategy or make_strategy(), name=name or f"Programme {n}", **fields
    )


def make_project(*, programme=None, name=None, councils=(), **fields):
    n = next(_counter)
    if programme is None:
        programme = make_programme()
    project = Project.objects.create(programme=programme, name=name or f"Project {n}", **fields)
    project.councils_impacted.set(councils)
    return project


def make_update(*, project, code=None, reported_on=date(2022, 3, 7), **fields):
    rag = project.rag_scale.levels.get(code=code) if code else None
    return StatusUpdate.objects.create(project=project, rag=rag, reported_on=reported_on, **fields)


def make_milestone(*, project, title="Milestone", **fields):
    return Milestone.objects.create(project=project, title=title, **fields)


def make_organisation(*, code=None, name=None, kind=Organisation.Kind.COUNCIL):
    n = next(_counter)
    return Organisation.objects.create(
        code=code or f"ORG{n}", name=name or f"Organisation {n}", kind=kind
    )


def make_person(*, name=None, **fields):
    return Person.objects.create(name=name or f"Person {next(_counter)}", **fields)


def make_user(*, role, username=None, first_name="", last_name="", person=None):
    """A sign-in in one of the four roles (core.roles), with the tests' password; an
    administrator is staff and superuser, as the admin site needs. `person`, if given,
    is the Person the sign-in is (officers need one to edit anything)."""
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@example.org",
        password=_password_hash(),
        is_staff=role == ADMINISTRATOR,
        is_superuser=role == ADMINISTRATOR,
    )
    user.groups.add(role_groups()[role])
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    return user


def make_body(*, name=None, councils=(), strategies=(), **fields):
    """A board or committee of `councils` that receives a report on each of
    `strategies` at every meeting."""
    fields.setdefault("kind", Body.Kind.CABINET)
    body = Body.objects.create(name=name or f"Body {next(_counter)}", **fields)
    body.organisations.set(councils)
    body.strategies.set(strategies)
    return body


def make_meeting(*, body, on, reports=(), **fields):
    """A meeting of `body` on the day `on`, with `reports` going to it."""
    meeting = Meeting.objects.create(body=body, date=on, **fields)
    for report in reports:
        report.meetings.add(meeting)
    return meeting


def make_contract(*, name=None, supplier=None, partners=(), managers=(), **fields):
    n = next(_counter)
    contract = Contract.objects.create(
        name=name or f"Contract {n}",
        supplier=supplier or make_organisation(kind=Organisation.Kind.SUPPLIER),
        **fields,
    )
    contract.partners.set(partners)
    contract.managers.set(managers)
    return contract


def make_change(
    *, contract, title=None, status=ContractChange.Status.PROPOSED, on=date(2022, 3, 7), **fields
):
    """A change with one transition putting it at `status` (as a paper records it: the
    status on a day, not the moves that led there)."""
    councils = fields.pop("councils", ())
    projects = fields.pop("projects", ())
    managers = fields.pop("managers", ())
    change = ContractChange.objects.create(
        contract=contract, title=title or f"Change {next(_counter)}", **fields
    )
    change.councils_affected.set(councils)
    change.projects.set(projects)
    change.managers.set(managers)
    ChangeTransition.objects.create(change=change, to_status=status, on=on, reason="Recorded")
    return change


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


# The day the world's projects were last reported (tests/world.py).
REPORTED = date(2022, 3, 7)


def report(project, code, progress, **fields):
    """A status update, as the world's projects were last reported: on 7 March 2022."""
    fields.setdefault("delivery_status", DeliveryStatus.STARTED)
    make_update(project=project, code=code, reported_on=REPORTED, progress=progress, **fields)
