from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.roles import OFFICER, has_role
from programmes.models import Person
from projects.my_projects import my_projects


class Command(BaseCommand):
    help = (
        "Email each officer whose status updates are due this reporting period, listing the "
        "projects with links. People named on projects who have no sign-in are reported."
    )

    def handle(self, *args, **options):
        if not settings.PORTAL_BASE_URL:
            raise CommandError(
                "Set PORTAL_BASE_URL (the address people reach the portal at) for the links."
            )
        today = timezone.localdate()
        named = (
            Person.objects.filter(
                Q(sponsored_projects__isnull=False)
                | Q(managed_projects__isnull=False)
                | Q(led_projects__isnull=False)
                | Q(editable_projects__isnull=False)
            )
            .distinct()
            .select_related("user")
        )
        sent, skipped = 0, []
        for person in named.order_by("name"):
            mine = my_projects(person, today)
            if not mine.due:
                continue
            reason = self._cannot_send(person)
            if reason:
                skipped.append((person, reason, len(mine.due)))
                continue
            self._send(person, mine.due, mine.period_start)
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminder{'s' if sent != 1 else ''}."))
        for person, reason, count in skipped:
            self.stdout.write(f"Skipped {person.name} ({reason}): {count} update(s) due.")

    def _cannot_send(self, person):
        """Why this person gets no email, or None: only officers can act on the links."""
        if person.user is None:
            return "no sign-in"
        if not has_role(person.user, OFFICER):
            return "not an officer"
        if not (person.user.email or person.email):
            return "no email address"
        return None

    def _send(self, person, projects, since):
        lines = [
            f"Dear {person.name},",
            "",
            f"These projects have had no status update since {since.day} {since:%B %Y}:",
            "",
        ]
        for project in projects:
            url = settings.PORTAL_BASE_URL + reverse("projects:update", args=[project.pk])
            overdue = (
                f" – {project.overdue_milestones} overdue milestone(s)"
                if project.overdue_milestones
                else ""
            )
            lines.append(f"- {project.name}{overdue}: {url}")
        lines += ["", f"{settings.PORTAL_NAME}"]
        send_mail(
            subject=f"Status updates due on {len(projects)} project(s)",
            message="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.user.email or person.email],
        )
