"""What makes a notification: the domain apps' saves, and the reports app's renders.
Each receiver works out who should know and tells them once (notifications.sending)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse

from meetings.models import Body, Membership
from programmes.models import Person
from projects.models import OPEN_STATUSES, Issue, Milestone, Project, RaidAction, Risk, StatusUpdate
from projects.models.raid import Escalation, RaidEntry
from reports.models import Action, HighlightPack, ReportIssue
from reports.signals import pdf_rendered

from .models import Kind
from .sending import Message, notify

_muted: ContextVar[bool] = ContextVar("notifications_muted", default=False)
# The bodies that are "the strategy's board" an item is escalated to.
BOARDS = (Body.Kind.BOARD, Body.Kind.PROGRAMME_BOARD, Body.Kind.MANAGEMENT_BOARD)


@contextmanager
def muted() -> Iterator[None]:
    """No notifications for what is saved inside: loading the demo's papers, or the
    tests' small world, is not news."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def listening(raw: bool) -> bool:
    return not raw and not _muted.get()


def project_owners(project: Project) -> list[Person | None]:
    """Who answers for a project: its sponsor and its programme's owner."""
    return [project.sponsor, project.programme.owner]


@receiver(post_save, sender=StatusUpdate)
def project_turned_red(
    sender: Any, instance: StatusUpdate, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if not (created and listening(raw) and instance.rag_id):
        return
    rag = instance.rag
    # RagLevel.order: 0 is its scale's worst level (Red, on every key the papers use).
    if rag is None or rag.order != 0:
        return
    before = (
        StatusUpdate.objects.filter(project_id=instance.project_id)
        .exclude(pk=instance.pk)
        .select_related("rag")
        .order_by("-reported_on", "-created_at", "-pk")
        .first()
    )
    if before is not None and (
        before.reported_on > instance.reported_on or (before.rag and before.rag.order == 0)
    ):
        return  # an older period filled in, or Red already
    project = Project.objects.select_related("sponsor__user", "programme__owner__user").get(
        pk=instance.project_id
    )
    author = instance.author
    by = f" by {author.get_full_name() or author}" if author is not None else ""
    body = (
        f"{project} was reported {rag.label} ({rag.words}) as at "
        f"{instance.reported_on:%-d %B %Y}{by}.\n"
    )
    if instance.progress.strip():
        body += f"\nProgress: {instance.progress.strip()}"
    if instance.issues.strip():
        body += f"\nIssues and risks to escalate: {instance.issues.strip()}"
    notify(
        [
            person
            for person in project_owners(project)
            if person is None or author is None or person.user_id != author.pk
        ],
        Message(
            kind=Kind.PROJECT_RED,
            key=f"project_red:{instance.pk}",
            subject=f"{project.name} is now {rag.label}",
            body=body,
            link=reverse("projects:detail", args=[project.pk]),
        ),
    )


def slipped_days(milestone: Milestone) -> int:
    """Days its due date is past its baseline, if more than PORTAL_SLIP_NOTIFY_DAYS and it
    is still open; else 0."""
    due, baseline = milestone.due_date, milestone.baseline_date
    if not (due and baseline) or milestone.delivery_status not in OPEN_STATUSES:
        return 0
    late = (due - baseline).days
    return late if late > settings.PORTAL_SLIP_NOTIFY_DAYS else 0


@receiver(pre_save, sender=Milestone)
def remember_due_date(sender: Any, instance: Milestone, raw: bool = False, **kwargs: Any) -> None:
    # Only for a save that would be news: one query, to tell a slip from a pull-in.
    if listening(raw) and instance.pk and slipped_days(instance):
        before = Milestone.objects.filter(pk=instance.pk).first()
        instance._due_before = before.due_date if before else None  # type: ignore[attr-defined]


@receiver(post_save, sender=Milestone)
def milestone_slipped(
    sender: Any, instance: Milestone, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    late = slipped_days(instance) if listening(raw) else 0
    if not late:
        return
    before = getattr(instance, "_due_before", None)
    due = instance.due_date
    assert due is not None and instance.baseline_date is not None  # slipped_days
    if not created and (before is None or due <= before):
        return  # moved earlier, or saved with the date it had: no news
    project = Project.objects.select_related("sponsor__user", "programme__owner__user").get(
        pk=instance.project_id
    )
    notify(
        project_owners(project),
        Message(
            kind=Kind.MILESTONE_SLIPPED,
            key=f"milestone_slipped:{instance.pk}:{due.isoformat()}",
            subject=f"{project.name}: “{instance.title}” has slipped {late} days",
            body=f"The milestone “{instance.title}” of {project} is now due "
            f"{due:%-d %B %Y}, {late} days after its baseline of "
            f"{instance.baseline_date:%-d %B %Y}.",
            link=reverse("projects:detail", args=[project.pk]),
        ),
    )


@receiver(post_save, sender=Action)
def meeting_action_assigned(
    sender: Any, instance: Action, raw: bool = False, **kwargs: Any
) -> None:
    if not listening(raw) or instance.status == Action.Status.DONE:
        return
    due = f" by {instance.due:%-d %B %Y}" if instance.due else ""
    notify(
        [instance.owner],
        Message(
            kind=Kind.ACTION_ASSIGNED,
            key=f"action_assigned:meeting:{instance.pk}:{instance.owner_id}",
            subject=f"An action for you from {instance.meeting}",
            body=f"{instance.meeting} gave you an action{due}:\n\n{instance.description}",
            link=reverse("reports:action", args=[instance.pk]),
        ),
    )


@receiver(post_save, sender=RaidAction)
def raid_action_assigned(
    sender: Any, instance: RaidAction, raw: bool = False, **kwargs: Any
) -> None:
    if not listening(raw) or instance.owner_id is None or instance.done_on:
        return
    entry = instance.risk or instance.issue
    assert entry is not None  # a risk's or an issue's: the check constraint
    noun = "risk" if instance.risk_id else "issue"
    due = f" by {instance.due_on:%-d %B %Y}" if instance.due_on else ""
    notify(
        [instance.owner],
        Message(
            kind=Kind.ACTION_ASSIGNED,
            key=f"action_assigned:raid:{instance.pk}:{instance.owner_id}",
            subject=f"An action for you on the {noun} {entry}",
            body=f"You have an action{due} on the {noun} {entry} ({entry.kept_by}):\n\n"
            f"{instance.description}",
            link=reverse(f"raid:{noun}", args=[entry.pk]),
        ),
    )


def escalated_to(entry: RaidEntry) -> list[Person | None]:
    """Who receives an escalation: the programme's owner, or the strategy's board."""
    if entry.escalated_to == Escalation.PROGRAMME:
        programme = entry.programme or (entry.project.programme if entry.project else None)
        return [programme.owner if programme else None]
    memberships = Membership.objects.filter(
        body__kind__in=BOARDS, body__strategies=entry.owning_strategy
    ).select_related("person__user")
    return [membership.person for membership in memberships]


@receiver(pre_save, sender=Risk)
@receiver(pre_save, sender=Issue)
def remember_escalation(sender: Any, instance: RaidEntry, raw: bool = False, **kwargs: Any) -> None:
    # Only for an escalated item: one query, so an edit of one already escalated tells no one.
    if listening(raw) and instance.escalated_to:
        instance._escalated_before = (  # type: ignore[attr-defined]
            sender.objects.filter(pk=instance.pk).values_list("escalated_to", flat=True).first()
            if instance.pk
            else None
        )


@receiver(post_save, sender=Risk)
@receiver(post_save, sender=Issue)
def raid_escalated(sender: Any, instance: RaidEntry, raw: bool = False, **kwargs: Any) -> None:
    if not listening(raw) or not instance.escalated_to:
        return
    if getattr(instance, "_escalated_before", None) == instance.escalated_to:
        return
    noun = "risk" if isinstance(instance, Risk) else "issue"
    where = instance.get_escalated_to_display().lower()  # type: ignore[attr-defined]
    notify(
        escalated_to(instance),
        Message(
            kind=Kind.ESCALATED,
            key=f"escalated:{noun}:{instance.pk}:{instance.escalated_to}",
            subject=f"The {noun} {instance} is {where}",
            body=f"The {noun} {instance} of {instance.kept_by} is {where}."
            f"\n\nWhy: {instance.escalation_reason}",
            link=reverse(f"raid:{noun}", args=[instance.pk]),
        ),
    )


def render_began(rendered: ReportIssue | HighlightPack) -> str:
    """When the render that just ended began: a render retried and ended again is news."""
    began = rendered.render_started_at
    return began.isoformat() if began else ""


@receiver(pdf_rendered, sender=ReportIssue)
def report_rendered(sender: Any, rendered: ReportIssue, **kwargs: Any) -> None:
    issue = ReportIssue.objects.select_related("report", "issued_by__person").get(pk=rendered.pk)
    link = reverse("reports:issue", args=[issue.pk])
    ready = issue.state == ReportIssue.State.ISSUED
    notify(
        [getattr(issue.issued_by, "person", None)],
        Message(
            kind=Kind.RENDER_DONE,
            # Each render's end once: a retry that fails again is news again.
            key=f"render_done:{issue.pk}:{issue.state}:{render_began(issue)}",
            subject=f"{issue.report.title}, {issue.label}: "
            + ("the PDF is ready" if ready else "the PDF could not be made"),
            body=f"The PDF of {issue.report.title}, {issue.label}, "
            + (
                f"is ready: {issue.pages} pages."
                if ready
                else f"could not be made after {issue.attempts} attempts: {issue.error}\n\n"
                "Open it to try again."
            ),
            link=link,
        ),
    )
    if ready and issue.is_final:
        tell_bodies_of(issue, link)


@receiver(pdf_rendered, sender=HighlightPack)
def highlight_pack_failed(sender: Any, rendered: HighlightPack, **kwargs: Any) -> None:
    pack = HighlightPack.objects.select_related("issue__report", "issue__issued_by__person").get(
        pk=rendered.pk
    )
    if pack.state != HighlightPack.State.FAILED:
        return  # made: the version's page links it, and its clerk heard of the version
    issue = pack.issue
    notify(
        [getattr(issue.issued_by, "person", None)],
        Message(
            kind=Kind.RENDER_DONE,
            key=f"render_done:pack:{pack.pk}:{render_began(pack)}",
            subject=f"{issue.report.title}, {issue.label}: the highlight reports could not be made",
            body=f"The highlight reports to go with {issue.report.title}, {issue.label}, could "
            f"not be made after {pack.attempts} attempts: {pack.error}\n\nOpen the version to "
            "try again.",
            link=reverse("reports:issue", args=[issue.pk]),
        ),
    )


def tell_bodies_of(issue: ReportIssue, link: str) -> None:
    """The members of each body the report goes to: a link to the Final, never the PDF
    (a restricted report's exempt parts stay behind the sign-in)."""
    report = issue.report
    meetings = list(report.meetings.select_related("body").order_by("date"))
    members = Membership.objects.filter(body__in=[m.body_id for m in meetings]).select_related(
        "person__user"
    )
    exempt = (
        "\n\nIt contains exempt information: keep it to yourself."
        if report.exempt_paragraph
        else ""
    )
    going_to = "; ".join(str(meeting) for meeting in meetings)
    notify(
        [membership.person for membership in members],
        Message(
            kind=Kind.REPORT_ISSUED,
            key=f"report_issued:{issue.pk}",
            subject=f"Issued: {report.title}",
            body=f"The final version of {report.title} is issued for {going_to}." + exempt,
            link=link,
        ),
    )
